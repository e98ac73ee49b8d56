// Plans, indicators and targets (DOMAIN.md §1–2): measures, statuses, schemas.
export * from './measures.js';
export * from './status.js';
export * from './schemas.js';
export * from './plan-85.js';
