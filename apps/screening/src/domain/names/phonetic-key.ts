import { memoiseString } from './memo-cache.js';

const SKELETON_REWRITES: readonly [RegExp, string][] = [
  [/shch|schtsch|sch/gu, 'sh'],
  [/tsch|tch|cz/gu, 'ch'],
  [/sz/gu, 'sh'],
  [/kh|gh/gu, 'h'],
  [/ph/gu, 'f'],
  [/th/gu, 't'],
  [/w/gu, 'v'],
  [/ck|q/gu, 'k'],
  [/x/gu, 'ks'],
  [/tz|ts/gu, 'c'],
  [/c(?![hei])/gu, 'k'],
  [/^[jy]e/gu, 'e'],
  [/([aeiou])[yj](?![aeiou])/gu, '$1i'],
  [/[jy](?=[aeiou])/gu, 'y'],
  [/ii|iy|yi|ij|yy|yj/gu, 'i'],
  [/([^aeiou])y/gu, '$1i'],
  [/ou|oo/gu, 'u'],
  [/ee/gu, 'i'],
  [/(.)\1+/gu, '$1'],
];

/**
 * A transliteration-insensitive skeleton of a lower-case Latin token: folds the usual
 * differences between English, German, French, Polish and scholarly romanisations of
 * Cyrillic and similar scripts (w/v, kh/h, shch/sch/sh, ts/tz/c, ya/ja/ia, -iy/-ij/-y/-i,
 * ye-/je-/e-, ks/x, doubled letters). Two tokens with the same skeleton are treated as
 * transliteration variants of each other.
 */
export const transliterationSkeleton = memoiseString((token: string): string => {
  let key = token;
  for (const [pattern, replacement] of SKELETON_REWRITES) key = key.replace(pattern, replacement);
  return key;
});

const RETRIEVAL_CLASSES: Record<string, string> = {
  a: 'a', e: 'a', i: 'a', o: 'a', u: 'a', y: 'a',
  b: 'p', p: 'p', f: 'f', v: 'f', w: 'f',
  c: 'k', g: 'k', k: 'k', q: 'k', x: 'k',
  d: 't', t: 't',
  j: 's', s: 's', z: 's',
  l: 'l', r: 'l',
  m: 'm', n: 'n', h: '',
};

/**
 * A coarse phonetic key used only to fetch candidates from an index: vowels fold to one
 * class, consonants to voicing- and romanisation-insensitive classes, h is dropped and runs
 * collapse. Digits pass through.
 */
export const retrievalKey = memoiseString((token: string): string => {
  let out = '';
  for (const ch of token) {
    const mapped = RETRIEVAL_CLASSES[ch] ?? ch;
    if (mapped !== '' && !out.endsWith(mapped)) out += mapped;
  }
  return out;
});
