import { describe, expect, it } from '@jest/globals';
import { makeValidOgrn, makeValidOgrns } from './ogrn.fixtures.js';
import { ogrnCheckDigit, ogrnipCheckDigit, validateOgrn, validateOgrnMatchesInn } from './ogrn.validator.js';

describe('validateOgrn', () => {
  it.each([
    ['1027700132195', 'Sberbank'],
    ['1027700070518', 'Gazprom'],
    ['1027739609391', 'VTB Bank'],
    ['1027700067328', 'Alfa-Bank'],
  ])('accepts the OGRN %p (%s)', (ogrn) => {
    expect(validateOgrn(ogrn)).toEqual({ ok: true, kind: 'organisation' });
  });

  it('accepts an OGRNIP', () => {
    expect(validateOgrn('304500116000157')).toEqual({ ok: true, kind: 'individual' });
  });

  it('accepts an OGRN beginning with 5', () => {
    expect(validateOgrn(makeValidOgrn('512250000001'))).toEqual({ ok: true, kind: 'organisation' });
  });

  it.each([
    ['1027700132196', 'check digit 13 should be 5'],
    ['1027700070510', 'check digit 13 should be 8'],
    ['304500116000158', 'check digit 15 should be 7'],
    ['2027700132195', 'first digit of a 13-digit OGRN must be 1 or 5'],
    ['104500116000157', 'first digit of a 15-digit OGRNIP must be 3'],
    ['102770013219', 'must be 13 (OGRN) or 15 (OGRNIP) digits'],
    ['10277001321950', 'must be 13 (OGRN) or 15 (OGRNIP) digits'],
    ['1027700132195a', 'must contain digits only'],
    [' 1027700132195', 'must contain digits only'],
    ['', 'must contain digits only'],
  ])('rejects %p: %s', (ogrn, reason) => {
    expect(validateOgrn(ogrn)).toEqual({ ok: false, reason });
  });

  it('computes check digits beyond the safe-integer range of doubles exactly', () => {
    expect(ogrnCheckDigit('102770013219')).toBe(5);
    expect(ogrnipCheckDigit('30450011600015')).toBe(7);
    expect(ogrnipCheckDigit('99999999999999')).toBe(Number((99999999999999n % 13n) % 10n));
  });

  it('rejects every wrong check digit of generated numbers, naming the right one', () => {
    for (const ogrn of [...makeValidOgrns(40, 'organisation'), ...makeValidOgrns(40, 'individual')]) {
      const last = ogrn.length - 1;
      const right = ogrn[last];
      for (const wrong of '0123456789'.replace(right, '')) {
        expect(validateOgrn(`${ogrn.slice(0, last)}${wrong}`)).toEqual({ ok: false, reason: `check digit ${ogrn.length} should be ${right}` });
      }
    }
  });
});

describe('validateOgrnMatchesInn', () => {
  it.each([
    ['1027700132195', '7707083893', { ok: true, kind: 'organisation' }],
    ['1027700070518', '7736050003', { ok: true, kind: 'organisation' }],
    ['304500116000157', '500100732259', { ok: true, kind: 'individual' }],
    ['1027700132195', '500100732259', { ok: false, reason: 'a 13-digit OGRN (organisation) requires a 10-digit INN, got 12 digits' }],
    ['304500116000157', '7707083893', { ok: false, reason: 'a 15-digit OGRNIP (individual entrepreneur) requires a 12-digit INN, got 10 digits' }],
    ['1027700132196', '7707083893', { ok: false, reason: 'OGRN check digit 13 should be 5' }],
    ['1027700132195', '7707083894', { ok: false, reason: 'INN check digit 10 should be 3' }],
  ])('%p with %p -> %p', (ogrn, inn, expected) => {
    expect(validateOgrnMatchesInn(ogrn, inn)).toEqual(expected);
  });
});

describe('OGRN fixtures', () => {
  it.each([
    ['102770013219', '1027700132195'],
    ['30450011600015', '304500116000157'],
  ])('makeValidOgrn(%p) -> %p', (seed, ogrn) => {
    expect(makeValidOgrn(seed)).toBe(ogrn);
  });

  it.each(['10277001321', '202770013219', '40450011600015', 'abcdefghijkl'])('makeValidOgrn(%p) throws', (seed) => {
    expect(() => makeValidOgrn(seed)).toThrow('makeValidOgrn');
  });

  it('makes distinct valid numbers of the requested kind', () => {
    const ogrns = makeValidOgrns(300, 'organisation');
    const ogrnips = makeValidOgrns(300, 'individual');
    expect(new Set(ogrns).size).toBe(300);
    expect(new Set(ogrnips).size).toBe(300);
    expect(ogrns.filter((n) => validateOgrn(n).ok !== true || n.length !== 13)).toEqual([]);
    expect(ogrnips.filter((n) => validateOgrn(n).ok !== true || n.length !== 15)).toEqual([]);
  });
});
