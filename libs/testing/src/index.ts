export * from './test-database.js';
export * from './service-process.js';
export * from './sanctions-list-files.js';
export * from './seeded-random.js';
export * from './jetstream-probe.js';
