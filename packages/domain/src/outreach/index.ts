// Communication activities, population figures and indicators T4 and T5 (DOMAIN.md §2, §3, §7).
export * from './codes.js';
export * from './schemas.js';
export * from './reach.js';
export * from './messages.js';
export * from './import-rows.js';
