/**
 * When a failed delivery is tried again: exponential backoff from `baseMs`, doubling per failed
 * attempt up to `capMs`, with ±20 % jitter so that endpoints that failed together (a receiver's
 * outage) are not all tried again in the same instant.
 *
 * The defaults (1 min base, 6 h cap, 13 attempts) spread the attempts over about a day:
 * 1, 2, 4 … 256 min, then 6 h three times — 26.5 h from the first attempt to the last.
 */
export interface RetrySchedule {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { baseMs: 60_000, capMs: 6 * 3_600_000, maxAttempts: 13 };

const JITTER = 0.2;

/** The wait, without jitter, after the `failedAttempts`-th failed attempt (from 1). */
export function backoffMs(schedule: RetrySchedule, failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^exponent overflows nothing before the cap wins: stop doubling once past it.
  return exponent >= 40 ? schedule.capMs : Math.min(schedule.capMs, schedule.baseMs * 2 ** exponent);
}

/**
 * The wait before the next attempt after `failedAttempts` failed ones, jittered by `random` (0 ≤ r < 1);
 * null when the delivery has had every attempt it gets.
 */
export function nextAttemptDelayMs(schedule: RetrySchedule, failedAttempts: number, random: number = Math.random()): number | null {
  if (failedAttempts >= schedule.maxAttempts) return null;
  return Math.round(backoffMs(schedule, failedAttempts) * (1 - JITTER + 2 * JITTER * random));
}
