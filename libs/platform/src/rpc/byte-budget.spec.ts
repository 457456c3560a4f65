import { describe, expect, it } from '@jest/globals';
import { fitToBytes } from './byte-budget.js';

describe('fitToBytes', () => {
  const item = (n: number) => ({ n, text: 'x'.repeat(1000) });

  it('keeps every item that fits, in order', () => {
    expect(fitToBytes([item(1), item(2)], 10_000).map((i) => i.n)).toEqual([1, 2]);
  });

  it('stops before the item that would pass the budget', () => {
    const kept = fitToBytes(Array.from({ length: 20 }, (_, i) => item(i)), 5_000, 0);
    expect(kept.map((i) => i.n)).toEqual([0, 1, 2, 3]);
    expect(Buffer.byteLength(JSON.stringify(kept))).toBeLessThanOrEqual(5_000);
  });

  it('gives the first item alone when it is over budget, so paging moves on', () => {
    expect(fitToBytes([item(1), item(2)], 100).map((i) => i.n)).toEqual([1]);
    expect(fitToBytes([], 100)).toEqual([]);
  });
});
