// Training (T3), the officials roster, the communicators' network and trusted addresses (DOMAIN.md §6, §7).
export * from './labels.js';
export * from './t3.js';
export * from './schemas.js';
