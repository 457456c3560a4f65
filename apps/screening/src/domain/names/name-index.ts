import {
  analyseName,
  compareAnalysedNames,
  coverageScore,
  DEFAULT_MATCH_THRESHOLD,
  pairScore,
  type AnalysedName,
  type AnalysedToken,
  type TokenMatch,
} from './name-comparison.js';

/** How a name of an indexed entry was given. */
export type IndexedNameKind = 'primary' | 'alias' | 'original-script';

/** Whether an indexed entry is a natural person or an entity. */
export type IndexedEntryType = 'individual' | 'entity';

/** One listed person or entity with all the names it may appear under. */
export interface NameIndexEntry {
  id: string;
  type?: IndexedEntryType;
  names: { value: string; kind: IndexedNameKind; quality?: string }[];
}

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
  analysed: AnalysedName;
  totalWeight: number;
  /** Weight of initials and particles, which the token lookup does not see but may still match. */
  unseenWeight: number;
}

interface VocabularyToken {
  token: AnalysedToken;
  names: number[];
}

/** Names whose bound falls this far below the threshold are not scored: merges and acronyms can lift a score a little. */
const BOUND_MARGIN = 0.1;
const MAX_CANDIDATES = 200;
const MAX_QUERY_TOKENS = 12;
/** Share of a query token's phonetic trigrams a vocabulary token must share to be compared with it. */
const MIN_SHARED_TRIGRAMS = 0.45;

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
 * with the few vocabulary tokens that share a key, bounds every name's score from those token
 * matches, and runs the full pairwise comparison only on names whose bound can reach the
 * threshold. Joined spellings and acronyms have their own exact lookups. The best name per
 * entry is returned.
 */
export class NameIndex {
  private readonly names: IndexedName[] = [];
  private readonly entries: { id: string; type?: IndexedEntryType }[] = [];
  private readonly vocabulary: VocabularyToken[] = [];
  private readonly vocabularyByText = new Map<string, number>();
  private readonly vocabularyKeys = new Map<string, number[]>();
  private readonly joined = new Map<string, number[]>();
  private shared = new Int32Array(1024);
  private candidateCredit = new Float64Array(1024);
  private queryCredit = new Float64Array(1024 * MAX_QUERY_TOKENS);
  private stats: NameSearchStats = { namesIndexed: 0, entriesIndexed: 0, candidatesFetched: 0, candidatesScored: 0 };
  private scoredTotal = 0;

  /** Adds one entry and all its names. */
  add(entry: NameIndexEntry): void {
    const entryIndex = this.entries.length;
    this.entries.push({ id: entry.id, type: entry.type });
    for (const name of entry.names) {
      const analysed = analyseName(name.value);
      if (analysed.tokens.length === 0) continue;
      const nameIndex = this.names.length;
      const totalWeight = analysed.tokens.reduce((w, t) => w + t.weight, 0);
      const unseenWeight = analysed.tokens.filter((t) => t.role === 'initial').reduce((w, t) => w + t.weight, 0);
      this.names.push({ entry: entryIndex, value: name.value, kind: name.kind, analysed, totalWeight, unseenWeight });
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

  /** Finds the entries whose names match the query, best first, one hit (its best name) per entry. */
  search(query: string, opts: NameSearchOptions = {}): NameSearchHit[] {
    const threshold = opts.threshold ?? DEFAULT_MATCH_THRESHOLD;
    const limit = opts.limit ?? 10;
    const analysed = analyseName(query);
    const candidates = this.fetchCandidates(analysed, threshold, opts.type);
    const best = new Map<number, NameSearchHit>();
    for (const nameIndex of candidates) {
      const name = this.names[nameIndex];
      const result = compareAnalysedNames(analysed, name.analysed);
      if (result.score < threshold) continue;
      const current = best.get(name.entry);
      if (!current || result.score > current.score) {
        best.set(name.entry, {
          entryId: this.entries[name.entry].id,
          matchedName: name.value,
          nameKind: name.kind,
          score: result.score,
          explanation: result.explanation,
        });
      }
    }
    this.scoredTotal += candidates.length;
    this.stats.candidatesScored = candidates.length;
    return [...best.values()].sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId)).slice(0, limit);
  }

  private vocabularyId(t: AnalysedToken): number {
    const key = `${t.role}|${t.script}|${t.native}`;
    const existing = this.vocabularyByText.get(key);
    if (existing !== undefined) return existing;
    const id = this.vocabulary.length;
    this.vocabulary.push({ token: t, names: [] });
    this.vocabularyByText.set(key, id);
    for (const k of tokenRetrievalKeys(t)) push(this.vocabularyKeys, k, id);
    return id;
  }

  /** Vocabulary tokens sharing enough retrieval keys with the query token to possibly match it. */
  private similarVocabulary(q: AnalysedToken): number[] {
    if (this.shared.length < this.vocabulary.length) this.shared = new Int32Array(this.vocabulary.length * 2);
    const keys = tokenRetrievalKeys(q);
    const touched: number[] = [];
    let trigramCount = 0;
    for (const k of keys) {
      const list = this.vocabularyKeys.get(k);
      const strong = k.startsWith('s:') || k.startsWith('n:');
      if (!strong) trigramCount += 1;
      if (!list) continue;
      for (const v of list) {
        if (this.shared[v] === 0) touched.push(v);
        this.shared[v] += strong ? 1000 : 1;
      }
    }
    const needed = Math.max(1, Math.floor(trigramCount * MIN_SHARED_TRIGRAMS));
    const out: number[] = [];
    for (const v of touched) {
      if (this.shared[v] >= needed) out.push(v);
      this.shared[v] = 0;
    }
    return out;
  }

  private fetchCandidates(query: AnalysedName, threshold: number, type: IndexedEntryType | undefined): number[] {
    const searchable = query.tokens.filter(isSearchable);
    const queryTokens = searchable.slice(0, MAX_QUERY_TOKENS);
    const width = queryTokens.length;
    const queryWeight = query.tokens.reduce((w, t) => w + t.weight, 0);
    const queryUnseen =
      query.tokens.filter((t) => t.role === 'initial').reduce((w, t) => w + t.weight, 0) +
      searchable.slice(MAX_QUERY_TOKENS).reduce((w, t) => w + t.weight, 0);
    const total = this.names.length;
    if (this.candidateCredit.length < total) {
      this.candidateCredit = new Float64Array(total * 2);
      this.queryCredit = new Float64Array(total * 2 * MAX_QUERY_TOKENS);
    }
    const candidateCredit = this.candidateCredit;
    const queryCredit = this.queryCredit;
    const touched: number[] = [];
    queryTokens.forEach((q, qi) => {
      for (const v of this.similarVocabulary(q)) {
        const { token, names } = this.vocabulary[v];
        const credit = pairScore(q, token, true).credit;
        if (credit <= 0) continue;
        const candidateGain = credit * token.weight;
        for (const n of names) {
          if (candidateCredit[n] === 0) {
            touched.push(n);
            queryCredit.fill(0, n * MAX_QUERY_TOKENS, n * MAX_QUERY_TOKENS + width);
          }
          const slot = n * MAX_QUERY_TOKENS + qi;
          if (credit > queryCredit[slot]) queryCredit[slot] = credit;
          candidateCredit[n] += candidateGain;
        }
      }
    });
    const exact = new Set<number>();
    for (const key of [joinedForm(query), `a:${joinedForm(query)}`]) for (const n of this.joined.get(key) ?? []) exact.add(n);
    const minimum = threshold - BOUND_MARGIN;
    const kept: { n: number; bound: number }[] = [];
    for (const n of touched) {
      let matched = queryUnseen;
      for (let qi = 0; qi < width; qi++) matched += queryCredit[n * MAX_QUERY_TOKENS + qi] * queryTokens[qi].weight;
      const name = this.names[n];
      const coverageA = Math.min(1, matched / Math.max(queryWeight, 1e-9));
      const coverageB = Math.min(1, (candidateCredit[n] + name.unseenWeight) / Math.max(name.totalWeight, 1e-9));
      candidateCredit[n] = 0;
      const bound = coverageScore(coverageA, coverageB);
      if (bound >= minimum && !exact.has(n)) kept.push({ n, bound });
    }
    kept.sort((a, b) => b.bound - a.bound);
    const candidates = [...exact, ...kept.map((k) => k.n)]
      .filter((n) => !type || this.entries[this.names[n].entry].type === type)
      .slice(0, MAX_CANDIDATES);
    this.stats = {
      namesIndexed: total,
      entriesIndexed: this.entries.length,
      candidatesFetched: touched.length,
      candidatesScored: 0,
    };
    return candidates;
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
