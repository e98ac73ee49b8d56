// The perpetrator domain (DOMAIN.md §5): the record and its identity, counselling, handling measures,
// the community-criticism rule of Law 13/2022 and indicator T2.
export * from './identity.js';
export * from './messages.js';
export * from './schemas.js';
export * from './rules.js';
export * from './views.js';
