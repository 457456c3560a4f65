import { describe, expect, it } from '@jest/globals';
import { assessEvidence, countryCode, isCountryCode, parseRecordedBirth } from './secondary-evidence.js';

describe('parseRecordedBirth', () => {
  it.each([
    ['1964-07-17', { from: 1964, to: 1964, date: '1964-07-17' }],
    ['1964-07-17 (from false passport)', { from: 1964, to: 1964, date: '1964-07-17' }],
    ['1960', { from: 1960, to: 1960 }],
    ['approx. 1960', { from: 1958, to: 1962 }],
    ['1950-1955', { from: 1950, to: 1955 }],
    ['1950-1955 (Approximately)', { from: 1948, to: 1957 }],
    ['Nov. 1960', { from: 1960, to: 1960 }],
    ['Between Aug. and Sep. 1958', { from: 1958, to: 1958 }],
    ['1961 (Sep.)', { from: 1961, to: 1961 }],
    ['30-35 years old', undefined],
    ['01/01/1380 (Hijri Calendar)', undefined],
    ['unknown', undefined],
  ])('%s', (text, expected) => {
    expect(parseRecordedBirth(text)).toEqual(expected);
  });
});

describe('countryCode', () => {
  it.each([
    ["Democratic People's Republic of Korea", 'KP'],
    ['Russian Federation', 'RU'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
    ['Iran (Islamic Republic of)', 'IR'],
    ['Türkiye', 'TR'],
    ['Afghanistan', 'AF'],
    ['na', undefined],
    ['former Soviet Union', undefined],
  ])('%s → %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('knows assigned alpha-2 codes', () => {
    expect([isCountryCode('KP'), isCountryCode('RU'), isCountryCode('XX'), isCountryCode('ru')]).toEqual([true, true, false, false]);
  });
});

describe('assessEvidence', () => {
  const riWonHo = { datesOfBirth: ['1964-07-17'], nationalities: ["Democratic People's Republic of Korea"] };

  it.each([
    ['nothing given', {}, riWonHo, 'unknown', 'unknown', 0],
    ['the recorded day', { dateOfBirth: '1964-07-17' }, riWonHo, 'match', 'unknown', 0.1],
    ['the recorded year only', { dateOfBirth: '1964' }, riWonHo, 'match', 'unknown', 0.03],
    ['another day of the recorded year', { dateOfBirth: '1964-01-02' }, riWonHo, 'contradiction', 'unknown', -0.25],
    ['another year', { dateOfBirth: '1980' }, riWonHo, 'contradiction', 'unknown', -0.25],
    ['the recorded nationality', { nationality: 'KP' }, riWonHo, 'unknown', 'match', 0.03],
    ['another nationality', { nationality: 'RU' }, riWonHo, 'unknown', 'contradiction', -0.15],
    ['both contradicted', { dateOfBirth: '1980', nationality: 'RU' }, riWonHo, 'contradiction', 'contradiction', -0.4],
    ['one of several dates agrees', { dateOfBirth: '1962' }, { datesOfBirth: ['1960', '1962'], nationalities: [] }, 'match', 'unknown', 0.03],
    ['within an approximate year', { dateOfBirth: '1961' }, { datesOfBirth: ['approx. 1960'], nationalities: [] }, 'match', 'unknown', 0.03],
    ['no recorded date: never demoted', { dateOfBirth: '1980' }, { datesOfBirth: [], nationalities: [] }, 'unknown', 'unknown', 0],
    ['a date the list gives in a form that cannot be read: never demoted', { dateOfBirth: '1980' }, { datesOfBirth: ['1960', '30-35 years old'], nationalities: [] }, 'unknown', 'unknown', 0],
    ['no recorded nationality: never demoted', { nationality: 'RU' }, { datesOfBirth: [], nationalities: [] }, 'unknown', 'unknown', 0],
    ['a nationality that names no country: never demoted', { nationality: 'RU' }, { datesOfBirth: [], nationalities: ['Afghanistan', 'former Soviet Union'] }, 'unknown', 'unknown', 0],
    ['one of two nationalities agrees', { nationality: 'PK' }, { datesOfBirth: [], nationalities: ['Afghanistan', 'Pakistan'] }, 'unknown', 'match', 0.03],
  ] as const)('%s', (_label, query, recorded, dateOfBirth, nationality, adjustment) => {
    const assessed = assessEvidence(recorded, query);
    expect(assessed).toMatchObject({ dateOfBirth, nationality, adjustment });
    expect(assessed.notes).toHaveLength((dateOfBirth === 'unknown' ? 0 : 1) + (nationality === 'unknown' ? 0 : 1));
  });

  it('says why it demotes', () => {
    expect(assessEvidence(riWonHo, { dateOfBirth: '1980', nationality: 'RU' }).notes).toEqual([
      'born 1980, but every recorded date of birth differs (1964-07-17): -0.25',
      "nationality RU, but every recorded nationality differs (Democratic People's Republic of Korea): -0.15",
    ]);
  });
});
