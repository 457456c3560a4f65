import { describe, expect, it } from '@jest/globals';
import { countOf, formatKm, formatList, formatShare, formatUsd } from './reason-format.util.js';

describe('reason formatting', () => {
  it.each([
    [formatKm(1240.4), '1,240 km'],
    [formatKm(0.2), '0 km'],
    [formatUsd(850_000), 'USD 850k'],
    [formatUsd(999_999), 'USD 1M'],
    [formatUsd(2_500_000), 'USD 2.5M'],
    [formatUsd(1_200_000_000), 'USD 1.2B'],
    [formatUsd(640), 'USD 640'],
    [formatShare(0.2), '20%'],
    [formatShare(0.05), '5%'],
    [formatShare(0.0004), '0.04%'],
    [formatShare(4), '4×'],
    [formatShare(2.5), '2.5×'],
    [formatShare(20), '20×'],
    [formatList(['a', 'b', 'c'], 2), 'a, b and 1 more'],
    [countOf(1, 'year'), '1 year'],
    [countOf(1500, 'employee'), '1,500 employees'],
    [countOf(2.5, 'year'), '2.5 years'],
  ])('%j', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
