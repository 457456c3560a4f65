import { isKoreanLikeToken, koreanKey, koreanSurnameClasses } from './korean-romanisation.js';
import { tokeniseName, type NameToken } from './name-normaliser.js';
import { transliterationSkeleton } from './phonetic-key.js';
import { placeNameVariants, translateRussianWord } from './russian-company-glossary.js';
import { editSimilarity, editSimilarityAtLeast } from './string-similarity.js';

/** How a query token was matched to a candidate token. */
export type TokenMatchKind =
  | 'exact'
  | 'transliteration'
  | 'translation'
  | 'romanisation-variant'
  | 'surname-class'
  | 'fuzzy'
  | 'initial'
  | 'unmatched';

/** One line of a comparison's explanation: which query token met which candidate token, and how. */
export interface TokenMatch {
  /** The query token as written (joined tokens are space-separated); null when a candidate token stayed unmatched. */
  query: string | null;
  /** The candidate token as written; null when a query token stayed unmatched. */
  candidate: string | null;
  kind: TokenMatchKind;
  /** Similarity of the two tokens in [0, 1]; 0 when unmatched. */
  similarity: number;
}

/** Two tokens the alignment paired, with the credit the pair earned. */
export interface TokenAgreement {
  query: AnalysedToken;
  candidate: AnalysedToken;
  credit: number;
}

/** The result of comparing two names: a score in [0, 1] and the token alignment behind it. */
export interface NameComparison {
  score: number;
  explanation: TokenMatch[];
  /** The token pairs the score rests on. */
  agreements: TokenAgreement[];
  /** True when every content token and initial of both names was paired with one of the other's: the names differ at most in spelling (which the score weighs). */
  complete: boolean;
}

/** Score at or above which two names are reported as a possible match. */
export const DEFAULT_MATCH_THRESHOLD = 0.7;

/** A normalised token with everything the scorer needs precomputed. */
export interface AnalysedToken extends NameToken {
  weight: number;
  skeleton: string;
  korean: boolean;
  koreanKey: string;
  /** The Korean key with vowel runs folded (see consonantFrame); empty when not Korean. */
  koreanFrame: string;
  surnameClasses: readonly string[];
  acronym: boolean;
  /** Bit sets of the letters in text, skeleton and Korean key, to bound edit similarity cheaply. */
  masks: readonly [number, number, number];
  /** True for the English rendering of a Russian word (завод → plant, Муромский → murom); text holds the English. */
  translated?: boolean;
  /** True when a translated token is the place name behind a Russian -ский adjective. */
  place?: boolean;
}

/** A name prepared once for many comparisons (the index keeps these). */
export interface AnalysedName {
  raw: string;
  tokens: readonly AnalysedToken[];
  /** True when the name reads as a Korean name (Hangul, or mostly romanised Korean syllables). */
  korean: boolean;
}

const COMMON_ORG_WORDS = new Set([
  'trading', 'general', 'bank', 'banking', 'group', 'holding', 'holdings', 'international', 'industry',
  'industries', 'shipping', 'trust', 'fund', 'capital', 'partners', 'solutions', 'global', 'systems',
  'national', 'services', 'enterprise', 'enterprises', 'development', 'investment', 'technology', 'korea',
  'korean', 'china', 'import', 'export', 'management', 'commercial', 'financial', 'finance', 'insurance',
  'credit', 'machinery', 'marine', 'maritime', 'foreign', 'joint', 'venture', 'association', 'associated',
  'foundation', 'organisation', 'organization', 'committee', 'department', 'ministry', 'bureau', 'office',
  'academy', 'institute', 'factory', 'plant', 'works', 'center', 'centre', 'federation', 'union', 'society',
]);

/** Names of Korea that denote the same country in list entries (DPRK, Choson, Korea, Korean). */
const KOREA_NAMES = new Set(['korea', 'korean', 'dprk', 'dprkn', 'choson', 'chosun', 'joseon', 'kp']);

/** Scripts whose tokens are compared as written when both sides share the script. */
function comparedNatively(script: string): boolean {
  return script === 'hangul' || script === 'han' || script === 'kana' || script === 'other';
}

const CONFLICT_FACTOR = 0.82;
const HIGHER_COVERAGE_WEIGHT = 0.5;
const INITIAL_CREDIT = 0.8;
const ACRONYM_CREDIT = 0.9;
const SHORT_ACRONYM_CREDIT = 0.6;
const FUZZY_FULL = 0.8;
/** Credit for one Korean syllable spelt with another vowel (ŏ/ŭ/o/u/eo/eu are romanised inconsistently). */
const KOREAN_VOWEL_CREDIT = 0.75;
const FUZZY_FLOOR = 0.5;
/** Credit for a Russian word matched by its English translation or its place name. */
const TRANSLATION_CREDIT = 0.9;
/** Credit for a -ский adjective matched by its place name: the adjective may also name a region or a namesake. */
const PLACE_CREDIT = 0.85;
/** Weight of a translated company-kind word (plant, works, bank, group): it says little about which company. */
const COMPANY_WORD_WEIGHT = 0.3;
const SHORT_FUZZY_FLOOR = 0.6;

function tokenWeight(text: string, role: NameToken['role']): number {
  switch (role) {
    case 'legal-form':
      return 0;
    case 'particle':
      return 0.25;
    case 'number':
    case 'initial':
      return 0.5;
    default:
      return COMMON_ORG_WORDS.has(text) ? 0.6 : 1;
  }
}

const tokenCache = new Map<string, Readonly<AnalysedToken>>();
const TOKEN_CACHE_SIZE = 100_000;

/** Analyses a token once per distinct (text, native, script, role); callers must copy before changing it. */
function analyseToken(t: NameToken): Readonly<AnalysedToken> {
  const key = `${t.role}\u0000${t.script}\u0000${t.text}\u0000${t.native}`;
  const hit = tokenCache.get(key);
  if (hit) return hit;
  const token = buildToken(t);
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
  tokenCache.set(key, token);
  return token;
}

function buildToken(t: NameToken): AnalysedToken {
  const role = t.role;
  const korean = t.script === 'hangul' || (t.script === 'latin' && isKoreanLikeToken(t.text));
  const skeleton = transliterationSkeleton(t.text);
  const kkey = korean ? koreanKey(t.text) : '';
  const classes = t.script === 'hangul' ? koreanSurnameClasses(t.native) : korean ? koreanSurnameClasses(t.text) : [];
  return {
    text: t.text,
    native: t.native,
    script: t.script,
    role,
    weight: tokenWeight(t.text, role),
    skeleton,
    korean,
    koreanKey: kkey,
    koreanFrame: korean ? consonantFrame(kkey) : '',
    surnameClasses: classes,
    acronym: false,
    masks: [letterMask(t.text), letterMask(skeleton), letterMask(kkey)],
  };
}

/** A Korean key with every vowel run folded to one symbol: the syllable's consonant frame. */
function consonantFrame(key: string): string {
  return key.replace(/[aeiouwy]+/gu, 'a');
}

function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Edit similarity of two keys when it can reach `minimum`, using letter sets to skip hopeless pairs. */
function boundedSimilarity(a: string, b: string, maskA: number, maskB: number, minimum: number): number {
  const longest = Math.max(a.length, b.length);
  const atLeast = Math.max(Math.abs(a.length - b.length), popcount(maskA & ~maskB), popcount(maskB & ~maskA));
  if (1 - atLeast / longest < minimum) return 0;
  return editSimilarityAtLeast(a, b, minimum);
}

/** Normalises and analyses a name once, for repeated comparisons. */
export function analyseName(raw: string): AnalysedName {
  const tokens = tokeniseName(raw).map((t) => analyseToken(t));
  const hasHangulToken = tokens.some((t) => t.script === 'hangul');
  const content = tokens.filter((t) => t.role === 'content' && t.script === 'latin');
  const koreanLike = content.filter((t) => t.korean).length;
  const korean = hasHangulToken || (koreanLike > 0 && koreanLike / Math.max(1, content.length) >= 0.5);
  return { raw, tokens, korean };
}

/** How well two tokens match: raw similarity, the credit it earns in a name score, and the kind of match. */
export interface PairScore {
  similarity: number;
  credit: number;
  kind: TokenMatchKind;
}

const NO_MATCH: PairScore = { similarity: 0, credit: 0, kind: 'unmatched' };

function fuzzyCredit(similarity: number, a: AnalysedToken, b: AnalysedToken): number {
  const shortest = Math.min(a.text.length, b.text.length);
  const floor = shortest <= 3 ? SHORT_FUZZY_FLOOR : FUZZY_FLOOR;
  if (similarity >= FUZZY_FULL) return similarity;
  if (similarity < floor) return 0;
  return (FUZZY_FULL * (similarity - floor)) / (FUZZY_FULL - floor);
}

/** Compares two analysed tokens; `korean` enables Korean romanisation equivalences. */
export function pairScore(a: AnalysedToken, b: AnalysedToken, korean: boolean): PairScore {
  if (a.translated || b.translated) return translatedPairScore(a, b);
  if (a.script === b.script && comparedNatively(a.script)) {
    if (a.native === b.native) return { similarity: 1, credit: 1, kind: 'exact' };
    const s = editSimilarity(a.native, b.native);
    return { similarity: s, credit: s >= 0.75 ? s : 0, kind: 'fuzzy' };
  }
  const crossScript = a.script !== b.script;
  if (a.acronym || b.acronym) {
    if (a.text !== b.text) return NO_MATCH;
    const credit = a.text.length >= 3 ? ACRONYM_CREDIT : SHORT_ACRONYM_CREDIT;
    return { similarity: credit, credit, kind: 'initial' };
  }
  if (a.text === b.text) {
    if (!crossScript) return { similarity: 1, credit: 1, kind: 'exact' };
    const romanised = a.script === 'hangul' || b.script === 'hangul';
    return { similarity: 1, credit: 1, kind: romanised ? 'romanisation-variant' : 'transliteration' };
  }
  if (a.role === 'legal-form' || b.role === 'legal-form') return NO_MATCH;
  if (KOREA_NAMES.has(a.text) && KOREA_NAMES.has(b.text)) return { similarity: 0.9, credit: 0.9, kind: 'transliteration' };
  if (a.role === 'number' || b.role === 'number') return NO_MATCH;
  if (a.role === 'initial' || b.role === 'initial') {
    if (a.role === 'initial' && b.role === 'initial') return NO_MATCH;
    const [initial, full] = a.role === 'initial' ? [a, b] : [b, a];
    return full.role !== 'particle' && full.text.startsWith(initial.text)
      ? { similarity: INITIAL_CREDIT, credit: INITIAL_CREDIT, kind: 'initial' }
      : NO_MATCH;
  }
  if (a.role === 'particle' && b.role === 'particle') return { similarity: 0.9, credit: 0.9, kind: 'transliteration' };
  if (korean && a.korean && b.korean) {
    if (a.surnameClasses.some((c) => b.surnameClasses.includes(c))) {
      return { similarity: 0.95, credit: 0.95, kind: 'surname-class' };
    }
    if (a.koreanKey === b.koreanKey) return { similarity: 0.93, credit: 0.93, kind: 'romanisation-variant' };
    if (a.koreanKey.length <= 5 && a.koreanFrame === b.koreanFrame) {
      return { similarity: KOREAN_VOWEL_CREDIT, credit: KOREAN_VOWEL_CREDIT, kind: 'romanisation-variant' };
    }
  }
  if (a.skeleton === b.skeleton) {
    const s = crossScript ? 0.97 : 0.93;
    return { similarity: s, credit: s, kind: 'transliteration' };
  }
  const floor = Math.min(a.text.length, b.text.length) <= 3 ? SHORT_FUZZY_FLOOR : FUZZY_FLOOR;
  let s = boundedSimilarity(a.text, b.text, a.masks[0], b.masks[0], floor);
  if (a.skeleton !== a.text || b.skeleton !== b.text) {
    s = Math.max(s, 0.95 * boundedSimilarity(a.skeleton, b.skeleton, a.masks[1], b.masks[1], floor / 0.95));
  }
  if (korean && a.korean && b.korean) {
    s = Math.max(s, 0.95 * boundedSimilarity(a.koreanKey, b.koreanKey, a.masks[2], b.masks[2], floor / 0.95));
  }
  if (s === 0) return NO_MATCH;
  const kind: TokenMatchKind = crossScript ? 'transliteration' : 'fuzzy';
  return { similarity: s, credit: fuzzyCredit(s, a, b), kind };
}

const TRANSLATED: PairScore = { similarity: TRANSLATION_CREDIT, credit: TRANSLATION_CREDIT, kind: 'translation' };
const PLACE_TRANSLATED: PairScore = { similarity: PLACE_CREDIT, credit: PLACE_CREDIT, kind: 'translation' };

/** An English word with a plural ending folded (plants → plant, industries → industry). */
function englishKey(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function translatedPairScore(a: AnalysedToken, b: AnalysedToken): PairScore {
  if (a.translated && b.translated) return NO_MATCH;
  if (a.role === 'legal-form' || b.role === 'legal-form') return NO_MATCH;
  const [other, translated] = a.translated ? [b, a] : [a, b];
  if (other.script !== 'latin') return NO_MATCH;
  if (englishKey(other.text) !== englishKey(translated.text) && other.skeleton !== translated.skeleton) return NO_MATCH;
  return translated.place ? PLACE_TRANSLATED : TRANSLATED;
}

function translatedToken(source: AnalysedToken, text: string, weight: number, place = false): AnalysedToken {
  const token = analyseToken({ text, native: source.native, script: 'latin', role: 'content' });
  return { ...token, weight, korean: false, koreanKey: '', koreanFrame: '', surnameClasses: [], translated: true, place };
}

/**
 * Renders the Russian words of `xs` in English where that meets a word of `ys`: industry terms
 * and company words by the glossary (машиностроительный завод → machine building plant),
 * -ский place adjectives by their place name (Муромский → murom), компания/корпорация as legal
 * forms. Words without such a match keep their transliteration.
 */
function translateAgainst(xs: readonly AnalysedToken[], ys: readonly AnalysedToken[]): AnalysedToken[] | undefined {
  const words = new Set<string>();
  const skeletons = new Set<string>();
  for (const y of ys) {
    if (y.script !== 'latin' || y.role === 'legal-form') continue;
    words.add(englishKey(y.text));
    skeletons.add(y.skeleton);
  }
  if (words.size === 0) return undefined;
  const out: AnalysedToken[] = [];
  let changed = false;
  for (const x of xs) {
    const rendered = x.script === 'cyrillic' && x.role === 'content' ? translateToken(x, words, skeletons) : undefined;
    if (rendered) {
      out.push(...rendered);
      changed = true;
    } else {
      out.push(x);
    }
  }
  return changed ? out : undefined;
}

function translateToken(x: AnalysedToken, words: ReadonlySet<string>, skeletons: ReadonlySet<string>): AnalysedToken[] | undefined {
  const parts = translateRussianWord(x.native);
  if (parts && parts[0].kind === 'legal-form') return [{ ...x, role: 'legal-form', weight: 0 }];
  if (parts) {
    const chosen = parts.map((p) => p.english.find((e) => words.has(englishKey(e))));
    if (chosen.some((c) => c !== undefined)) {
      return parts.map((p, k) =>
        translatedToken(x, chosen[k] ?? p.english[0], p.kind === 'company-word' ? COMPANY_WORD_WEIGHT : x.weight),
      );
    }
  }
  const place = placeNameVariants(x.native).find((v) => words.has(v) || skeletons.has(transliterationSkeleton(v)));
  return place ? [translatedToken(x, place, x.weight, true)] : undefined;
}

function isCyrillicName(tokens: readonly AnalysedToken[]): boolean {
  return tokens.some((t) => t.script === 'cyrillic' && t.role === 'content');
}

function mergedToken(span: readonly AnalysedToken[], text: string, acronym: boolean): AnalysedToken {
  const token = analyseToken({ text, native: span.map((t) => t.native).join(' '), script: span[0].script, role: 'content' });
  const weight = Math.max(1, span.reduce((w, t) => w + t.weight, 0));
  return {
    text: token.text,
    native: token.native,
    script: token.script,
    role: token.role,
    weight,
    skeleton: token.skeleton,
    korean: token.korean,
    koreanKey: token.koreanKey,
    koreanFrame: token.koreanFrame,
    surnameClasses: token.surnameClasses,
    acronym,
    masks: token.masks,
  };
}

function spellsToken(concat: string, y: AnalysedToken, korean: boolean): boolean {
  if (y.text === concat) return true;
  if (y.text.length < 4 || Math.abs(y.text.length - concat.length) > 2) return false;
  if (transliterationSkeleton(concat) === y.skeleton) return true;
  if (korean && y.korean && isKoreanLikeToken(concat) && koreanKey(concat) === y.koreanKey) return true;
  return y.text.length >= 8 && editSimilarity(concat, y.text) >= 0.8;
}

function acronymSpan(xs: readonly AnalysedToken[], start: number, acronym: string): number {
  if (xs[start].role === 'particle') return 0;
  let letters = '';
  for (let j = start; j < xs.length; j++) {
    const t = xs[j];
    if (t.role === 'number' || t.script !== 'latin') return 0;
    if (t.role === 'particle') continue;
    letters += t.text[0];
    if (!acronym.startsWith(letters)) return 0;
    if (letters.length === acronym.length) return j - start + 1 >= 2 ? j - start + 1 : 0;
  }
  return 0;
}

/**
 * Joins runs of adjacent tokens of `xs` that spell one token of `ys` (Ho Jin ↔ Hojin,
 * Patr ushev ↔ Patrushev) or whose initials spell an acronym token of `ys` (Jean Claude ↔ JC,
 * Ministry of Atomic Energy Industry ↔ MAEI).
 */
function mergeAgainst(
  xs: readonly AnalysedToken[],
  ys: readonly AnalysedToken[],
  weakYs: ReadonlySet<string>,
  korean: boolean,
): AnalysedToken[] | undefined {
  if (xs.length < 2 || weakYs.size === 0) return undefined;
  const targets = ys.filter(
    (y) => (y.role === 'content' || y.role === 'initial') && weakYs.has(y.text) && !xs.some((x) => x.text === y.text),
  );
  if (targets.length === 0) return undefined;
  const acronyms = targets.filter((y) => y.text.length >= 2 && y.text.length <= 6 && y.script === 'latin');
  const out: AnalysedToken[] = [];
  let changed = false;
  let i = 0;
  while (i < xs.length) {
    let merged: AnalysedToken | undefined;
    let used = 0;
    for (const y of acronyms) {
      const length = acronymSpan(xs, i, y.text);
      if (length > 0) {
        merged = mergedToken(xs.slice(i, i + length), y.text, true);
        used = length;
        break;
      }
    }
    let concat = xs[i].text;
    let best: number | undefined;
    for (let k = 2; k <= Math.min(4, xs.length - i); k++) {
      const t = xs[i + k - 1];
      if (t.role === 'number' || t.role === 'legal-form' || t.script !== xs[i].script || comparedNatively(t.script)) break;
      concat += t.text;
      const joined = concat;
      if (targets.some((c) => c.role === 'content' && spellsToken(joined, c, korean))) best = k;
    }
    if (!merged && best !== undefined && !['number', 'legal-form'].includes(xs[i].role) && !comparedNatively(xs[i].script)) {
      const span = xs.slice(i, i + best);
      merged = mergedToken(span, span.map((t) => t.text).join(''), false);
      used = best;
    }
    if (merged) {
      out.push(merged);
      i += used;
      changed = true;
    } else {
      out.push(xs[i]);
      i += 1;
    }
  }
  return changed ? out : undefined;
}

interface Alignment {
  score: number;
  explanation: TokenMatch[];
  agreements: TokenAgreement[];
  complete: boolean;
  /** Texts of the query tokens left unmatched or matched with less than full credit. */
  weakA: Set<string>;
  /** The same for the candidate tokens. */
  weakB: Set<string>;
}

function align(as: readonly AnalysedToken[], bs: readonly AnalysedToken[], korean: boolean): Alignment {
  const pairs: { i: number; j: number; p: PairScore; order: number }[] = [];
  for (let i = 0; i < as.length; i++) {
    for (let j = 0; j < bs.length; j++) {
      const p = pairScore(as[i], bs[j], korean);
      if (p.credit > 0) {
        const position = 1 - Math.abs(i / Math.max(1, as.length - 1) - j / Math.max(1, bs.length - 1));
        pairs.push({ i, j, p, order: p.credit + 0.001 * position });
      }
    }
  }
  pairs.sort((x, y) => y.order - x.order);
  const usedA = new Array<boolean>(as.length).fill(false);
  const usedB = new Array<boolean>(bs.length).fill(false);
  const explanation: TokenMatch[] = [];
  const agreements: TokenAgreement[] = [];
  let matchedA = 0;
  let matchedB = 0;
  let onlyInitials = true;
  const weakA = new Set<string>();
  const weakB = new Set<string>();
  for (const { i, j, p } of pairs) {
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = true;
    usedB[j] = true;
    if (p.credit < 0.9) {
      weakA.add(as[i].text);
      weakB.add(bs[j].text);
    }
    matchedA += p.credit * as[i].weight;
    matchedB += p.credit * bs[j].weight;
    if (p.kind !== 'initial' || as[i].acronym || bs[j].acronym) onlyInitials = false;
    explanation.push({ query: as[i].native, candidate: bs[j].native, kind: p.kind, similarity: round(p.similarity) });
    agreements.push({ query: as[i], candidate: bs[j], credit: p.credit });
  }
  let conflictsA = 0;
  let conflictsB = 0;
  as.forEach((t, i) => {
    if (usedA[i] || t.role === 'legal-form') return;
    weakA.add(t.text);
    explanation.push({ query: t.native, candidate: null, kind: 'unmatched', similarity: 0 });
    if (t.role === 'content' || t.role === 'initial') conflictsA += 1;
  });
  bs.forEach((t, j) => {
    if (usedB[j] || t.role === 'legal-form') return;
    weakB.add(t.text);
    explanation.push({ query: null, candidate: t.native, kind: 'unmatched', similarity: 0 });
    if (t.role === 'content' || t.role === 'initial') conflictsB += 1;
  });
  const complete = conflictsA === 0 && conflictsB === 0;
  const totalA = as.reduce((s, t) => s + t.weight, 0);
  const totalB = bs.reduce((s, t) => s + t.weight, 0);
  if (totalA === 0 || totalB === 0 || matchedA === 0) return { score: 0, explanation, agreements, complete: false, weakA, weakB };
  const covA = matchedA / totalA;
  const covB = matchedB / totalB;
  let score = coverageScore(covA, covB);
  score *= CONFLICT_FACTOR ** Math.min(conflictsA, conflictsB);
  if (onlyInitials) score *= 0.6;
  return { score: Math.min(1, score), explanation, agreements, complete, weakA, weakB };
}

/** Combines the weighted coverage of both names into a score, as the comparison does before penalties. */
export function coverageScore(coverageA: number, coverageB: number): number {
  return (
    HIGHER_COVERAGE_WEIGHT * Math.max(coverageA, coverageB) + (1 - HIGHER_COVERAGE_WEIGHT) * Math.min(coverageA, coverageB)
  );
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Compares two analysed names; see {@link compareNames}. */
export function compareAnalysedNames(query: AnalysedName, candidate: AnalysedName): NameComparison {
  const korean = query.korean || candidate.korean;
  const as = query.tokens;
  const bs = candidate.tokens;
  const base = align(as, bs, korean);
  let best = base;
  if (base.score < 1) {
    const mergedA = mergeAgainst(as, bs, base.weakB, korean);
    if (mergedA) {
      const r = align(mergedA, bs, korean);
      if (r.score > best.score) best = r;
    }
    const mergedB = mergeAgainst(bs, as, base.weakA, korean);
    if (mergedB) {
      const r = align(as, mergedB, korean);
      if (r.score > best.score) best = r;
    }
    const translatedA = isCyrillicName(as) && !isCyrillicName(bs) ? translateAgainst(as, bs) : undefined;
    if (translatedA) {
      const r = align(translatedA, bs, korean);
      if (r.score > best.score) best = r;
    }
    const translatedB = isCyrillicName(bs) && !isCyrillicName(as) ? translateAgainst(bs, as) : undefined;
    if (translatedB) {
      const r = align(as, translatedB, korean);
      if (r.score > best.score) best = r;
    }
  }
  return { score: round(best.score), explanation: best.explanation, agreements: best.agreements, complete: best.complete };
}

/**
 * Scores how likely two names denote the same person or entity, in [0, 1], independent of
 * word order, script (Cyrillic, Hangul, Greek are romanised), romanisation system, legal
 * form and typing errors, with a token-by-token explanation.
 */
export function compareNames(query: string, candidate: string): NameComparison {
  return compareAnalysedNames(analyseName(query), analyseName(candidate));
}
