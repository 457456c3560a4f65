import { describe, expect, it } from '@jest/globals';
import { binaryMetrics } from './binary-metrics.js';
import { parseCsvRecords, parseCsvRows } from './csv-parser.js';

describe('parseCsvRows', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['quoted comma', 'x,"Ltd, Co",y', [['x', 'Ltd, Co', 'y']]],
    ['doubled quote', '"say ""hi""",z', [['say "hi"', 'z']]],
    ['line break inside quotes', '"a\nb",c\r\nd,e', [['a\nb', 'c'], ['d', 'e']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['apostrophes kept', "RA KY'ONG-SU,Chang Myo’ng-Ho", [["RA KY'ONG-SU", 'Chang Myo’ng-Ho']]],
  ])('%s', (_label, text, expected) => {
    expect(parseCsvRows(text)).toEqual(expected);
  });
});

describe('parseCsvRecords', () => {
  it('keys rows by header and skips comment lines', () => {
    expect(parseCsvRecords('# note\nq,m\nВладимир Путин,Vladimir Putin\n', '#')).toEqual([
      { q: 'Владимир Путин', m: 'Vladimir Putin' },
    ]);
  });
});

describe('binaryMetrics', () => {
  it('computes precision, recall and F1', () => {
    const m = binaryMetrics([
      { expected: true, predicted: true },
      { expected: true, predicted: false },
      { expected: false, predicted: true },
      { expected: false, predicted: false },
    ]);
    expect([m.tp, m.fp, m.fn, m.tn, m.precision, m.recall, m.f1]).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5]);
  });
});
