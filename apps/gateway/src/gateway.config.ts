import { env, loadEnv, NatsEnv } from '#platform';

export const GatewayEnv = {
  ...NatsEnv,
  PORT: env.int(3000, 0, 65535),
  ADMIN_API_KEY: env.string(),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT_BYTES: env.int(256 * 1024, 1024, 10 * 1024 * 1024),
  /** Rows one bulk import (POST /v1/companies/import) may have; past them the import is refused 413 and nothing of it stored. */
  IMPORT_MAX_ROWS: env.int(5_000, 1, 100_000),
  /** How long a partner's API key stays trusted without asking the companies service again. */
  AUTH_CACHE_MS: env.int(30_000, 0, 3_600_000),
  /** Requests one API key may make in any minute, each counted by its route's cost (see RateCost). */
  RATE_LIMIT_PER_MINUTE: env.int(600, 1),
  /** Failed authentications (401) one client address may have in any minute; past them it is refused 429 for a minute, whatever key it sends. */
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: env.int(20, 1),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig() {
  return loadEnv(GatewayEnv);
}
