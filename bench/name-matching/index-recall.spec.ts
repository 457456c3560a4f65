import { describe, expect, it } from '@jest/globals';
import type { ListEntry } from '../../apps/screening/src/domain/list/index.js';
import { indexOfList, originalScriptQueries, recallOf } from './index-recall.js';

function entry(referenceNumber: string, names: ListEntry['names']): ListEntry {
  return {
    referenceNumber,
    dataId: referenceNumber,
    type: 'individual',
    regime: referenceNumber.startsWith('KP') ? 'DPRK' : 'Al-Qaida',
    names,
    nameParts: [],
    datesOfBirth: [],
    placesOfBirth: [],
    addresses: [],
    nationalities: [],
  };
}

const LIST: ListEntry[] = [
  entry('KPi.008', [
    { value: "RA KY'ONG-SU", kind: 'primary' },
    { value: 'Chang Myong Ho', kind: 'alias', quality: 'Good' },
    { value: '라경수', kind: 'original-script' },
  ]),
  entry('QDi.290', [
    { value: 'DOKU KHAMATOVICH UMAROV', kind: 'primary' },
    { value: 'Умаров Доку Хаматович', kind: 'original-script' },
  ]),
];

describe('indexOfList', () => {
  it.each([
    [['primary', 'alias', 'original-script'], 5],
    [['primary'], 2],
  ] as const)('with names of kinds %j holds %d names', (kinds, size) => {
    expect(indexOfList(LIST, kinds).size).toBe(size);
  });
});

describe('recallOf', () => {
  const queries = [
    { query: 'Chang Myong-Ho', expectedId: 'KPi.008', label: 'Good' },
    { query: '라경수', expectedId: 'KPi.008', label: 'original script' },
  ];

  it('finds aliases and original-script names in the product index', () => {
    expect(recallOf(indexOfList(LIST), queries, 0.7)).toEqual({ found: 2, total: 2, recall: 1, misses: [] });
  });

  it('reports what a primary-only index misses', () => {
    const result = recallOf(indexOfList(LIST, ['primary']), queries, 0.7);
    expect(result.found).toBe(1);
    expect(result.recall).toBe(0.5);
    expect(result.misses.map((m) => m.query)).toEqual(['Chang Myong-Ho']);
  });

  it('gives NaN recall for no queries', () => {
    expect(recallOf(indexOfList(LIST), [], 0.7).recall).toBeNaN();
  });
});

describe('originalScriptQueries', () => {
  it.each([
    ['Hangul of DPRK entries', (e: ListEntry) => e.regime === 'DPRK', /[\uac00-\ud7a3]/u, ['라경수']],
    ['Cyrillic of any entry', () => true, /[\u0400-\u04ff]/u, ['Умаров Доку Хаматович']],
    ['Hangul of other regimes', (e: ListEntry) => e.regime !== 'DPRK', /[\uac00-\ud7a3]/u, []],
  ])('%s', (_label, select, script, expected) => {
    expect(originalScriptQueries(LIST, select, script).map((q) => q.query)).toEqual(expected);
  });
});
