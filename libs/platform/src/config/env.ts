/** One environment variable: how to read it, and what to say when it is wrong. */
export interface EnvVar<T> {
  read(raw: string | undefined): T;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function required<T>(parse: (raw: string) => T, fallback?: T): EnvVar<T> {
  return {
    read(raw) {
      if (raw === undefined || raw === '') {
        if (fallback === undefined) throw new Error('is required');
        return fallback;
      }
      return parse(raw);
    },
  };
}

/** Builders for environment variables. */
export const env = {
  string: (fallback?: string): EnvVar<string> => required((raw) => raw, fallback),
  optional: (): EnvVar<string | undefined> => ({ read: (raw) => (raw === '' ? undefined : raw) }),
  int: (fallback?: number, min = 0, max = Number.MAX_SAFE_INTEGER): EnvVar<number> =>
    required((raw) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`must be an integer from ${min} to ${max}, got "${raw}"`);
      return n;
    }, fallback),
  bool: (fallback?: boolean): EnvVar<boolean> =>
    required((raw) => {
      if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
      if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
      throw new Error(`must be true or false, got "${raw}"`);
    }, fallback),
  /** Comma-separated integers, each from min to max: `1000,5000,30000`. */
  ints: (fallback?: number[], min = 0, max = Number.MAX_SAFE_INTEGER): EnvVar<number[]> =>
    required((raw) => {
      const values = raw.split(',').map((v) => Number(v.trim()));
      if (!values.length || values.some((n) => !Number.isInteger(n) || n < min || n > max)) {
        throw new Error(`must be comma-separated integers from ${min} to ${max}, got "${raw}"`);
      }
      return values;
    }, fallback),
  list: <T extends string>(allowed: readonly T[], fallback?: T[]): EnvVar<T[]> =>
    required((raw) => {
      const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
      const unknown = values.filter((v) => !allowed.includes(v as T));
      if (unknown.length || !values.length) throw new Error(`must be a comma-separated subset of ${allowed.join(', ')}, got "${raw}"`);
      return values as T[];
    }, fallback),
};

export type EnvSpec<T> = { [K in keyof T]: EnvVar<T[K]> };

/** Reads every variable of `spec`; refuses (naming each bad variable) if any is wrong. */
export function loadEnv<T>(spec: EnvSpec<T>, source: NodeJS.ProcessEnv = process.env): T {
  const problems: string[] = [];
  const out = {} as T;
  for (const name of Object.keys(spec) as (keyof T & string)[]) {
    try {
      out[name] = spec[name].read(source[name]);
    } catch (error) {
      problems.push(`${name} ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

/** Messaging: without NATS_URL the service uses the in-process broker (embedded run). */
export const NatsEnv = {
  NATS_URL: env.optional(),
  REQUEST_TIMEOUT_MS: env.int(5000, 50, 120_000),
};

/** Operations: where a service serves /health/live, /health/ready and /metrics, and how long it may take to stop. */
export const OpsEnv = {
  /** 0: no HTTP listener of its own (the embedded default, where the gateway serves them for the process). */
  OPS_PORT: env.int(0, 0, 65535),
  OPS_HOST: env.string('127.0.0.1'),
  /** On SIGTERM, how long requests in flight may take to be answered before the service closes anyway. */
  SHUTDOWN_GRACE_MS: env.int(10_000, 0, 120_000),
};

/** Database: without DATABASE_URL the service uses an embedded PGlite under DATA_DIR. */
export const DbEnv = {
  DATABASE_URL: env.optional(),
  /**
   * The schema owner's connection, for migrations only. When set, the service itself connects as
   * DATABASE_URL's role, which owns nothing: migrations run as the owner, who then grants that role
   * what the service needs (no UPDATE or DELETE on append-only tables). See `npm run db:provision`.
   */
  MIGRATION_DATABASE_URL: env.optional(),
  DATA_DIR: env.string('./data'),
  DB_POOL_SIZE: env.int(10, 1, 200),
  MIGRATE_ON_START: env.bool(true),
};

export type NatsConfig = { NATS_URL: string | undefined; REQUEST_TIMEOUT_MS: number };
export type DbConfig = { DATABASE_URL: string | undefined; MIGRATION_DATABASE_URL?: string | undefined; DATA_DIR: string; DB_POOL_SIZE: number; MIGRATE_ON_START: boolean };
