import { COMPANY_PARTITIONS } from '#contracts';
import { ConfigError, env, loadEnv } from '#platform';

/** Tunables of the matching service. */
export const MatchingEnv = {
  /** Matching replicas in the deployment: replica i owns the company partitions p with p mod MATCHING_REPLICAS = i. */
  MATCHING_REPLICAS: env.int(1, 1, COMPANY_PARTITIONS),
  /** This process's index among them, 0-based. */
  MATCHING_REPLICA: env.int(0, 0, COMPANY_PARTITIONS - 1),
  /** How many best admissible matches (leads: clear, review, exemption required) are kept per company. */
  MATCHES_PER_COMPANY: env.int(50, 1, 1000),
  /** How many best prohibited matches are kept per company, apart from its leads (0: none). */
  PROHIBITED_PER_COMPANY: env.int(10, 0, 1000),
  /** Matches scoring below this are not stored. */
  MATCH_FLOOR_SCORE: env.int(10, 0, 100),
  /** How often matching looks for work no event brings: parties due for screening again (screening was down, or a new list), companies to refill. */
  MATCHING_POLL_MS: env.int(1000, 50, 60_000),
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

/** Which replica owns a partition, with `replicas` of them. */
export function ownerOf(partition: number, replicas: number): number {
  return partition % replicas;
}

/** The company partitions a replica owns: it consumes their company events, holds their companies and answers their reads. */
export function ownedPartitions({ MATCHING_REPLICA, MATCHING_REPLICAS }: Pick<MatchingConfig, 'MATCHING_REPLICA' | 'MATCHING_REPLICAS'>): number[] {
  return Array.from({ length: COMPANY_PARTITIONS }, (_, p) => p).filter((p) => ownerOf(p, MATCHING_REPLICAS) === MATCHING_REPLICA);
}
