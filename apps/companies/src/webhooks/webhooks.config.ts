import { env, loadEnv } from '#platform';
import type { RetrySchedule } from './retry-schedule.js';

export const WebhooksEnv = {
  /** true: endpoints may be on private, loopback or link-local addresses (tests; deployments that deliver inside their own network). */
  WEBHOOK_ALLOW_PRIVATE: env.bool(false),
  /** How long one attempt may take, connection to the end of the answer. */
  WEBHOOK_TIMEOUT_MS: env.int(10_000, 100, 120_000),
  /** The wait after the first failed attempt; each further failure doubles it, up to WEBHOOK_RETRY_CAP_MS. */
  WEBHOOK_RETRY_BASE_MS: env.int(60_000, 1, 86_400_000),
  WEBHOOK_RETRY_CAP_MS: env.int(6 * 3_600_000, 1, 7 * 86_400_000),
  /** Attempts a delivery gets before it fails and its endpoint is disabled. */
  WEBHOOK_MAX_ATTEMPTS: env.int(13, 1, 100),
  /** How long, after a rotation, the previous secret keeps signing beside the new one. */
  WEBHOOK_SECRET_OVERLAP_MS: env.int(86_400_000, 0, 30 * 86_400_000),
  /** How often a worker looks for due deliveries. */
  WEBHOOK_POLL_MS: env.int(1_000, 10, 60_000),
  /** Deliveries one worker sends at once. */
  WEBHOOK_CONCURRENCY: env.int(8, 1, 100),
};

export interface WebhooksConfig {
  allowPrivate: boolean;
  timeoutMs: number;
  schedule: RetrySchedule;
  secretOverlapMs: number;
  pollMs: number;
  concurrency: number;
  /** A claimed delivery is due again after this, should its worker die: well past the longest attempt. */
  leaseMs: number;
}

export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');

export function loadWebhooksConfig(source: NodeJS.ProcessEnv = process.env): WebhooksConfig {
  const e = loadEnv(WebhooksEnv, source);
  return {
    allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    schedule: { baseMs: e.WEBHOOK_RETRY_BASE_MS, capMs: Math.max(e.WEBHOOK_RETRY_CAP_MS, e.WEBHOOK_RETRY_BASE_MS), maxAttempts: e.WEBHOOK_MAX_ATTEMPTS },
    secretOverlapMs: e.WEBHOOK_SECRET_OVERLAP_MS,
    pollMs: e.WEBHOOK_POLL_MS,
    concurrency: e.WEBHOOK_CONCURRENCY,
    leaseMs: 2 * e.WEBHOOK_TIMEOUT_MS + 5_000,
  };
}
