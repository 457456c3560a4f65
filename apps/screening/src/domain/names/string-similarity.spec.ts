import { describe, expect, it } from '@jest/globals';
import { boundedEditDistance, editDistance, editSimilarity, editSimilarityAtLeast } from './string-similarity.js';

const LONG_A = 'abcdefghijklmnopqrstuvwxyzabcdefghij';
const LONG_B = 'abcdefghijklmnopqrstuvwxyzabcdefgihj';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['kim', 'kim', 0],
    ['kim', 'kin', 1],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
    ['putin', 'pultin', 1],
    ['jong', 'jnog', 1],
    ['abcdef', 'badcfe', 3],
    ['путин', 'пулин', 1],
    ['김정은', '김정일', 1],
    [LONG_A, LONG_B, 1],
    [LONG_A, 'xyz', 33],
    [LONG_A, 'qqq', 35],
    [LONG_A, '123', 36],
  ])('%s ↔ %s = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('boundedEditDistance', () => {
  it.each([
    ['kim', 'kin', 1, 1],
    ['kim', 'kim', 0, 0],
    [LONG_A, LONG_B, 1, 1],
    ['muhammad', 'mohammed', 2, 2],
  ])('%s ↔ %s within %d is exactly %d', (a, b, limit, expected) => {
    expect(boundedEditDistance(a, b, limit)).toBe(expected);
  });

  it.each([
    ['kim', 'kin', 0],
    ['abcdef', 'uvwxyz', 2],
    [LONG_A, 'zyxwvutsrqponmlkjihgfedcbazyxwvutsrq', 3],
    ['a', 'abcdefgh', 2],
  ])('%s ↔ %s is over %d', (a, b, limit) => {
    expect(editDistance(a, b)).toBeGreaterThan(limit);
    expect(boundedEditDistance(a, b, limit)).toBeGreaterThan(limit);
  });
});

describe('editSimilarityAtLeast', () => {
  it.each([
    ['scholz', 'scholze', 0.5, 1 - 1 / 7],
    ['scholz', 'scholze', 0.9, 0],
    ['abcd', 'wxyz', 0.5, 0],
    ['same', 'same', 0.99, 1],
  ])('%s ↔ %s at least %d → %d', (a, b, minimum, expected) => {
    expect(editSimilarityAtLeast(a, b, minimum)).toBeCloseTo(expected, 10);
  });

  it('agrees with the unbounded similarity whenever that reaches the minimum', () => {
    const words = ['muhammad', 'mohammed', 'mohamed', 'muhamad', 'ahmad', 'ahmed', 'hamad', 'mahmoud'];
    for (const a of words) {
      for (const b of words) {
        const full = editSimilarity(a, b);
        expect(editSimilarityAtLeast(a, b, 0.6)).toBe(full >= 0.6 ? full : 0);
      }
    }
  });
});
