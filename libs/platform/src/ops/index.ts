export * from './metrics.js';
export * from './in-flight.js';
export * from './rpc-metrics.interceptor.js';
export * from './service-health.js';
export * from './ops.module.js';
export * from './shutdown.js';
export * from './route-access.js';
