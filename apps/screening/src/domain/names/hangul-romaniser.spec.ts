import { describe, expect, it } from '@jest/globals';
import {
  decomposeHangulSyllable,
  hangulVariants,
  hasHangul,
  romaniseHangul,
  splitHangulPersonalName,
} from './hangul-romaniser.js';

describe('decomposeHangulSyllable', () => {
  it.each([
    ['가', { initial: 0, vowel: 0, final: 0 }],
    ['한', { initial: 18, vowel: 0, final: 4 }],
    ['힣', { initial: 18, vowel: 20, final: 27 }],
  ])('%s decomposes into %o', (syllable, expected) => {
    expect(decomposeHangulSyllable(syllable)).toEqual(expected);
  });

  it('returns undefined for a non-Hangul character', () => {
    expect(decomposeHangulSyllable('a')).toBeUndefined();
  });
});

describe('romaniseHangul', () => {
  it.each([
    ['김정은', 'gimjeongeun', 'kimjongun'],
    ['박지성', 'bakjiseong', 'pakchisong'],
    ['최룡해', 'choeryonghae', "ch'oeryonghae"],
    ['서울', 'seoul', 'soul'],
    ['김 정은', 'gim jeongeun', 'kim chongun'],
  ])('%s → RR %s, MR %s', (hangul, rr, mr) => {
    expect(romaniseHangul(hangul, 'rr')).toBe(rr);
    expect(romaniseHangul(hangul, 'mr')).toBe(mr);
  });

  it('lists RR and MR variants', () => {
    expect(hangulVariants('최')).toEqual(['choe', "ch'oe"]);
  });
});

describe('splitHangulPersonalName', () => {
  it.each([
    ['김정은', ['김', '정은']],
    ['남궁민수', ['남궁', '민수']],
    ['김', ['김']],
    ['Kim', ['Kim']],
  ])('%s → %o', (name, expected) => {
    expect(splitHangulPersonalName(name)).toEqual(expected);
  });

  it('detects Hangul', () => {
    expect([hasHangul('김정은'), hasHangul('Kim')]).toEqual([true, false]);
  });
});
