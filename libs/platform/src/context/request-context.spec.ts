import { describe, expect, it } from '@jest/globals';
import { currentCorrelationId, currentDeadline, DEADLINE_MARGIN_MS, parseDeadline, requestBudgetMs, runWithCorrelation, runWithoutDeadline } from './request-context.js';

describe('requestBudgetMs', () => {
  const now = 1_700_000_000_000;

  it('keeps the own timeout when the caller set no deadline', () => {
    expect(requestBudgetMs(5000, undefined, now)).toBe(5000);
  });

  it('cuts the own timeout to what is left of the caller deadline less the margin', () => {
    expect(DEADLINE_MARGIN_MS).toBe(250);
    expect(requestBudgetMs(5000, now + 2000, now)).toBe(1750);
    expect(requestBudgetMs(5000, now + 2000, now + 1500)).toBe(250);
  });

  it('keeps the own timeout when it is the shorter', () => {
    expect(requestBudgetMs(1000, now + 2000, now)).toBe(1000);
  });

  it('leaves nothing (zero or less) once the margin is reached or the deadline passed', () => {
    expect(requestBudgetMs(5000, now + 250, now)).toBe(0);
    expect(requestBudgetMs(5000, now + 100, now)).toBe(-150);
    expect(requestBudgetMs(5000, now - 10, now)).toBe(-260);
  });

  it('takes another margin', () => {
    expect(requestBudgetMs(5000, now + 2000, now, 500)).toBe(1500);
  });
});

describe('parseDeadline', () => {
  it('reads a whole epoch millisecond', () => {
    expect(parseDeadline('1700000002000')).toBe(1_700_000_002_000);
  });

  it('ignores a missing, empty, zero or malformed header', () => {
    for (const value of [undefined, null, '', '0', '-5', '12.5', 'soon', '1e12', '99999999999999999']) expect(parseDeadline(value)).toBeUndefined();
  });
});

describe('runWithCorrelation', () => {
  it('makes the deadline visible inside, and only inside', () => {
    expect(currentDeadline()).toBeUndefined();
    expect(runWithCorrelation('c-1', () => currentDeadline(), 1_700_000_002_000)).toBe(1_700_000_002_000);
    expect(runWithCorrelation('c-2', () => currentDeadline())).toBeUndefined();
    expect(currentDeadline()).toBeUndefined();
  });
});

describe('runWithoutDeadline', () => {
  it('drops the deadline and keeps the correlation id', () => {
    const inside = runWithCorrelation('c-3', () => runWithoutDeadline(() => [currentCorrelationId(), currentDeadline()]), 1_700_000_002_000);
    expect(inside).toEqual(['c-3', undefined]);
  });
});
