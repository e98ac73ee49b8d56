// Periodic reports (DOMAIN.md §8): periods, figures, small-cell suppression, API shapes.
export * from './periods.js';
export * from './figures.js';
export * from './suppression.js';
export * from './schemas.js';
export * from './reporting-line.js';
