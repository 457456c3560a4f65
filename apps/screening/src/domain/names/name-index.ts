import {
  analyseName,
  compareAnalysedNames,
  coverageScore,
  DEFAULT_MATCH_THRESHOLD,
  pairScore,
  type AnalysedName,
  type AnalysedToken,
  type NameComparison,
  type TokenMatch,
} from './name-comparison.js';
import { TokenRarity, type CommonReason } from './token-rarity.js';

/** How a name of an indexed entry was given. */
export type IndexedNameKind = 'primary' | 'alias' | 'original-script';

/** Whether an indexed entry is a natural person or an entity. */
export type IndexedEntryType = 'individual' | 'entity';

/** One listed person or entity with all the names it may appear under. */
export interface NameIndexEntry {
  id: string;
  type?: IndexedEntryType;
  /** The population its names come from (its first nationality, else its regime), for token rarity. */
  origin?: string;
  /** `quality: 'Low'` marks a weak alias (see NameIndex). */
  names: { value: string; kind: IndexedNameKind; quality?: string }[];
}

/** Alias quality the list gives a weak alias: one that never makes a hit alone. */
export const WEAK_ALIAS_QUALITY = 'low';

/** True for a name the list marks as a low-quality (weak) alias. */
export function isWeakAlias(name: { kind: IndexedNameKind; quality?: string }): boolean {
  return name.kind === 'alias' && name.quality?.trim().toLowerCase() === WEAK_ALIAS_QUALITY;
}

/** The score a match resting only on common tokens is held to: below any review threshold. */
export const COMMON_ONLY_CEILING = 0.6;
/** Credit at which a pair of tokens counts as agreeing (a fuzzy match below it is no support). */
const AGREEMENT_CREDIT = 0.75;

/** Options of {@link NameIndex.search}. */
export interface NameSearchOptions {
  /** Minimum score of a hit; defaults to DEFAULT_MATCH_THRESHOLD. */
  threshold?: number;
  /** Maximum number of hits; defaults to 10. */
  limit?: number;
  /** Only entries of this type. */
  type?: IndexedEntryType;
}

/** One entry found for a query: its best-scoring name and why it scored so. */
export interface NameSearchHit {
  entryId: string;
  matchedName: string;
  nameKind: IndexedNameKind;
  score: number;
  explanation: TokenMatch[];
  /** True when the hit is a low-quality alias the query spells exactly, and no other name of the entry matches. */
  weakAlias?: boolean;
  /** What else the score took into account: a weak alias that agrees, the query being a weak alias exactly. */
  notes?: string[];
}

/** Options of a NameIndex. */
export interface NameIndexOptions {
  /**
   * False to take every name alone and every token as equally telling: weak aliases make hits on
   * their own and matches on common tokens are not held down (the screen before they were). Only
   * the name benchmark sets it, to measure what the two rules do. Default true.
   */
  weighNames?: boolean;
}

/** What the last search did, to show it fetched candidates rather than scanning every name. */
export interface NameSearchStats {
  namesIndexed: number;
  entriesIndexed: number;
  /** Names that share at least one matching token with the query. */
  candidatesFetched: number;
  /** Names actually scored with the pairwise comparison. */
  candidatesScored: number;
}

interface IndexedName {
  entry: number;
  value: string;
  kind: IndexedNameKind;
  /** A low-quality alias: never a hit alone. */
  weak: boolean;
  analysed: AnalysedName;
  totalWeight: number;
  /** Weight of initials and particles, which the token lookup does not see but may still match. */
  unseenWeight: number;
}

interface VocabularyToken {
  token: AnalysedToken;
  names: number[];
}

/** The vocabulary tokens a query token may match, with the credit of each match. */
interface TokenMatches {
  ids: Int32Array;
  credits: Float64Array;
  /** credit × the vocabulary token's weight: what the match adds to a candidate's coverage. */
  gains: Float64Array;
}

/** Names whose bound falls this far below the threshold are not scored: merges and acronyms can lift a score a little. */
const BOUND_MARGIN = 0.1;
const MAX_CANDIDATES = 200;
const MAX_QUERY_TOKENS = 12;
/** Share of a query token's phonetic trigrams a vocabulary token must share to be compared with it. */
const MIN_SHARED_TRIGRAMS = 0.45;
/** Distinct query tokens whose vocabulary matches are remembered until the index changes. */
const TOKEN_MATCH_CACHE_SIZE = 20_000;
const NO_MATCHES: TokenMatches = { ids: new Int32Array(0), credits: new Float64Array(0), gains: new Float64Array(0) };

function trigrams(key: string, out: Set<string>): void {
  const padded = `^${key}$`;
  if (padded.length <= 3) {
    out.add(padded);
    return;
  }
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
}

/** The retrieval keys of one token: trigrams of its transliteration skeleton and Korean key, and its surname classes. */
export function tokenRetrievalKeys(t: AnalysedToken): Set<string> {
  const keys = new Set<string>();
  if (t.role === 'number') {
    keys.add(`n:${t.text}`);
    return keys;
  }
  trigrams(t.skeleton, keys);
  if (t.korean) trigrams(`k${t.koreanKey}`, keys);
  for (const c of t.surnameClasses) keys.add(`s:${c}`);
  return keys;
}

function isSearchable(t: AnalysedToken): boolean {
  return t.role === 'content' || t.role === 'number' || t.role === 'particle';
}

function joinedForm(name: AnalysedName): string {
  return name.tokens
    .filter((t) => t.role !== 'legal-form' && t.role !== 'particle')
    .map((t) => t.text)
    .join('');
}

function initialsOf(name: AnalysedName, withLegalForms: boolean): string {
  return name.tokens
    .filter((t) => t.role !== 'particle' && (withLegalForms || t.role !== 'legal-form'))
    .map((t) => t.text[0] ?? '')
    .join('');
}

/**
 * An in-memory index of listed names for screening. Distinct tokens form a vocabulary indexed
 * by phonetic trigrams, Korean keys and surname classes; a search compares each query token
 * with the few vocabulary tokens that share a key (precomputed for tokens of the vocabulary when
 * the index is first searched, remembered for others), bounds every name's score from those token matches, and runs the full pairwise
 * comparison only on names whose bound can reach the threshold. Query tokens too light to lift
 * a name to the threshold on their own (particles, numbers, common words) only add to names
 * that a heavier token already found. Joined spellings and acronyms have their own exact
 * lookups. The best name per entry is returned.
 */
export class NameIndex {
  private readonly names: IndexedName[] = [];
  private readonly entries: { id: string; type?: IndexedEntryType; origin?: string }[] = [];
  private rarity = TokenRarity.withoutList();
  private readonly vocabulary: VocabularyToken[] = [];
  private readonly vocabularyByText = new Map<string, number>();
  private readonly vocabularyKeys = new Map<string, number[]>();
  private readonly joined = new Map<string, number[]>();
  /** Matches of query tokens that are not in the vocabulary, remembered until the index changes. */
  private readonly tokenMatches = new Map<string, TokenMatches>();
  /** Matches of each vocabulary token, computed once when the index is first searched after a change. */
  private vocabularyMatches: TokenMatches[] = [];
  /** Postings of every vocabulary token, flattened: names of token v are postings[postingStart[v] .. postingStart[v + 1]). */
  private postings = new Int32Array(0);
  private postingStart = new Int32Array(1);
  private postingsStale = true;
  private nameTotalWeight = new Float64Array(0);
  private nameUnseenWeight = new Float64Array(0);
  private shared = new Int32Array(1024);
  /** Search scratch: the slot of each name touched by the current search, −1 otherwise. */
  private slotOf = new Int32Array(0);
  /** Per slot: the touched name, its credit from candidate tokens, and its best credit per query token. */
  private slotName = new Int32Array(1024);
  private slotCredit = new Float64Array(1024);
  private slotQueryCredit = new Float64Array(1024 * MAX_QUERY_TOKENS);
  private stats: NameSearchStats = { namesIndexed: 0, entriesIndexed: 0, candidatesFetched: 0, candidatesScored: 0 };
  private scoredTotal = 0;
  private readonly weighNames: boolean;

  constructor(options: NameIndexOptions = {}) {
    this.weighNames = options.weighNames ?? true;
  }

  /** Adds one entry and all its names. */
  add(entry: NameIndexEntry): void {
    const entryIndex = this.entries.length;
    this.entries.push({ id: entry.id, type: entry.type, origin: entry.origin });
    this.tokenMatches.clear();
    this.postingsStale = true;
    for (const name of entry.names) {
      const analysed = analyseName(name.value);
      if (analysed.tokens.length === 0) continue;
      const nameIndex = this.names.length;
      const totalWeight = analysed.tokens.reduce((w, t) => w + t.weight, 0);
      const unseenWeight = analysed.tokens.filter((t) => t.role === 'initial').reduce((w, t) => w + t.weight, 0);
      this.names.push({ entry: entryIndex, value: name.value, kind: name.kind, weak: this.weighNames && isWeakAlias(name), analysed, totalWeight, unseenWeight });
      const seen = new Set<number>();
      for (const t of analysed.tokens) {
        if (!isSearchable(t)) continue;
        const v = this.vocabularyId(t);
        if (seen.has(v)) continue;
        seen.add(v);
        this.vocabulary[v].names.push(nameIndex);
      }
      for (const key of new Set([joinedForm(analysed), `a:${initialsOf(analysed, false)}`, `a:${initialsOf(analysed, true)}`])) {
        push(this.joined, key, nameIndex);
      }
    }
  }

  /** Builds the search structures (postings, matches of every vocabulary token) now rather than at the next search. */
  prepare(): void {
    this.freezePostings();
  }

  /** Number of indexed names. */
  get size(): number {
    return this.names.length;
  }

  /** What the most recent search fetched and scored. */
  get lastSearchStats(): NameSearchStats {
    return this.stats;
  }

  /** Names scored by all searches so far. */
  get candidatesScoredTotal(): number {
    return this.scoredTotal;
  }

  /** The rarity of name tokens the index judges matches by (built from its entries when it is prepared). */
  get tokenRarity(): TokenRarity {
    this.freezePostings();
    return this.rarity;
  }

  /**
   * Finds the entries whose names match the query, best first, one hit (its best name) per entry.
   * A weak alias (quality Low) never makes a hit alone: an entry is a hit when one of its other
   * names reaches the threshold (a weak alias that also does is noted as agreeing), or when the
   * query is the weak alias exactly and nothing else (`weakAlias: true`). A partial match that
   * rests only on common tokens (see TokenRarity) is held at COMMON_ONLY_CEILING unless a rarer
   * token agrees; a complete one (every token of both names paired) keeps its score.
   */
  search(query: string, opts: NameSearchOptions = {}): NameSearchHit[] {
    const threshold = opts.threshold ?? DEFAULT_MATCH_THRESHOLD;
    const limit = opts.limit ?? 10;
    const analysed = analyseName(query);
    const candidates = this.fetchCandidates(analysed, threshold, opts.type);
    const queryForm = exactForm(analysed);
    const strong = new Map<number, NameSearchHit>();
    const weak = new Map<number, NameSearchHit>();
    /** Per entry, the weak alias the query spells exactly. */
    const weakExact = new Map<number, NameSearchHit>();
    for (const nameIndex of candidates) {
      const name = this.names[nameIndex];
      const result = compareAnalysedNames(analysed, name.analysed);
      if (result.score < threshold) continue;
      const score = this.weighedScore(result, this.entries[name.entry].type);
      const exact = name.weak && exactForm(name.analysed) === queryForm;
      if (score.value < threshold && !exact) continue;
      const hit: NameSearchHit = {
        entryId: this.entries[name.entry].id,
        matchedName: name.value,
        nameKind: name.kind,
        score: exact ? result.score : score.value,
        explanation: result.explanation,
        ...(score.note && !exact ? { notes: [score.note] } : {}),
      };
      if (exact) weakExact.set(name.entry, hit);
      const into = name.weak ? weak : strong;
      const current = into.get(name.entry);
      if (!current || hit.score > current.score) into.set(name.entry, hit);
    }
    const hits: NameSearchHit[] = [];
    for (const [entry, hit] of strong) {
      const support = weak.get(entry);
      hits.push(support ? { ...hit, notes: [...(hit.notes ?? []), `the low-quality alias "${support.matchedName}" agrees (${support.score.toFixed(2)})`] } : hit);
    }
    for (const [entry, hit] of weakExact) {
      if (strong.has(entry)) continue;
      hits.push({ ...hit, weakAlias: true, notes: [`the name is exactly the low-quality alias "${hit.matchedName}" and no other name of the entry matches`] });
    }
    this.scoredTotal += candidates.length;
    this.stats.candidatesScored = candidates.length;
    return hits.sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId)).slice(0, limit);
  }

  /**
   * A comparison's score, held at COMMON_ONLY_CEILING when it is partial (a token of either name is
   * left unpaired: the query names someone more or less specific than the listed name) and every
   * token it rests on is common. A complete match (every token of both names paired, Ahmed Hassan
   * against Ahmad Hasan, Kang Ryung against KANG RYONG) keeps its score, which already weighs the
   * spelling: what is left to tell such namesakes apart is the date of birth and the nationality.
   */
  private weighedScore(result: NameComparison, type: IndexedEntryType | undefined): { value: number; note?: string } {
    if (!this.weighNames || result.complete || result.score <= COMMON_ONLY_CEILING) return { value: result.score };
    const reasons: string[] = [];
    for (const a of result.agreements) {
      if (a.credit < AGREEMENT_CREDIT) continue;
      const reason: CommonReason | null = this.rarity.commonReason(a.candidate, type);
      if (reason === null) return { value: result.score };
      reasons.push(`${a.candidate.native} (${reason})`);
    }
    const agreed = reasons.length ? reasons.join(', ') : 'no token';
    return {
      value: COMMON_ONLY_CEILING,
      note: `rests only on common tokens: ${agreed}; held at ${COMMON_ONLY_CEILING} from ${result.score.toFixed(2)}`,
    };
  }

  private vocabularyId(t: AnalysedToken): number {
    const key = vocabularyKey(t);
    const existing = this.vocabularyByText.get(key);
    if (existing !== undefined) return existing;
    const id = this.vocabulary.length;
    this.vocabulary.push({ token: t, names: [] });
    this.vocabularyByText.set(key, id);
    for (const k of tokenRetrievalKeys(t)) push(this.vocabularyKeys, k, id);
    return id;
  }

  private freezePostings(): void {
    if (!this.postingsStale) return;
    const vocabularySize = this.vocabulary.length;
    const start = new Int32Array(vocabularySize + 1);
    for (let v = 0; v < vocabularySize; v++) start[v + 1] = start[v] + this.vocabulary[v].names.length;
    const postings = new Int32Array(start[vocabularySize]);
    for (let v = 0; v < vocabularySize; v++) postings.set(this.vocabulary[v].names, start[v]);
    this.postings = postings;
    this.postingStart = start;
    const total = this.names.length;
    this.nameTotalWeight = Float64Array.from(this.names, (n) => n.totalWeight);
    this.nameUnseenWeight = Float64Array.from(this.names, (n) => n.unseenWeight);
    this.slotOf = new Int32Array(total).fill(-1);
    if (this.shared.length < vocabularySize) this.shared = new Int32Array(vocabularySize * 2);
    this.vocabularyMatches = this.vocabulary.map((v) => this.computeMatches(v.token));
    const byEntry = this.entries.map((e) => ({ type: e.type, origin: e.origin, names: [] as (readonly AnalysedToken[])[] }));
    for (const n of this.names) if (!n.weak) byEntry[n.entry].names.push(n.analysed.tokens);
    this.rarity = TokenRarity.fromEntries(byEntry);
    this.postingsStale = false;
  }

  private growSlots(needed: number): void {
    if (needed <= this.slotName.length) return;
    const size = Math.max(needed, this.slotName.length * 2);
    const name = new Int32Array(size);
    name.set(this.slotName);
    const credit = new Float64Array(size);
    credit.set(this.slotCredit);
    const queryCredit = new Float64Array(size * MAX_QUERY_TOKENS);
    queryCredit.set(this.slotQueryCredit);
    this.slotName = name;
    this.slotCredit = credit;
    this.slotQueryCredit = queryCredit;
  }

  /** Vocabulary tokens sharing enough retrieval keys with the query token to possibly match it. */
  private similarVocabulary(q: AnalysedToken): number[] {
    const keys = tokenRetrievalKeys(q);
    const shared = this.shared;
    const touched: number[] = [];
    let trigramCount = 0;
    for (const k of keys) {
      const list = this.vocabularyKeys.get(k);
      const strong = k.startsWith('s:') || k.startsWith('n:');
      if (!strong) trigramCount += 1;
      if (!list) continue;
      const gain = strong ? 1000 : 1;
      for (const v of list) {
        if (shared[v] === 0) touched.push(v);
        shared[v] += gain;
      }
    }
    const needed = Math.max(1, Math.floor(trigramCount * MIN_SHARED_TRIGRAMS));
    const out: number[] = [];
    for (const v of touched) {
      if (shared[v] >= needed) out.push(v);
      shared[v] = 0;
    }
    return out;
  }

  /** The vocabulary tokens the query token matches with positive credit: precomputed for vocabulary tokens, remembered for others. */
  private matchesOf(q: AnalysedToken): TokenMatches {
    const key = vocabularyKey(q);
    const v = this.vocabularyByText.get(key);
    if (v !== undefined) return this.vocabularyMatches[v];
    const cached = this.tokenMatches.get(key);
    if (cached) return cached;
    const matches = this.computeMatches(q);
    if (this.tokenMatches.size >= TOKEN_MATCH_CACHE_SIZE) this.tokenMatches.clear();
    this.tokenMatches.set(key, matches);
    return matches;
  }

  private computeMatches(q: AnalysedToken): TokenMatches {
    const ids: number[] = [];
    const credits: number[] = [];
    const gains: number[] = [];
    for (const v of this.similarVocabulary(q)) {
      const token = this.vocabulary[v].token;
      const credit = pairScore(q, token, true).credit;
      if (credit <= 0) continue;
      ids.push(v);
      credits.push(credit);
      gains.push(credit * token.weight);
    }
    if (ids.length === 0) return NO_MATCHES;
    return { ids: Int32Array.from(ids), credits: Float64Array.from(credits), gains: Float64Array.from(gains) };
  }

  private fetchCandidates(query: AnalysedName, threshold: number, type: IndexedEntryType | undefined): number[] {
    this.freezePostings();
    const searchable = query.tokens.filter(isSearchable);
    const queryTokens = searchable.slice(0, MAX_QUERY_TOKENS);
    const width = queryTokens.length;
    const weights = Float64Array.from(queryTokens, (t) => t.weight);
    const queryWeight = query.tokens.reduce((w, t) => w + t.weight, 0);
    const queryUnseen =
      query.tokens.filter((t) => t.role === 'initial').reduce((w, t) => w + t.weight, 0) +
      searchable.slice(MAX_QUERY_TOKENS).reduce((w, t) => w + t.weight, 0);
    const minimum = threshold - BOUND_MARGIN;
    const light = lightTokens([...weights], queryUnseen, queryWeight, minimum);
    const order = [...light.keys()].sort((a, b) => Number(light[a]) - Number(light[b]));
    const { postings, postingStart, slotOf } = this;
    let slots = 0;
    for (const qi of order) {
      const { ids, credits, gains } = this.matchesOf(queryTokens[qi]);
      const opensNames = !light[qi];
      for (let m = 0; m < ids.length; m++) {
        const v = ids[m];
        const credit = credits[m];
        const gain = gains[m];
        const end = postingStart[v + 1];
        if (opensNames) this.growSlots(slots + end - postingStart[v]);
        const slotName = this.slotName;
        const slotCredit = this.slotCredit;
        const slotQueryCredit = this.slotQueryCredit;
        for (let p = postingStart[v]; p < end; p++) {
          const n = postings[p];
          let slot = slotOf[n];
          if (slot < 0) {
            if (!opensNames) continue;
            slot = slots++;
            slotOf[n] = slot;
            slotName[slot] = n;
            slotCredit[slot] = 0;
            for (let k = slot * width, last = k + width; k < last; k++) slotQueryCredit[k] = 0;
          }
          const at = slot * width + qi;
          if (credit > slotQueryCredit[at]) slotQueryCredit[at] = credit;
          slotCredit[slot] += gain;
        }
      }
    }
    const exact = new Set<number>();
    for (const key of [joinedForm(query), `a:${joinedForm(query)}`]) for (const n of this.joined.get(key) ?? []) exact.add(n);
    const kept: { n: number; bound: number }[] = [];
    const queryScale = 1 / Math.max(queryWeight, 1e-9);
    const { slotName, slotCredit, slotQueryCredit, nameTotalWeight, nameUnseenWeight } = this;
    for (let slot = 0; slot < slots; slot++) {
      const n = slotName[slot];
      slotOf[n] = -1;
      let matched = queryUnseen;
      for (let qi = 0, at = slot * width; qi < width; qi++, at++) matched += slotQueryCredit[at] * weights[qi];
      const coverageA = Math.min(1, matched * queryScale);
      const coverageB = Math.min(1, (slotCredit[slot] + nameUnseenWeight[n]) / Math.max(nameTotalWeight[n], 1e-9));
      const bound = coverageScore(coverageA, coverageB);
      if (bound >= minimum && !exact.has(n)) kept.push({ n, bound });
    }
    kept.sort((a, b) => b.bound - a.bound);
    const candidates: number[] = [];
    for (const n of exact) if (!type || this.entries[this.names[n].entry].type === type) candidates.push(n);
    for (const { n } of kept) {
      if (candidates.length >= MAX_CANDIDATES) break;
      if (!type || this.entries[this.names[n].entry].type === type) candidates.push(n);
    }
    this.stats = {
      namesIndexed: this.names.length,
      entriesIndexed: this.entries.length,
      candidatesFetched: slots,
      candidatesScored: 0,
    };
    return candidates.slice(0, MAX_CANDIDATES);
  }
}

/** A name as the query would have to spell it to be that name exactly: its normalised tokens. */
function exactForm(name: AnalysedName): string {
  return name.tokens.map((t) => t.text).join(' ');
}

function vocabularyKey(t: AnalysedToken): string {
  return `${t.role}|${t.script}|${t.native}`;
}

/**
 * Marks the query tokens that, even all matched together, cannot give a name a score bound of
 * `minimum` (the bound is taken with the candidate's side fully covered). Lightest tokens are
 * marked first; a name that only light tokens reach need not be fetched.
 */
export function lightTokens(weights: readonly number[], unseenWeight: number, queryWeight: number, minimum: number): boolean[] {
  const light = weights.map(() => false);
  let reach = unseenWeight;
  for (const i of [...weights.keys()].sort((a, b) => weights[a] - weights[b])) {
    const coverage = Math.min(1, (reach + weights[i]) / Math.max(queryWeight, 1e-9));
    if (coverageScore(coverage, 1) >= minimum - 1e-9) break;
    reach += weights[i];
    light[i] = true;
  }
  return light;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
