import { describe, expect, it } from '@jest/globals';
import { makeValidInn, makeValidInns } from './inn.fixtures.js';
import { individualInnCheckDigits, organisationInnCheckDigit, validateInn } from './inn.validator.js';

describe('validateInn', () => {
  it.each([
    ['7707083893', 'Sberbank'],
    ['7736050003', 'Gazprom'],
    ['7702070139', 'VTB Bank'],
    ['7728168971', 'Alfa-Bank'],
  ])('accepts the organisation INN %p (%s)', (inn) => {
    expect(validateInn(inn)).toEqual({ ok: true, kind: 'organisation' });
  });

  it.each(['500100732259', '773173084809'])('accepts the individual INN %p', (inn) => {
    expect(validateInn(inn)).toEqual({ ok: true, kind: 'individual' });
  });

  it.each([
    ['7707083894', 'check digit 10 should be 3'],
    ['7736050000', 'check digit 10 should be 3'],
    ['500100732269', 'check digit 11 should be 5'],
    ['500100732258', 'check digit 12 should be 9'],
    ['0012345678', 'region code 00 does not exist'],
    ['770708389', 'must be 10 or 12 digits'],
    ['77070838930', 'must be 10 or 12 digits'],
    ['5001007322590', 'must be 10 or 12 digits'],
    ['7707083893 ', 'must contain digits only'],
    ['77-07083893', 'must contain digits only'],
    ['７７０７０８３８９３', 'must contain digits only'],
    ['', 'must contain digits only'],
  ])('rejects %p: %s', (inn, reason) => {
    expect(validateInn(inn)).toEqual({ ok: false, reason });
  });

  it('rejects a value that is not a string', () => {
    expect(validateInn(7707083893 as unknown as string)).toEqual({ ok: false, reason: 'must contain digits only' });
  });

  it('rejects every wrong check digit of generated organisation INNs, naming the right one', () => {
    for (const inn of makeValidInns(50, 'organisation')) {
      const right = inn[9];
      for (const wrong of '0123456789'.replace(right, '')) {
        expect(validateInn(`${inn.slice(0, 9)}${wrong}`)).toEqual({ ok: false, reason: `check digit 10 should be ${right}` });
      }
    }
  });

  it('rejects every wrong twelfth digit of generated individual INNs, naming the right one', () => {
    for (const inn of makeValidInns(50, 'individual')) {
      const right = inn[11];
      for (const wrong of '0123456789'.replace(right, '')) {
        expect(validateInn(`${inn.slice(0, 11)}${wrong}`)).toEqual({ ok: false, reason: `check digit 12 should be ${right}` });
      }
    }
  });
});

describe('INN check digits', () => {
  it.each([
    ['770708389', 3],
    ['773605000', 3],
  ])('organisation %p -> %p', (firstNine, digit) => {
    expect(organisationInnCheckDigit(firstNine)).toBe(digit);
  });

  it('computes both individual check digits', () => {
    expect(individualInnCheckDigits('5001007322')).toEqual([5, 9]);
  });
});

describe('INN fixtures', () => {
  it.each([
    ['770708389', '7707083893'],
    ['5001007322', '500100732259'],
  ])('makeValidInn(%p) -> %p', (seed, inn) => {
    expect(makeValidInn(seed)).toBe(inn);
  });

  it.each(['77070838', '77070838930', 'abcdefghi', '001234567'])('makeValidInn(%p) throws', (seed) => {
    expect(() => makeValidInn(seed)).toThrow('makeValidInn');
  });

  it('makes distinct valid INNs of the requested kind and region', () => {
    const organisations = makeValidInns(300, 'organisation');
    const individuals = makeValidInns(300, 'individual', '77');
    expect(new Set(organisations).size).toBe(300);
    expect(new Set(individuals).size).toBe(300);
    expect(organisations.filter((inn) => validateInn(inn).ok !== true || !inn.startsWith('25'))).toEqual([]);
    expect(individuals.filter((inn) => validateInn(inn).ok !== true || inn.length !== 12 || !inn.startsWith('77'))).toEqual([]);
  });
});
