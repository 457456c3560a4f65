export * from './test-database.js';
export * from './service-process.js';
