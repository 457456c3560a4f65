import { COMPANY_PARTITIONS } from '#contracts';
import { env, loadEnv } from '#platform';

/** Tunables of the matching service. */
export const MatchingEnv = {
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
  return loadEnv(MatchingEnv);
}

/**
 * The company partitions this process consumes: every one. Matching runs as one process (replica
 * 0); spreading the partitions over replicas also needs reads routed by partition, not built yet.
 */
export const MATCHING_REPLICA = 0;
export function ownedPartitions(): number[] {
  return Array.from({ length: COMPANY_PARTITIONS }, (_, p) => p);
}
