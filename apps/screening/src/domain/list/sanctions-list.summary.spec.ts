import { describe, expect, it } from '@jest/globals';
import type { ListEntry, ListEntryType } from './sanctions-list.model.js';
import { summariseList } from './sanctions-list.summary.js';

function entry(regime: string, type: ListEntryType): ListEntry {
  return {
    referenceNumber: 'X',
    dataId: '1',
    type,
    regime,
    names: [{ value: 'X', kind: 'primary' }],
    nameParts: ['X'],
    datesOfBirth: [],
    placesOfBirth: [],
    addresses: [],
    nationalities: [],
  };
}

describe('summariseList', () => {
  it.each([
    ['an empty list', [], { total: 0, byRegime: {} }],
    [
      'two regimes',
      [entry('DPRK', 'individual'), entry('DPRK', 'entity'), entry('DPRK', 'entity'), entry('Iran', 'individual')],
      { total: 4, byRegime: { DPRK: { individual: 1, entity: 2 }, Iran: { individual: 1, entity: 0 } } },
    ],
  ])('counts %s', (_case, entries, expected) => {
    expect(summariseList({ entries })).toEqual(expected);
  });
});
