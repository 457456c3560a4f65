import { describe, expect, it } from '@jest/globals';
import { combineVerdicts, VERDICT_ORDER, type Verdict } from './verdict.model.js';

describe('combineVerdicts', () => {
  it('orders verdicts from clear to prohibited', () => {
    expect(VERDICT_ORDER).toEqual(['clear', 'review', 'exemption_required', 'prohibited']);
  });

  it.each<[Verdict[], Verdict]>([
    [['clear'], 'clear'],
    [['clear', 'clear'], 'clear'],
    [['clear', 'review'], 'review'],
    [['review', 'exemption_required', 'clear'], 'exemption_required'],
    [['exemption_required', 'prohibited', 'review'], 'prohibited'],
    [['prohibited', 'clear'], 'prohibited'],
  ])('%j → %s', (verdicts, expected) => {
    const [first, ...rest] = verdicts as [Verdict, ...Verdict[]];
    expect(combineVerdicts(first, ...rest)).toBe(expected);
  });
});
