// The case-management domain (DOMAIN.md §4): classification, risk, timeliness and T1, identity, life
// cycle, input schemas and their messages. Internal time helpers stay unexported.
export * from './labels.js';
export * from './violence.js';
export * from './risk.js';
export * from './timeliness.js';
export * from './identity.js';
export * from './life-cycle.js';
export * from './schemas.js';
export * from './messages.js';
export * from './views.js';
export { instantMs, vietnamDateOf } from './time.js';
