import { env, loadEnv } from '#platform';

/** Tunables of the matching service. */
export const MatchingEnv = {
  /** How many best admissible matches (leads: clear, review, exemption required) are kept per company. */
  MATCHES_PER_COMPANY: env.int(50, 1, 1000),
  /** How many best prohibited matches are kept per company, apart from its leads (0: none). */
  PROHIBITED_PER_COMPANY: env.int(10, 0, 1000),
  /** Matches scoring below this are not stored. */
  MATCH_FLOOR_SCORE: env.int(10, 0, 100),
  /** How often each outbox is polled when no hint arrives. */
  OUTBOX_POLL_MS: env.int(1000, 50, 60_000),
  /** Events read from an outbox per request. */
  OUTBOX_BATCH: env.int(200, 1, 5000),
  RUB_PER_USD: env.int(90, 1, 10_000),
};

export type MatchingConfig = ReturnType<typeof loadMatchingConfig>;
export const MATCHING_CONFIG = Symbol('MATCHING_CONFIG');

export function loadMatchingConfig() {
  return loadEnv(MatchingEnv);
}
