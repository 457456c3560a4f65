import { describe, expect, it } from '@jest/globals';
import { backoffMs, DEFAULT_RETRY_SCHEDULE, nextAttemptDelayMs } from './retry-schedule.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the webhook retry schedule', () => {
  it.each([
    [1, 1 * MINUTE],
    [2, 2 * MINUTE],
    [3, 4 * MINUTE],
    [9, 256 * MINUTE],
    [10, 6 * HOUR],
    [12, 6 * HOUR],
    [100, 6 * HOUR],
  ])('waits, after failed attempt %i, %i ms before jitter', (failed, expected) => {
    expect(backoffMs(DEFAULT_RETRY_SCHEDULE, failed)).toBe(expected);
  });

  it('spreads the default attempts over about a day (26.5 h from the first to the last)', () => {
    let total = 0;
    for (let failed = 1; failed < DEFAULT_RETRY_SCHEDULE.maxAttempts; failed++) total += backoffMs(DEFAULT_RETRY_SCHEDULE, failed);
    expect(total).toBe(511 * MINUTE + 3 * 6 * HOUR);
  });

  it('jitters by 20 % either way', () => {
    expect(nextAttemptDelayMs(DEFAULT_RETRY_SCHEDULE, 1, 0)).toBe(48_000);
    expect(nextAttemptDelayMs(DEFAULT_RETRY_SCHEDULE, 1, 0.5)).toBe(60_000);
    expect(nextAttemptDelayMs(DEFAULT_RETRY_SCHEDULE, 1, 0.999999)).toBe(72_000);
  });

  it('gives no further attempt once the last one failed', () => {
    const schedule = { baseMs: 100, capMs: 1_000, maxAttempts: 3 };
    expect(nextAttemptDelayMs(schedule, 2, 0.5)).toBe(200);
    expect(nextAttemptDelayMs(schedule, 3, 0.5)).toBeNull();
  });
});
