import { describe, expect, it } from '@jest/globals';
import { placeNameVariants, translateRussianWord } from './russian-company-glossary.js';

describe('translateRussianWord', () => {
  it.each([
    ['завод', [['plant', 'works', 'factory']]],
    ['заводу', [['plant', 'works', 'factory']]],
    ['металлургический', [['metallurgical', 'metallurgy', 'metal', 'steel']]],
    ['машиностроительный', [['machine', 'machinery'], ['building', 'making']]],
    ['приборостроительного', [['instrument', 'appliance'], ['building', 'making']]],
    ['строительный', [['building', 'construction']]],
    ['горно', [['mining']]],
    ['Банк', [['bank']]],
  ])('%s → %j', (word, english) => {
    expect(translateRussianWord(word)?.map((p) => p.english)).toEqual(english);
  });

  it.each([['газета'], ['домашний'], ['ромашка'], ['путин']])('does not translate %s', (word) => {
    expect(translateRussianWord(word)).toBeUndefined();
  });

  it('marks company words and legal forms', () => {
    expect(translateRussianWord('комбинат')?.[0].kind).toBe('company-word');
    expect(translateRussianWord('химический')?.[0].kind).toBe('industry');
    expect(translateRussianWord('компания')?.[0].kind).toBe('legal-form');
  });
});

describe('placeNameVariants', () => {
  it.each([
    ['муромский', ['murom', 'muromsk']],
    ['Магнитогорский', ['magnitogor', 'magnitogorsk']],
    ['новолипецкого', ['novolipets', 'novolipetsk']],
    ['уральская', ['ural', 'uralsk']],
    ['технический', []],
    ['завод', []],
  ])('%s → %j', (word, variants) => {
    expect(placeNameVariants(word)).toEqual(variants);
  });
});
