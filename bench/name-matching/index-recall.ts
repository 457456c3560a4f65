import type { ListEntry, ListNameKind } from '../../apps/screening/src/domain/list/index.js';
import { NameIndex } from '../../apps/screening/src/domain/names/name-index.js';

/** One lookup whose expected answer is a known list entry. */
export interface RecallQuery {
  query: string;
  expectedId: string;
  /** What the query is, for the list of misses (e.g. alias quality). */
  label: string;
}

/** A query whose expected entry was not returned at or above the threshold. */
export interface RecallMiss extends RecallQuery {
  /** The best hit returned instead, if any. */
  bestHit?: { entryId: string; matchedName: string; score: number };
}

/** Share of queries that found their expected entry, with the misses. */
export interface RecallResult {
  found: number;
  total: number;
  /** found / total; NaN when there were no queries. */
  recall: number;
  misses: RecallMiss[];
}

/**
 * Builds an index the way a screening service holds the list: each entry under the names of
 * the given kinds (all kinds: primary, every alias and the original-script name).
 */
export function indexOfList(
  entries: readonly ListEntry[],
  kinds: readonly ListNameKind[] = ['primary', 'alias', 'original-script'],
): NameIndex {
  const index = new NameIndex();
  for (const e of entries) {
    const names = e.names.filter((n) => kinds.includes(n.kind));
    if (names.length > 0) index.add({ id: e.referenceNumber, type: e.type, names });
  }
  return index;
}

/** Runs each query and counts those whose expected entry is among the hits at or above the threshold. */
export function recallOf(index: NameIndex, queries: readonly RecallQuery[], threshold: number, limit = 50): RecallResult {
  const misses: RecallMiss[] = [];
  for (const q of queries) {
    const hits = index.search(q.query, { threshold, limit });
    if (hits.some((h) => h.entryId === q.expectedId)) continue;
    const best = hits[0];
    misses.push(best ? { ...q, bestHit: { entryId: best.entryId, matchedName: best.matchedName, score: best.score } } : { ...q });
  }
  const found = queries.length - misses.length;
  return { found, total: queries.length, recall: queries.length === 0 ? NaN : found / queries.length, misses };
}

/** One query per original-script name of the selected entries, written in the script that `script` matches. */
export function originalScriptQueries(entries: readonly ListEntry[], select: (e: ListEntry) => boolean, script: RegExp): RecallQuery[] {
  const out: RecallQuery[] = [];
  for (const e of entries) {
    if (!select(e)) continue;
    for (const n of e.names) {
      if (n.kind === 'original-script' && script.test(n.value)) out.push({ query: n.value, expectedId: e.referenceNumber, label: 'original script' });
    }
  }
  return out;
}
