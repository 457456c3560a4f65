import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { NameCheckRequest } from '../screening/screening.messages.js';
import { isDateOfBirth } from './person-evidence.js';

describe('isDateOfBirth', () => {
  const today = new Date('2026-06-01T12:00:00Z');
  it.each([
    ['1964', true],
    ['1964-07-17', true],
    ['2026-06-01', true],
    ['2026-06-02', false],
    ['2027', false],
    ['1899', false],
    ['1964-02-30', false],
    ['1964-13-01', false],
    ['64', false],
    ['1964-7-17', false],
    ['17.07.1964', false],
    [1964, false],
  ])('%s: %s', (value, expected) => {
    expect(isDateOfBirth(value, today)).toBe(expected);
  });
});

describe('NameCheckRequest secondary evidence', () => {
  const problems = (body: object) =>
    validateSync(plainToInstance(NameCheckRequest, body), { whitelist: true, forbidNonWhitelisted: true }).map((e) => [
      e.property,
      Object.values(e.constraints ?? {}),
    ]);

  it('accepts a year or a date and an alpha-2 nationality, or neither', () => {
    expect(problems({ name: 'Ri Won Ho', dateOfBirth: '1964', nationality: 'KP', type: 'individual' })).toEqual([]);
    expect(problems({ name: 'Ri Won Ho', dateOfBirth: '1964-07-17' })).toEqual([]);
    expect(problems({ name: 'Ri Won Ho' })).toEqual([]);
  });

  it('names the field and the reason', () => {
    expect(problems({ name: 'Ri Won Ho', dateOfBirth: '17.07.1964' })).toEqual([
      ['dateOfBirth', ['dateOfBirth must be a year (YYYY) or a date (YYYY-MM-DD) from 1900 to today']],
    ]);
    expect(problems({ name: 'Ri Won Ho', nationality: 'ru' })).toEqual([
      ['nationality', ['nationality must be an assigned ISO 3166-1 alpha-2 country code in capitals, such as RU or KP']],
    ]);
    expect(problems({ name: 'Ri Won Ho', nationality: 'XX' })).toEqual([['nationality', ['nationality must be an assigned ISO 3166-1 alpha-2 country code in capitals, such as RU or KP']]]);
    expect(problems({ name: 'Ri Won Ho', type: 'vessel' })).toEqual([['type', ['type must be one of the following values: individual, entity']]]);
  });
});
