import { describe, expect, it } from '@jest/globals';
import { retryDelayMs, subjectMatches, subjectsOverlap } from './event-log-rules.js';

describe('subjectMatches', () => {
  it.each([
    ['orders.created', 'orders.created', true],
    ['orders.created', 'orders.deleted', false],
    ['orders.*', 'orders.created', true],
    ['orders.*', 'orders.eu.created', false],
    ['orders.*', 'orders', false],
    ['orders.>', 'orders.eu.created', true],
    ['orders.>', 'orders', false],
    ['*.created', 'orders.created', true],
    ['*.created', 'orders.eu.created', false],
    ['orders.*.created', 'orders.eu.created', true],
    ['>', 'orders', true],
    ['orders', 'orders.created', false],
  ])('%s selects %s: %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});

describe('subjectsOverlap', () => {
  it.each([
    ['orders.>', 'orders.eu', true],
    ['orders.*', 'orders.eu', true],
    ['orders.*', 'orders.eu.created', false],
    ['orders.*.x', 'orders.eu.*', true],
    ['orders.>', 'invoices.>', false],
    ['deadletters.>', '>', true],
    ['a.b', 'a.b.c', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(subjectsOverlap(a, b)).toBe(expected);
    expect(subjectsOverlap(b, a)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('waits the backoff of the delivery that failed, the last one repeating, nothing without a backoff', () => {
    expect([1, 2, 3, 4].map((d) => retryDelayMs([100, 500, 2000], d))).toEqual([100, 500, 2000, 2000]);
    expect(retryDelayMs([], 3)).toBe(0);
  });
});
