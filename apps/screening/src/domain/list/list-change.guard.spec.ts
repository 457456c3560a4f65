import { describe, expect, it } from '@jest/globals';
import { assessListChange, compareLists, isDprkEntry, listVersionId, type ListAssessment, type ListFingerprint } from './list-change.guard.js';

const DATE = '2026-02-27T00:00:09.554Z';
const POLICY = { maxRemovedShare: 0.05 };

/** 100 entries in force: KPi.001–KPi.010 (DPRK) and QDi.001–QDi.090 (Al-Qaida). */
const refs = [
  ...Array.from({ length: 10 }, (_, i) => ({ referenceNumber: `KPi.${String(i + 1).padStart(3, '0')}`, regime: 'DPRK' })),
  ...Array.from({ length: 90 }, (_, i) => ({ referenceNumber: `QDi.${String(i + 1).padStart(3, '0')}`, regime: 'Al-Qaida' })),
];
const inForce: ListFingerprint = { version: DATE, sha256: 'a'.repeat(64), entries: refs };

function incoming(entries: ListFingerprint['entries'], sha256 = 'b'.repeat(64)): ListFingerprint {
  return { version: DATE, sha256, entries };
}

const without = (...gone: string[]) => refs.filter((e) => !gone.includes(e.referenceNumber));
const qd = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `QDi.${String(from + i).padStart(3, '0')}`);

describe('assessListChange', () => {
  const cases: [string, ListFingerprint | null, ListFingerprint, ListAssessment][] = [
    ['the first list ever (nothing in force)', null, incoming(refs), { decision: 'in_force', change: null, reasons: ['no list in force: nothing to compare with'] }],
    ['an identical file (same SHA-256)', inForce, incoming(without('QDi.001'), inForce.sha256), { decision: 'unchanged' }],
    [
      'the same date with different content, removing few non-DPRK entries',
      inForce,
      incoming([...without('QDi.001', 'QDi.002'), { referenceNumber: 'QDi.091', regime: 'Al-Qaida' }]),
      {
        decision: 'in_force',
        change: { comparedWith: DATE, comparedWithSha256: inForce.sha256, removed: 2, removedShare: 0.02, added: 1, removedDprk: [] },
        reasons: ['removes 2 (2.0 %, no DPRK entry) and adds 1'],
      },
    ],
    [
      'exactly the allowed share removed (5 of 100)',
      inForce,
      incoming(without(...qd(1, 5))),
      {
        decision: 'in_force',
        change: { comparedWith: DATE, comparedWithSha256: inForce.sha256, removed: 5, removedShare: 0.05, added: 0, removedDprk: [] },
        reasons: ['removes 5 (5.0 %, no DPRK entry) and adds 0'],
      },
    ],
    [
      'more than the allowed share removed (6 of 100)',
      inForce,
      incoming(without(...qd(1, 6))),
      {
        decision: 'held',
        change: { comparedWith: DATE, comparedWithSha256: inForce.sha256, removed: 6, removedShare: 0.06, added: 0, removedDprk: [] },
        reasons: ['removes 6 of the entries in force (6.0 %, more than the 5.0 % allowed)'],
      },
    ],
    [
      'one DPRK entry removed',
      inForce,
      incoming(without('KPi.007')),
      {
        decision: 'held',
        change: { comparedWith: DATE, comparedWithSha256: inForce.sha256, removed: 1, removedShare: 0.01, added: 0, removedDprk: ['KPi.007'] },
        reasons: ['removes 1 DPRK entry (KPi.007)'],
      },
    ],
    [
      'a gutted list: 10 entries kept, no DPRK',
      inForce,
      incoming(refs.slice(90)),
      {
        decision: 'held',
        change: {
          comparedWith: DATE,
          comparedWithSha256: inForce.sha256,
          removed: 90,
          removedShare: 0.9,
          added: 0,
          removedDprk: refs.slice(0, 10).map((e) => e.referenceNumber),
        },
        reasons: [
          'removes 10 DPRK entries (KPi.001, KPi.002, KPi.003, KPi.004, KPi.005 and 5 more)',
          'removes 90 of the entries in force (90 %, more than the 5.0 % allowed)',
        ],
      },
    ],
    [
      'only additions',
      inForce,
      incoming([...refs, { referenceNumber: 'KPe.001', regime: 'DPRK' }]),
      {
        decision: 'in_force',
        change: { comparedWith: DATE, comparedWithSha256: inForce.sha256, removed: 0, removedShare: 0, added: 1, removedDprk: [] },
        reasons: ['removes 0 (0.0 %, no DPRK entry) and adds 1'],
      },
    ],
  ];

  it.each(cases)('%s', (_case, current, next, expected) => {
    expect(assessListChange(current, next, POLICY)).toEqual(expected);
  });

  it('holds a removal above a stricter share that the default allows', () => {
    expect(assessListChange(inForce, incoming(without('QDi.001', 'QDi.002')), { maxRemovedShare: 0.01 }).decision).toBe('held');
    expect(assessListChange(inForce, incoming(without('QDi.001', 'QDi.002')), POLICY).decision).toBe('in_force');
  });
});

describe('compareLists', () => {
  it('joins on trimmed reference numbers (the real list has trailing spaces)', () => {
    const change = compareLists(
      { version: 'a', sha256: 'a', entries: [{ referenceNumber: 'KPe.023 ', regime: 'DPRK' }] },
      { version: 'b', sha256: 'b', entries: [{ referenceNumber: 'KPe.023', regime: 'DPRK' }] },
    );
    expect(change).toMatchObject({ removed: 0, added: 0, removedDprk: [] });
  });
});

describe('isDprkEntry', () => {
  it.each([
    [{ referenceNumber: 'KPi.001', regime: 'DPRK' }, true],
    [{ referenceNumber: 'KPe.075', regime: 'Other' }, true],
    [{ referenceNumber: 'XXe.001', regime: 'dprk' }, true],
    [{ referenceNumber: 'IRe.001', regime: 'Iran' }, false],
  ])('%j → %s', (entry, expected) => {
    expect(isDprkEntry(entry)).toBe(expected);
  });
});

describe('listVersionId', () => {
  const sha = '66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf';
  it.each([
    ['a date not stored yet', false, DATE],
    ['a date another file already has', true, `${DATE}#66b392a40908`],
  ])('%s', (_case, taken, expected) => {
    expect(listVersionId(DATE, sha, taken)).toBe(expected);
  });
});
