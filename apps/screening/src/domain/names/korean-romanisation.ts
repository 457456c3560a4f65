import { memoiseString } from './memo-cache.js';

/**
 * Equivalence classes of Korean surnames as they are romanised in North and South Korea, in
 * McCune–Reischauer, Revised Romanization and customary spellings. Each class lists Latin forms
 * (lower case, apostrophes removed) and the Hangul syllables it stands for.
 */
export const KOREAN_SURNAME_CLASSES: readonly { id: string; latin: readonly string[]; hangul: readonly string[] }[] = [
  { id: 'lee', latin: ['ri', 'rhee', 'lee', 'yi', 'i', 'li', 'rie', 'rhie', 'yee'], hangul: ['이', '리'] },
  { id: 'park', latin: ['pak', 'park', 'bak', 'bark', 'pack', 'paik'], hangul: ['박'] },
  { id: 'choi', latin: ['choe', 'choi', 'chwe', 'choy', 'chooi'], hangul: ['최'] },
  { id: 'kim', latin: ['kim', 'gim', 'ghim'], hangul: ['김'] },
  { id: 'jeong', latin: ['jong', 'jeong', 'chong', 'chung', 'jung', 'cheong', 'joung'], hangul: ['정'] },
  { id: 'kang', latin: ['kang', 'gang', 'khang'], hangul: ['강'] },
  { id: 'ko', latin: ['ko', 'go', 'koh', 'goh'], hangul: ['고'] },
  { id: 'shin', latin: ['sin', 'shin', 'synn', 'shinn'], hangul: ['신'] },
  { id: 'han', latin: ['han', 'hahn'], hangul: ['한'] },
  { id: 'hwang', latin: ['hwang', 'whang', 'huang'], hangul: ['황'] },
  { id: 'yun', latin: ['yun', 'yoon', 'youn', 'yune'], hangul: ['윤'] },
  { id: 'oh', latin: ['o', 'oh', 'oe'], hangul: ['오'] },
  { id: 'ryu', latin: ['ryu', 'yu', 'yoo', 'you', 'lyu', 'rew', 'ryoo'], hangul: ['류', '유'] },
  { id: 'lim', latin: ['rim', 'lim', 'im', 'yim', 'leem'], hangul: ['임', '림'] },
  { id: 'yang', latin: ['ryang', 'yang', 'lyang'], hangul: ['양', '량'] },
  { id: 'jang', latin: ['jang', 'chang', 'zhang', 'jhang'], hangul: ['장'] },
  { id: 'jo', latin: ['jo', 'cho', 'joe', 'chough'], hangul: ['조'] },
  { id: 'kwon', latin: ['kwon', 'gwon', 'kweon', 'kwun'], hangul: ['권'] },
  { id: 'jeon', latin: ['jon', 'jeon', 'chon', 'chun', 'jun', 'cheon'], hangul: ['전'] },
  { id: 'moon', latin: ['mun', 'moon', 'muhn'], hangul: ['문'] },
  { id: 'paek', latin: ['paek', 'baek', 'paik', 'baik', 'back', 'beak'], hangul: ['백'] },
  { id: 'bae', latin: ['pae', 'bae', 'bai', 'pai'], hangul: ['배'] },
  { id: 'noh', latin: ['no', 'noh', 'ro', 'roh'], hangul: ['노', '로'] },
  { id: 'na', latin: ['na', 'ra', 'nah'], hangul: ['나', '라'] },
  { id: 'ju', latin: ['ju', 'chu', 'joo', 'choo'], hangul: ['주'] },
  { id: 'hyun', latin: ['hyon', 'hyun', 'hyeon'], hangul: ['현'] },
  { id: 'seo', latin: ['so', 'seo', 'suh', 'seoh'], hangul: ['서'] },
  { id: 'song', latin: ['song', 'soung'], hangul: ['송'] },
  { id: 'sung', latin: ['song', 'sung', 'seong'], hangul: ['성'] },
  { id: 'ahn', latin: ['an', 'ahn'], hangul: ['안'] },
  { id: 'heo', latin: ['ho', 'heo', 'hur', 'huh'], hangul: ['허'] },
  { id: 'sim', latin: ['sim', 'shim'], hangul: ['심'] },
  { id: 'ku', latin: ['ku', 'koo', 'gu', 'goo'], hangul: ['구'] },
  { id: 'u', latin: ['u', 'woo', 'wu'], hangul: ['우'] },
  { id: 'ryeo', latin: ['ryo', 'yeo', 'yo', 'ryeo'], hangul: ['여', '려'] },
  { id: 'nam', latin: ['nam'], hangul: ['남'] },
  { id: 'min', latin: ['min'], hangul: ['민'] },
  { id: 'cha', latin: ['cha'], hangul: ['차'] },
  { id: 'kwak', latin: ['kwak', 'gwak'], hangul: ['곽'] },
];

const LATIN_TO_CLASSES = new Map<string, string[]>();
const HANGUL_TO_CLASS = new Map<string, string>();
for (const c of KOREAN_SURNAME_CLASSES) {
  for (const l of c.latin) LATIN_TO_CLASSES.set(l, [...(LATIN_TO_CLASSES.get(l) ?? []), c.id]);
  for (const h of c.hangul) HANGUL_TO_CLASS.set(h, c.id);
}

/** The surname classes a romanised token or Hangul surname belongs to (empty when none). */
export function koreanSurnameClasses(token: string): readonly string[] {
  const hangulClass = HANGUL_TO_CLASS.get(token);
  if (hangulClass) return [hangulClass];
  return LATIN_TO_CLASSES.get(token.toLowerCase().replace(/['’ʼ`-]/gu, '')) ?? [];
}

/** True when the two tokens are spellings of the same Korean surname. */
export function sameKoreanSurname(a: string, b: string): boolean {
  const ca = koreanSurnameClasses(a);
  if (ca.length === 0) return false;
  const cb = koreanSurnameClasses(b);
  return cb.some((c) => ca.includes(c));
}

const INITIALS = ['', 'kk', 'gg', 'tt', 'pp', 'ss', 'jj', 'tch', 'ch', 'sh', 'ph', 'th', 'kh', 'k', 'g', 'n', 't', 'd', 'r', 'l', 'm', 'p', 'b', 's', 'j', 'h'];
const VOWELS = ['yae', 'yeo', 'wae', 'weo', 'ae', 'ai', 'ay', 'ya', 'eo', 'ye', 'yo', 'yu', 'wa', 'oe', 'oi', 'wo', 'we', 'wi', 'eu', 'ui', 'oo', 'ee', 'ou', 'a', 'e', 'o', 'u', 'i'];
const FINALS = ['', 'ng', 'rk', 'k', 'n', 't', 'l', 'r', 'm', 'p', 's', 'h'];
const MAX_SYLLABLES = 4;
const koreanLikeCache = new Map<string, boolean>();

function segmentsAsSyllables(token: string): boolean {
  const fewest = new Array<number>(token.length + 1).fill(Infinity);
  fewest[0] = 0;
  for (let pos = 0; pos < token.length; pos++) {
    if (fewest[pos] >= MAX_SYLLABLES) continue;
    for (const initial of INITIALS) {
      if (!token.startsWith(initial, pos)) continue;
      const afterInitial = pos + initial.length;
      for (const vowel of VOWELS) {
        if (!token.startsWith(vowel, afterInitial)) continue;
        const afterVowel = afterInitial + vowel.length;
        for (const final of FINALS) {
          if (!token.startsWith(final, afterVowel)) continue;
          const end = afterVowel + final.length;
          fewest[end] = Math.min(fewest[end], fewest[pos] + 1);
        }
      }
    }
  }
  return fewest[token.length] <= MAX_SYLLABLES;
}

/**
 * True when a lower-case Latin token can be read as one to four romanised Korean syllables
 * (MR, RR or customary spellings). Used to decide when Korean equivalences apply.
 */
export function isKoreanLikeToken(token: string): boolean {
  if (token.length === 0 || token.length > 16 || !/^[a-z]+$/u.test(token)) return false;
  const cached = koreanLikeCache.get(token);
  if (cached !== undefined) return cached;
  const result = segmentsAsSyllables(token);
  if (koreanLikeCache.size > 50000) koreanLikeCache.clear();
  koreanLikeCache.set(token, result);
  return result;
}

const KEY_REWRITES: readonly [RegExp, string][] = [
  [/['’ʼ`-]/gu, ''],
  [/rh/gu, 'r'],
  [/woo/gu, 'u'],
  [/wo?e?o/gu, 'wo'],
  [/eo/gu, 'o'],
  [/eu/gu, 'u'],
  [/oo/gu, 'u'],
  [/ee/gu, 'i'],
  [/ou/gu, 'u'],
  [/oi|we/gu, 'oe'],
  [/ai|ay/gu, 'ae'],
  [/ung/gu, 'ong'],
  [/tch|jj|ch|j/gu, 'c'],
  [/kk|gg|kh|g/gu, 'k'],
  [/tt|th|d/gu, 't'],
  [/pp|ph|b/gu, 'p'],
  [/ss|sh/gu, 's'],
  [/r/gu, 'l'],
  [/^[ln](?=[iy])/gu, ''],
  [/^yi/gu, 'i'],
  [/(.)\1+/gu, '$1'],
];

/**
 * A romanisation-insensitive key for a Korean name token: folds the McCune–Reischauer vs
 * Revised Romanization differences (k/g, t/d, p/b, ch/j, s/sh, r/l, o/eo, u/eu), customary
 * spellings (oo, ee, ung) and the initial-sound rule (Ri → I, Ryu → Yu).
 */
export const koreanKey = memoiseString((token: string): string => {
  let key = token.toLowerCase();
  for (const [pattern, replacement] of KEY_REWRITES) key = key.replace(pattern, replacement);
  return key;
});
