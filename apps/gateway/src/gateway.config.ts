import { env, loadEnv, NatsEnv } from '#platform';

export const GatewayEnv = {
  ...NatsEnv,
  PORT: env.int(3000, 0, 65535),
  ADMIN_API_KEY: env.string(),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT_BYTES: env.int(256 * 1024, 1024, 10 * 1024 * 1024),
  /** How long a partner's API key stays trusted without asking the companies service again. */
  AUTH_CACHE_MS: env.int(30_000, 0, 3_600_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig() {
  return loadEnv(GatewayEnv);
}
