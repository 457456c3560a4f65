import { describe, expect, it } from '@jest/globals';
import { median, quantile, summariseLatencies } from './latency-stats.js';

describe('latency stats', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[5], 0.5, 5],
  ])('quantile of %j at %d is %d (nearest rank)', (values, q, expected) => {
    expect(quantile(values, q)).toBe(expected);
  });

  it('summarises values given in any order', () => {
    expect(summariseLatencies([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p90: 40, p99: 40, max: 40, mean: 25 });
    expect(median([9, 1, 5])).toBe(5);
  });

  it('answers NaN for no values', () => {
    expect(summariseLatencies([]).p50).toBeNaN();
  });
});
