/** Romanisation systems for Hangul: Revised Romanization and McCune–Reischauer (ASCII, breves dropped). */
export type HangulSystem = 'rr' | 'mr';

/** The jamo indices of one precomposed Hangul syllable. */
export interface HangulJamo {
  initial: number;
  vowel: number;
  final: number;
}

const SYLLABLE_BASE = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const VOWEL_COUNT = 21;
const FINAL_COUNT = 28;

const RR_INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const MR_INITIALS = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', "ch'", "k'", "t'", "p'", 'h'];
const MR_VOICED_INITIALS: Record<number, string> = { 0: 'g', 3: 'd', 7: 'b', 12: 'j' };
const RR_VOWELS = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const MR_VOWELS = ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'];
const RR_FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];
const MR_FINALS = RR_FINALS;
const VOICED_FINALS = new Set(['', 'n', 'm', 'ng', 'l']);

/** Two-syllable Korean surnames, used to split an unspaced Hangul name into surname and given name. */
const TWO_SYLLABLE_SURNAMES = new Set(['남궁', '황보', '제갈', '선우', '독고', '사공', '서문', '동방']);

/** True when the code point is a precomposed Hangul syllable (U+AC00–U+D7A3). */
export function isHangulSyllable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= SYLLABLE_BASE && c <= SYLLABLE_LAST;
}

/** True when the text contains at least one precomposed Hangul syllable. */
export function hasHangul(text: string): boolean {
  return /[\uac00-\ud7a3]/u.test(text);
}

/** Decomposes a precomposed syllable algorithmically: index = (initial × 21 + vowel) × 28 + final. */
export function decomposeHangulSyllable(ch: string): HangulJamo | undefined {
  if (!isHangulSyllable(ch)) return undefined;
  const index = (ch.codePointAt(0) ?? 0) - SYLLABLE_BASE;
  return {
    initial: Math.floor(index / (VOWEL_COUNT * FINAL_COUNT)),
    vowel: Math.floor((index % (VOWEL_COUNT * FINAL_COUNT)) / FINAL_COUNT),
    final: index % FINAL_COUNT,
  };
}

function romaniseWord(word: string, system: HangulSystem): string {
  let out = '';
  let prevFinal: string | undefined;
  for (const ch of word) {
    const jamo = decomposeHangulSyllable(ch);
    if (!jamo) {
      out += ch;
      prevFinal = undefined;
      continue;
    }
    let initial = system === 'rr' ? RR_INITIALS[jamo.initial] : MR_INITIALS[jamo.initial];
    if (system === 'mr' && prevFinal !== undefined && VOICED_FINALS.has(prevFinal)) {
      initial = MR_VOICED_INITIALS[jamo.initial] ?? initial;
    }
    const vowel = system === 'rr' ? RR_VOWELS[jamo.vowel] : MR_VOWELS[jamo.vowel];
    const final = system === 'rr' ? RR_FINALS[jamo.final] : MR_FINALS[jamo.final];
    out += initial + vowel + final;
    prevFinal = final;
  }
  return out;
}

/**
 * Romanises Hangul text syllable by syllable (non-Hangul characters pass through), lower case.
 * McCune–Reischauer output keeps aspiration apostrophes and voices k/t/p/ch after a voiced
 * sound inside a word; its breves are dropped (ŏ → o, ŭ → u).
 */
export function romaniseHangul(text: string, system: HangulSystem = 'rr'): string {
  return text
    .split(/(\s+|-)/u)
    .map((part) => romaniseWord(part, system))
    .join('');
}

/**
 * Splits an unspaced Hangul personal name into surname and given name (김정은 → 김, 정은).
 * Words that are not two to four Hangul syllables are returned unchanged.
 */
export function splitHangulPersonalName(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2 || chars.length > 4 || !chars.every(isHangulSyllable)) return [word];
  const surnameLength = chars.length >= 3 && TWO_SYLLABLE_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return [chars.slice(0, surnameLength).join(''), chars.slice(surnameLength).join('')];
}

/** Revised Romanization and McCune–Reischauer renderings of a Hangul text, distinct values only. */
export function hangulVariants(text: string): string[] {
  return [...new Set([romaniseHangul(text, 'rr'), romaniseHangul(text, 'mr'), romaniseHangul(text, 'mr').replace(/'/gu, '')])];
}
