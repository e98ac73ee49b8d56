// Community reports (tin báo từ cộng đồng): the public form and the staff app send them, commune officers
// triage them. Code lists with their labels, input and output schemas.
export * from './codes.js';
export * from './schemas.js';
