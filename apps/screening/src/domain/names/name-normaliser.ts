import { hasCyrillic, transliterateCyrillic } from './cyrillic-transliterator.js';
import { memoiseString } from './memo-cache.js';
import { romaniseHangul, splitHangulPersonalName } from './hangul-romaniser.js';

/** The writing system a name token was given in. */
export type TokenScript = 'latin' | 'cyrillic' | 'hangul' | 'greek' | 'han' | 'kana' | 'other';

/** What a token contributes to a name: a name word, a particle, a number, an initial or a legal form. */
export type TokenRole = 'content' | 'particle' | 'number' | 'initial' | 'legal-form';

/** One word of a normalised name. */
export interface NameToken {
  /** Lower-case ASCII form (transliterated or romanised when the source is not Latin). */
  text: string;
  /** The word as written (lower case), in its own script. */
  native: string;
  script: TokenScript;
  role: TokenRole;
}

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const SPECIAL_LATIN: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŋ: 'ng', ħ: 'h',
};

const APOSTROPHES = /['’‘ʼʻ`´′ʹ]/gu;
const DOUBLE_QUOTES = /["“”„«»‹›〝〞＂]/gu;

/** Lower case, NFKD with diacritics removed, and the few Latin letters NFKD does not split. */
export function foldLatin(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøæœłđðþıŋħ]/gu, (c) => SPECIAL_LATIN[c] ?? c);
}

function scriptOf(word: string): TokenScript {
  if (/[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/u.test(word)) return 'hangul';
  if (hasCyrillic(word)) return 'cyrillic';
  if (/[\u0370-\u03ff\u1f00-\u1fff]/u.test(word)) return 'greek';
  if (/[\u3040-\u30ff]/u.test(word)) return 'kana';
  if (/[\u4e00-\u9fff\u3400-\u4dbf]/u.test(word)) return 'han';
  if (/[^\p{Script=Latin}\p{N}\p{M}]/u.test(word)) return 'other';
  return 'latin';
}

function toText(word: string, script: TokenScript): string {
  switch (script) {
    case 'cyrillic':
      return foldLatin(transliterateCyrillic(word, 'bgn-pcgn'));
    case 'hangul':
      return romaniseHangul(word, 'rr');
    case 'greek':
      return [...foldLatin(word)].map((c) => GREEK[c] ?? c).join('');
    case 'latin':
      return foldLatin(word);
    default:
      return word;
  }
}

const NUMBER_WORDS = new Map<string, number>(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, first: 1, second: 2, third: 3, fourth: 4, fifth: 5,
  sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
}));
const TENS_WORDS = new Map<string, number>(Object.entries({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}));
const ROMAN_NUMERALS = new Set(['ii', 'iii', 'iv', 'vi', 'vii', 'viii', 'ix', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xx']);

const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mister', 'dr', 'prof', 'professor', 'president', 'prasident', 'presidente',
  'monsieur', 'madame', 'mme', 'mlle', 'sir', 'dame', 'lord', 'shaikh', 'sheikh', 'sheik', 'hon', 'mv',
]);

const PARTICLES = new Set([
  'of', 'the', 'and', 'for', 'de', 'da', 'do', 'dos', 'das', 'du', 'des', 'del', 'della', 'di', 'der',
  'den', 'van', 'von', 'la', 'le', 'les', 'el', 'al', 'bin', 'ibn', 'ben', 'bint', 'binti', 'und', 'et', 'in',
]);

/** Legal-form words removed wherever they stand (Latin spellings; Cyrillic ones are transliterated first). */
const LEGAL_FORMS_ANYWHERE = new Set([
  'aktiengesellschaft', 'gmbh', 'llc', 'llp', 'ltd', 'limited', 'corp', 'corporation', 'company', 'co',
  'inc', 'incorporated', 'plc', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'ooo', 'oao', 'zao', 'pao', 'sarl', 'srl',
  'sas', 'spa', 'pty', 'pte', 'kgaa', 'oyj', 'aps', 'kft', 'zrt', 'sro', 'eood', 'ood', 'bhd', 'sdn', 'pvt',
  'gbr', 'ohg', 'tov', 'fgup', 'gup', 'mup', 'ltda', 'cia',
]);

/** Short legal-form words removed only as the first or last word, where they cannot be a name part. */
const LEGAL_FORMS_AT_EDGE = new Set(['ag', 'sa', 'ab', 'as', 'ao', 'kk', 'ad', 'dd', 'oy', 'kg', 'se', 'nv', 'bv', 'lp', 'na', 'ip', 'too', 'ano', 'pt', 'cv', 'ug', 'sae']);

const LEGAL_PHRASES_LATIN = [
  'limited liability company', 'limited liability partnership', 'limited partnership', 'public limited company',
  'joint stock company', 'open joint stock company', 'closed joint stock company', 'public joint stock company',
  'private joint stock company', 'gesellschaft mit beschrankter haftung', 'societatea cu raspundere limitata',
  'societe anonyme', 'sociedad anonima', 'sociedad de responsabilidad limitada', 'sp z oo', 'sp z o o',
  's de rl de cv', 'sa de cv', 's de rl', 'de cv', 'kabushiki kaisha', 'public company limited', 'private limited',
];
const LEGAL_PHRASES_CYRILLIC = [
  'общество с ограниченной ответственностью', 'акционерное общество', 'открытое акционерное общество',
  'закрытое акционерное общество', 'публичное акционерное общество', 'непубличное акционерное общество',
  'товарищество с ограниченной ответственностью', 'товариство з обмеженою відповідальністю',
  'государственное унитарное предприятие', 'автономная некоммерческая организация',
];

/** Legal-form phrases as token sequences, longest first. */
const LEGAL_PHRASES: readonly string[][] = [
  ...LEGAL_PHRASES_LATIN,
  ...LEGAL_PHRASES_CYRILLIC.map((p) => foldLatin(transliterateCyrillic(p, 'bgn-pcgn'))),
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);

/** True when the lower-case ASCII word is a legal-form word (OOO, JSC, Ltd, GmbH, Corporation…). */
export function isLegalFormWord(word: string): boolean {
  return LEGAL_FORMS_ANYWHERE.has(word) || LEGAL_FORMS_AT_EDGE.has(word);
}

function splitWords(raw: string): string[] {
  const text = raw
    .normalize('NFKC')
    .replace(/(\p{Ll}{2})(?=\p{Lu}\p{Ll})/gu, '$1 ')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(DOUBLE_QUOTES, ' ')
    .replace(/&/gu, ' and ')
    .replace(/(\d)(st|nd|rd|th)\b/gu, '$1')
    .replace(/(?:^|(?<=[^\p{L}\p{N}]))((?:\p{L}\.){2,})/gu, (m) => m.replace(/\./gu, ''));
  return text.split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w.length > 0);
}

function makeToken(text: string, native: string, script: TokenScript, role: TokenRole): NameToken {
  return { text, native, script, role };
}

const wordToken = memoiseString((word: string): Readonly<NameToken> => {
  const script = scriptOf(word);
  return { text: toText(word, script), native: word, script, role: 'content' };
});

function combineNumbers(tokens: NameToken[]): NameToken[] {
  const out: NameToken[] = [];
  for (const t of tokens) {
    const unit = NUMBER_WORDS.get(t.text);
    const tens = TENS_WORDS.get(t.text);
    const value = unit ?? tens;
    const asNumber: NameToken | undefined =
      value !== undefined
        ? makeToken(String(value), t.native, t.script, 'number')
        : /^\d+$/u.test(t.text)
          ? makeToken(t.text, t.native, t.script, 'number')
          : undefined;
    if (!asNumber) {
      out.push(t);
      continue;
    }
    const prev = out[out.length - 1];
    const prevValue = prev && prev.role === 'number' ? Number(prev.text) : NaN;
    const current = Number(asNumber.text);
    if (prev && prevValue % 10 === 0 && prevValue >= 20 && prevValue <= 90 && current > 0 && current < 10) {
      out[out.length - 1] = makeToken(String(prevValue + current), `${prev.native} ${t.native}`, prev.script, 'number');
    } else {
      out.push(asNumber);
    }
  }
  return out;
}

function removeLegalForms(tokens: NameToken[]): NameToken[] {
  const out: NameToken[] = tokens.map((t) => makeToken(t.text, t.native, t.script, t.role));
  for (let i = 0; i < out.length; i++) {
    for (const phrase of LEGAL_PHRASES) {
      if (i + phrase.length > out.length) continue;
      if (phrase.every((w, k) => out[i + k].text === w)) {
        for (let k = 0; k < phrase.length; k++) out[i + k].role = 'legal-form';
        break;
      }
    }
  }
  const last = out.length - 1;
  out.forEach((t, i) => {
    if (t.role !== 'content' || t.script === 'hangul') return;
    if (LEGAL_FORMS_ANYWHERE.has(t.text) || ((i === 0 || i === last) && LEGAL_FORMS_AT_EDGE.has(t.text) && out.length > 1)) {
      t.role = 'legal-form';
    }
  });
  return out;
}

/**
 * Splits a name into normalised tokens: Unicode-normalised, case-folded, diacritics and
 * apostrophes removed, punctuation and hyphens as separators, dotted initialisms joined
 * (A.B.C. → abc), number words as digits, Cyrillic transliterated (BGN/PCGN), Hangul romanised
 * (RR), titles dropped, and each token tagged with its role. Legal forms stay in the list,
 * tagged `legal-form`, so callers can drop them.
 */
export function tokeniseName(raw: string): NameToken[] {
  const words = splitWords(raw);
  const expanded = words.length === 1 ? splitHangulPersonalName(words[0]) : words;
  let tokens: NameToken[] = expanded.map((w) => {
    const t = wordToken(w);
    return makeToken(t.text, t.native, t.script, 'content');
  });
  tokens = tokens.filter((t, i) => !TITLES.has(t.text) && !(i === 0 && t.text === 'the' && tokens.length > 1));
  tokens = combineNumbers(tokens);
  tokens = removeLegalForms(tokens);
  tokens.forEach((t, i) => {
    if (t.role !== 'content') return;
    if (PARTICLES.has(t.text)) t.role = 'particle';
    else if (t.text === 'no' && tokens[i + 1]?.role === 'number') t.role = 'particle';
    else if (i > 0 && ROMAN_NUMERALS.has(t.text)) t.role = 'number';
    else if (t.text.length === 1 && /[a-z]/u.test(t.text) && t.script === 'latin') t.role = 'initial';
  });
  if (tokens.length > 0 && tokens.every((t) => t.role === 'legal-form' || t.role === 'particle')) {
    tokens.forEach((t) => {
      if (t.role === 'legal-form') t.role = 'content';
    });
  }
  return tokens;
}

/** The tokens that carry a name's identity: legal forms removed. */
export function nameTokens(raw: string): NameToken[] {
  return tokeniseName(raw).filter((t) => t.role !== 'legal-form');
}

/** A name as one normalised string: the text of its tokens, legal forms removed, single-spaced. */
export function normaliseName(raw: string): string {
  return nameTokens(raw)
    .map((t) => t.text)
    .join(' ');
}
