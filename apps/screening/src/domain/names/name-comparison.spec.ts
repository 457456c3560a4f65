import { describe, expect, it } from '@jest/globals';
import { analyseName, compareNames, DEFAULT_MATCH_THRESHOLD, type TokenMatchKind } from './name-comparison.js';

describe('compareNames on true pairs', () => {
  it.each([
    ['Vladimir Putin', 'Vladimir Putin', 1],
    ['Владимир Путин', 'Vladimir Putin', 0.95],
    ['Владимир Путин', 'Wladimir Putin', 0.9],
    ['Putin, Vladimir', 'Vladimir Putin', 1],
    ['YUN HO-JIN', 'Yun Ho-chin', 0.9],
    ['PAEK CHANG-HO', "Paek Ch'ang-Ho", 0.95],
    ['JANG BOM SU', 'Jang Pom Su', 0.9],
    ['CHOE CHUN-SIK', 'Ch’oe Ch’un Sik', 0.95],
    ['HYON KWANG IL', 'Hyon Gwang Il', 0.9],
    ['RI JE-SON', 'Ri Che-son', 0.9],
    ['JO YONG CHOL', 'Cho Yong Chol', 0.9],
    ['Yun Ho Jin', 'Yun Hojin', 0.95],
    ['김정은', 'Kim Jong Un', 0.9],
    ['Ri Je Son', 'Lee Je-son', 0.9],
    ['J. Smith', 'John Smith', 0.85],
    ['OOO Oboronnye Initsiativy', 'Oboronnye Initsiativy LLC', 1],
    ['ООО "Ромашка"', 'Romashka LLC', 0.95],
    ['Siemens Aktiengesellschaft', 'Siemens AG', 1],
    ['Olaf Scholze', 'Olaf Scholz', 0.85],
    ['MAEI', 'Ministry of Atomic Energy Industry', 0.85],
  ])('%s ↔ %s scores at least %d', (a, b, minimum) => {
    const { score } = compareNames(a, b);
    expect(score).toBeGreaterThanOrEqual(minimum);
    expect(score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(score).toBeLessThanOrEqual(1);
  });
});

describe('compareNames on false pairs', () => {
  it.each([
    ['Vladimir Putin', 'Angela Merkel'],
    ['KIM SONG MIN', 'KIM SONG CHOL'],
    ['Boris Johnson', 'Boris Yeltsin'],
    ['Sergey Viktorovich Lavrov', 'Sergey Ivanevich Lavrov'],
    ['SADDAM HUSSEIN AL-DULAIMI', 'SADDAM HUSSEIN AL-TIKRITI'],
    ['A. Nazarbayev', 'Nursultan Nazarbayev'],
    ['김종은', '김정은'],
    ['Government of Estonia', 'Government of Ethiopia'],
    ['KOREA MINING DEVELOPMENT TRADING CORPORATION', 'KOREA RYONBONG GENERAL CORPORATION'],
    ['Daniel Tusk', 'Donald Tusk'],
  ])('%s ↔ %s scores below the threshold', (a, b) => {
    expect(compareNames(a, b).score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });

  it('scores names with nothing in common 0', () => {
    expect(compareNames('Vladimir Putin', 'Angela Merkel').score).toBe(0);
  });
});

describe('compareNames on Russian company names rendered in English', () => {
  it.each([
    ['Ural Machine-Building Plant', 'Уральский машиностроительный завод', 0.85],
    ['Magnitogorsk Iron and Steel Works', 'Магнитогорский металлургический комбинат', 0.7],
    ['Chelyabinsk Metallurgical Plant', 'ПАО «Челябинский металлургический комбинат»', 0.85],
    ['Kurgan Machine-Building Plant', 'Курганский машиностроительный завод', 0.85],
    ['Mining and Chemical Combine', 'ФГУП «Горно-химический комбинат»', 0.85],
    ['Research and Production Association Almaz', 'Научно-производственное объединение «Алмаз»', 0.85],
    ['Trading House Volga', 'ООО Торговый дом Волга', 0.9],
    ['Izhevsk Mechanical Plant', 'Ижевский механический завод', 0.85],
  ])('%s ↔ %s scores at least %d', (a, b, minimum) => {
    expect(compareNames(a, b).score).toBeGreaterThanOrEqual(minimum);
    expect(compareNames(b, a).score).toBeGreaterThanOrEqual(minimum);
  });

  it.each([
    ['Magnitogorsk Iron and Steel Works', 'Новолипецкий металлургический комбинат'],
    ['Omsk Machine-Building Plant', 'Уральский машиностроительный завод'],
    ['Volga Trading House', 'Торговый дом «Урал»'],
    ['Siberian Chemical Combine', 'Горно-химический комбинат'],
    ['Kazan Aviation Plant', 'Ульяновский авиационный завод'],
    ['Yenakiieve Iron and Steel Works', 'Донецкий металлургический завод'],
    ['Izhevsk Electromechanical Plant', 'Ижевский механический завод'],
    ['Ural Plant', 'Уральский турбинный завод'],
    ['Moscow Plant', 'Московский металлургический завод'],
  ])('%s ↔ %s stays below the threshold', (a, b) => {
    expect(compareNames(a, b).score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
    expect(compareNames(b, a).score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });

  it('explains translated words', () => {
    const kinds = compareNames('Ural Machine-Building Plant', 'Уральский машиностроительный завод').explanation.map((m) => [
      m.query,
      m.candidate,
      m.kind,
    ]);
    expect(kinds).toEqual([
      ['machine', 'машиностроительный', 'translation'],
      ['building', 'машиностроительный', 'translation'],
      ['plant', 'завод', 'translation'],
      ['ural', 'уральский', 'translation'],
    ]);
  });
});

describe('compareNames explanations', () => {
  const kinds = (a: string, b: string): [string | null, string | null, TokenMatchKind][] =>
    compareNames(a, b).explanation.map((m) => [m.query, m.candidate, m.kind]);

  it.each([
    ['Vladimir Putin', 'Vladimir Putin', [['vladimir', 'vladimir', 'exact'], ['putin', 'putin', 'exact']]],
    ['Владимир Путин', 'Vladimir Putin', [['владимир', 'vladimir', 'transliteration'], ['путин', 'putin', 'transliteration']]],
    ['Wladimir Putin', 'Vladimir Putin', [['putin', 'putin', 'exact'], ['wladimir', 'vladimir', 'transliteration']]],
    ['Yun Ho-chin', 'YUN HO-JIN', [['yun', 'yun', 'exact'], ['ho', 'ho', 'exact'], ['chin', 'jin', 'romanisation-variant']]],
    ['Ri Je Son', 'Lee Je Son', [['je', 'je', 'exact'], ['son', 'son', 'exact'], ['ri', 'lee', 'surname-class']]],
    ['J. Smith', 'John Smith', [['smith', 'smith', 'exact'], ['j', 'john', 'initial']]],
    ['Olaf Scholze', 'Olaf Scholz', [['olaf', 'olaf', 'exact'], ['scholze', 'scholz', 'fuzzy']]],
    ['Kim Song Min', 'Kim Song Chol', [['kim', 'kim', 'exact'], ['song', 'song', 'exact'], ['min', null, 'unmatched'], [null, 'chol', 'unmatched']]],
  ] as const)('%s ↔ %s is explained token by token', (a, b, expected) => {
    expect(kinds(a, b)).toEqual(expected);
  });

  it('reports the similarity of a fuzzy match', () => {
    const fuzzy = compareNames('Olaf Scholze', 'Olaf Scholz').explanation.find((m) => m.kind === 'fuzzy');
    expect(fuzzy?.similarity).toBeCloseTo(6 / 7, 3);
  });

  it('does not depend on token order', () => {
    expect(compareNames('Jong Un Kim', 'Kim Jong Un').score).toBe(1);
  });

  it('gives an initial partial credit, below a full given name', () => {
    const initial = compareNames('J. Smith', 'John Smith').score;
    expect(initial).toBeLessThan(compareNames('John Smith', 'John Smith').score);
    expect(initial).toBeGreaterThan(DEFAULT_MATCH_THRESHOLD);
  });
});

describe('analysed tokens are shared, never changed by a comparison', () => {
  it.each([
    ['MAEI', 'Ministry of Atomic Energy Industry'],
    ['Yun Ho Jin', 'Yun Hojin'],
  ])('%s ↔ %s leaves the analysis of both names as it was', (a, b) => {
    const before = [analyseName(a), analyseName(b)].map((n) => n.tokens.map((t) => [t.text, t.weight, t.acronym]));
    const first = compareNames(a, b).score;
    expect(compareNames(b, a).score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(compareNames(a, b).score).toBe(first);
    const after = [analyseName(a), analyseName(b)].map((n) => n.tokens.map((t) => [t.text, t.weight, t.acronym]));
    expect(after).toEqual(before);
    expect(after.flat().every(([, , acronym]) => acronym === false)).toBe(true);
  });
});
