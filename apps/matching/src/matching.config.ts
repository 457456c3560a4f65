import { COMPANY_PARTITIONS } from '#contracts';
import { ConfigError, env, loadEnv } from '#platform';

/** Tunables of the matching service. */
export const MatchingEnv = {
  /** How many best admissible matches (leads: clear, review, exemption required) are kept per company. */
  MATCHES_PER_COMPANY: env.int(50, 1, 1000),
  /** How many best prohibited matches are kept per company, apart from its leads (0: none). */
  PROHIBITED_PER_COMPANY: env.int(10, 0, 1000),
  /** Matches scoring below this are not stored. */
  MATCH_FLOOR_SCORE: env.int(10, 0, 100),
  /** How many matching replicas share the company partitions, and which one this is (0-based): it owns the partitions p with p mod N = i. */
  MATCHING_REPLICAS: env.int(1, 1, COMPANY_PARTITIONS),
  MATCHING_REPLICA: env.int(0, 0, COMPANY_PARTITIONS - 1),
  /** Events a consumer hands over at once, at most. */
  EVENT_BATCH: env.int(200, 1, 5000),
  /** Deliveries of an event that keeps failing before it is parked in the dead-letter stream. */
  EVENT_MAX_DELIVER: env.int(6, 1, 100),
  /** Waits before the second, third… delivery of a failed event, in ms; the last repeats. */
  EVENT_BACKOFF_MS: env.ints([1000, 5000, 30_000, 60_000, 120_000], 0, 3_600_000),
  RUB_PER_USD: env.int(90, 1, 10_000),
};

export type MatchingConfig = ReturnType<typeof loadMatchingConfig>;
export const MATCHING_CONFIG = Symbol('MATCHING_CONFIG');

export function loadMatchingConfig() {
  const config = loadEnv(MatchingEnv);
  if (config.MATCHING_REPLICA >= config.MATCHING_REPLICAS) {
    throw new ConfigError([`MATCHING_REPLICA must be below MATCHING_REPLICAS (${config.MATCHING_REPLICAS}), got ${config.MATCHING_REPLICA}`]);
  }
  return config;
}

/** The company partitions this replica owns: p mod MATCHING_REPLICAS = MATCHING_REPLICA. */
export function ownedPartitions(config: Pick<MatchingConfig, 'MATCHING_REPLICAS' | 'MATCHING_REPLICA'>): number[] {
  return Array.from({ length: COMPANY_PARTITIONS }, (_, p) => p).filter((p) => p % config.MATCHING_REPLICAS === config.MATCHING_REPLICA);
}
