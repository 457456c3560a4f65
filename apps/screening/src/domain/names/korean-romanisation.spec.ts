import { describe, expect, it } from '@jest/globals';
import { isKoreanLikeToken, koreanKey, koreanSurnameClasses, sameKoreanSurname } from './korean-romanisation.js';

describe('Korean surname classes', () => {
  it.each([
    [['ri', 'rhee', 'lee', 'yi', 'i', '이', '리'], 'lee'],
    [['pak', 'park', 'bak', '박'], 'park'],
    [['choe', 'choi', 'chwe', '최'], 'choi'],
    [['kim', 'gim', '김'], 'kim'],
    [['jong', 'jeong', 'chong', 'chung', '정'], 'jeong'],
    [['kang', 'gang'], 'kang'],
    [['ko', 'go'], 'ko'],
    [['sin', 'shin'], 'shin'],
    [['han'], 'han'],
    [['hwang'], 'hwang'],
    [['yun', 'yoon'], 'yun'],
    [['o', 'oh'], 'oh'],
    [['ryu', 'yu', 'yoo'], 'ryu'],
    [['rim', 'lim', 'im'], 'lim'],
    [['ryang', 'yang'], 'yang'],
    [['jang', 'chang'], 'jang'],
    [['jo', 'cho'], 'jo'],
    [['kwon', 'gwon'], 'kwon'],
  ])('%o all belong to %s', (spellings, id) => {
    for (const s of spellings) expect(koreanSurnameClasses(s)).toContain(id);
  });

  it.each([
    ['Ri', 'Lee', true],
    ['Pak', 'Park', true],
    ['Kim', 'Park', false],
    ['Smith', 'Smith', false],
  ])('%s and %s are the same surname: %s', (a, b, expected) => {
    expect(sameKoreanSurname(a, b)).toBe(expected);
  });
});

describe('koreanKey', () => {
  it.each([
    ['chin', 'jin'],
    ['pom', 'bom'],
    ['kwang', 'gwang'],
    ['to', 'do'],
    ['chol', 'cheol'],
    ['song', 'seong'],
    ['un', 'eun'],
    ['sik', 'shik'],
    ['ryong', 'lyong'],
    ['kyong', 'gyeong'],
    ['kyung', 'gyeong'],
  ])('%s and %s share a key', (a, b) => {
    expect(koreanKey(a)).toBe(koreanKey(b));
  });

  it.each([
    ['kim', 'pak'],
    ['chol', 'chun'],
    ['min', 'il'],
  ])('%s and %s keep different keys', (a, b) => {
    expect(koreanKey(a)).not.toBe(koreanKey(b));
  });
});

describe('isKoreanLikeToken', () => {
  it.each([
    ['hojin', true],
    ['chongchongang', true],
    ['kyong', true],
    ['smith', false],
    ['vladimir', false],
    ['trading', false],
  ])('%s reads as romanised Korean: %s', (token, expected) => {
    expect(isKoreanLikeToken(token)).toBe(expected);
  });
});
