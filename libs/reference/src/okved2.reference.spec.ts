import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OKVED_DIVISIONS, OKVED_SECTIONS, isKnownOkvedDivision, isOkvedFormat, okvedSection } from './okved2.reference.js';

const DATA_DIR = process.env.TUMEN_SHARED_DATA_DIR ?? path.resolve(process.cwd(), '../shared/data');

/** Rows of the Rosstat file as [section, code, name], header dropped. */
function okvedRows(): [string, string, string][] {
  const text = readFileSync(path.join(DATA_DIR, 'okved2/okved2-20231201.utf8.csv'), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().slice(1, -1).split('";"') as [string, string, string]);
}

describe('OKVED2 reference tables against the Rosstat file', () => {
  const rows = okvedRows();

  it('lists exactly the divisions of the file', () => {
    const divisions = rows.map(([, code]) => code.trim()).filter((code) => /^\d{2}$/.test(code));
    expect(OKVED_DIVISIONS).toEqual(divisions);
    expect(OKVED_DIVISIONS).toHaveLength(88);
  });

  it('puts every division of the file in the section the file gives it', () => {
    const mismatches = rows
      .filter(([, code]) => /^\d{2}$/.test(code.trim()))
      .filter(([section, code]) => okvedSection(code.trim())?.letter !== section)
      .map(([, code]) => code);
    expect(mismatches).toEqual([]);
  });

  it('has the 21 sections A–U with the Russian titles of the file', () => {
    const fileSections = rows.filter(([, code]) => code.trim() === '').map(([letter, , name]) => [letter, name.toLowerCase()]);
    expect(OKVED_SECTIONS.map((s) => [s.letter, s.titleRu.toLowerCase()])).toEqual(fileSections);
  });

  it('accepts every code of the file as well formed', () => {
    const rejected = rows.map(([, code]) => code.trim()).filter((code) => code !== '' && !isOkvedFormat(code));
    expect(rejected).toEqual([]);
  });
});

describe('isOkvedFormat', () => {
  it.each([
    ['05', true],
    ['05.1', true],
    ['05.10', true],
    ['29.10.2', true],
    ['29.10.21', true],
    ['5', false],
    ['05.', false],
    ['05.100', false],
    ['05.10.', false],
    ['29.10.211', false],
    ['29.1.2', false],
    ['2910', false],
    ['05,10', false],
    ['B', false],
    ['', false],
  ])('%p -> %p', (code, expected) => {
    expect(isOkvedFormat(code)).toBe(expected);
  });
});

describe('okvedSection and isKnownOkvedDivision', () => {
  it.each([
    ['05.10', 'B', true],
    ['07.10', 'B', true],
    ['29.10.2', 'C', true],
    ['35.11', 'D', true],
    ['45.31', 'G', true],
    ['52.24', 'H', true],
    ['71.12.3', 'M', true],
    ['01', 'A', true],
    ['99', 'U', true],
    ['04', undefined, false],
    ['34.10', undefined, false],
    ['83', undefined, false],
    ['00', undefined, false],
    ['05.100', undefined, false],
  ])('%p is in section %p (division known: %p)', (code, letter, known) => {
    expect(okvedSection(code)?.letter).toBe(letter);
    expect(isKnownOkvedDivision(code)).toBe(known);
  });

  it('gives English and Russian titles', () => {
    expect(okvedSection('05.10')).toEqual({
      letter: 'B',
      firstDivision: '05',
      lastDivision: '09',
      titleEn: 'Mining and quarrying',
      titleRu: 'Добыча полезных ископаемых',
    });
  });
});
