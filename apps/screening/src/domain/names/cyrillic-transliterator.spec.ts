import { describe, expect, it } from '@jest/globals';
import { cyrillicVariants, hasCyrillic, transliterateCyrillic } from './cyrillic-transliterator.js';

describe('transliterateCyrillic', () => {
  it.each([
    ['Владимир Путин', 'vladimir putin', 'vladimir putin', 'wladimir putin'],
    ['Щукин', 'shchukin', 'shchukin', 'schtschukin'],
    ['Жуков', 'zhukov', 'zhukov', 'schukow'],
    ['Хрущёв', 'khrushchev', 'khrushchyov', 'chruschtschjow'],
    ['Цой', 'tsoi', 'tsoy', 'zoj'],
    ['Юрий', 'iurii', 'yuriy', 'jurij'],
    ['Яковлев', 'iakovlev', 'yakovlev', 'jakowlew'],
    ['Ельцин', 'eltsin', 'yeltsin', 'jelzin'],
    ['Андрей', 'andrei', 'andrey', 'andrej'],
  ])('%s → ICAO %s, BGN/PCGN %s, German %s', (cyrillic, icao, bgn, german) => {
    expect(transliterateCyrillic(cyrillic, 'icao')).toBe(icao);
    expect(transliterateCyrillic(cyrillic, 'bgn-pcgn')).toBe(bgn);
    expect(transliterateCyrillic(cyrillic, 'german')).toBe(german);
  });

  it('writes Ukrainian Г as h and И as y when the text is Ukrainian', () => {
    expect(transliterateCyrillic('Григорій', 'bgn-pcgn')).toBe('hryhoriy');
  });

  it('lists the distinct variants of all systems', () => {
    expect(cyrillicVariants('Щукин')).toEqual(['shchukin', 'schtschukin', 'scukin']);
  });

  it.each([
    ['Путин', true],
    ['Putin', false],
  ])('detects Cyrillic in %s: %s', (text, expected) => {
    expect(hasCyrillic(text)).toBe(expected);
  });
});
