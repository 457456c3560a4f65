import { describe, expect, it } from '@jest/globals';
import { foldLatin, isLegalFormWord, normaliseName, tokeniseName } from './name-normaliser.js';

describe('normaliseName', () => {
  it.each([
    ['case and diacritics', 'Société Générale', 'societe generale'],
    ['Turkish and Serbian letters', 'Erdoğan Vučić', 'erdogan vucic'],
    ['German sharp s and Scandinavian letters', 'Straße Søren', 'strasse soren'],
    ['curly apostrophe inside a word', 'Ch’oe Ch’un-Sik', 'choe chun sik'],
    ['straight apostrophe', "MUN CHO'NG-CH'O'L", 'mun chong chol'],
    ['backtick and modifier apostrophe', 'Qa`ida Qaʼida', 'qaida qaida'],
    ['double quotes', 'ООО "БАЙ"', 'bay'],
    ['hyphens and extra spacing', '  Jean-Marie   Le  Pen ', 'jean marie le pen'],
    ['dotted initialism', 'A.B.C. Company', 'abc'],
    ['ampersand', 'Procter & Gamble Co.', 'procter and gamble'],
    ['Cyrillic legal form OOO', 'ООО Ромашка', 'romashka'],
    ['Latin OOO', 'OOO Romashka', 'romashka'],
    ['dotted o.O.O.', 'Oboronnye Initsiativy o.O.O.', 'oboronnye initsiativy'],
    ['PAO and AO', 'ПАО Газпром', 'gazprom'],
    ['ZAO and OAO', 'ЗАО Альфа ОАО', 'alfa'],
    ['JSC, Corp.', 'JSC TACTICAL MISSILES CORP.', 'tactical missiles'],
    ['LLC spelled out', 'LIMITED LIABILITY COMPANY ISKUSSTVO KRASOTY', 'iskusstvo krasoty'],
    ['Cyrillic spelled-out form', 'Общество с ограниченной ответственностью Ромашка', 'romashka'],
    ['GmbH, Inc, Ltd', 'Alpha GmbH Beta Inc Gamma Ltd', 'alpha beta gamma'],
    ['Corporation and Company', 'HOMS REFINERY CORPORATION', 'homs refinery'],
    ['titles dropped', 'Mr. Recep Tayyip Erdoğan', 'recep tayyip erdogan'],
    ['number words', 'Brigade Forty-Four', 'brigade 44'],
    ['ordinals', '1st International Bank', '1 international bank'],
    ['camel case split', 'VladimirPutin', 'vladimir putin'],
    ['a name made only of legal words keeps them', 'Company', 'company'],
  ])('%s: %s → %s', (_label, raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it('removes short legal forms only as whole tokens at the edge of the name', () => {
    expect(normaliseName('PAEK SE BONG')).toBe('paek se bong');
    expect(normaliseName('Siemens AG')).toBe('siemens');
    expect(normaliseName('Agro Holding')).toBe('agro holding');
    expect(normaliseName('Aokin')).toBe('aokin');
  });
});

describe('tokeniseName', () => {
  it('tags roles and keeps the native form', () => {
    const tokens = tokeniseName('Abdul al-Rahman J. Smith II Ltd');
    expect(tokens.map((t) => [t.text, t.role])).toEqual([
      ['abdul', 'content'],
      ['al', 'particle'],
      ['rahman', 'content'],
      ['j', 'initial'],
      ['smith', 'content'],
      ['ii', 'number'],
      ['ltd', 'legal-form'],
    ]);
  });

  it('romanises Hangul and splits an unspaced personal name into surname and given name', () => {
    expect(tokeniseName('김정은').map((t) => [t.native, t.text, t.script])).toEqual([
      ['김', 'gim', 'hangul'],
      ['정은', 'jeongeun', 'hangul'],
    ]);
  });

  it('transliterates Cyrillic tokens', () => {
    expect(tokeniseName('Владимир Путин').map((t) => [t.native, t.text, t.script])).toEqual([
      ['владимир', 'vladimir', 'cyrillic'],
      ['путин', 'putin', 'cyrillic'],
    ]);
  });
});

describe('foldLatin and isLegalFormWord', () => {
  it.each([
    ['Łódź', 'lodz'],
    ['Æsir', 'aesir'],
  ])('folds %s to %s', (raw, expected) => {
    expect(foldLatin(raw.toLowerCase())).toBe(expected);
  });

  it.each([
    ['ooo', true],
    ['llc', true],
    ['gmbh', true],
    ['corporation', true],
    ['bank', false],
    ['smith', false],
  ])('%s is a legal form: %s', (word, expected) => {
    expect(isLegalFormWord(word)).toBe(expected);
  });
});
