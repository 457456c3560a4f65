import type { SectorId } from '#contracts';
import type { ListStats } from '../ranking/candidate-index.js';

/** A stored match as the book holds it: the company is the key it is filed under. */
export interface BookMatch {
  opportunityId: string;
  sector: SectorId;
  score: number;
  /** Epoch milliseconds. */
  scoredAt: number;
}

/** Which of a company's (or an opportunity's) matches a reader wants. */
export interface MatchQuery {
  sector?: SectorId;
  minScore?: number;
  limit: number;
  includeProhibited?: boolean;
}

/** The book's part of a query: which of one list's matches a reader wants. */
export type ListQuery = Omit<MatchQuery, 'includeProhibited'>;

/**
 * One company's matches, best first (score descending, then opportunity id, as the store orders
 * them). Kept as parallel arrays rather than one object per match: a full book holds millions of
 * matches, and the collector then traces a few arrays per company instead of millions of objects.
 */
class CompanyList {
  readonly opportunityIds: string[];
  readonly sectors: SectorId[];
  readonly scores: number[];
  readonly scoredAt: number[];

  /** From matches already in order; each array is made at its exact length. */
  constructor(sorted: readonly BookMatch[] = []) {
    this.opportunityIds = sorted.map((m) => m.opportunityId);
    this.sectors = sorted.map((m) => m.sector);
    this.scores = sorted.map((m) => m.score);
    this.scoredAt = sorted.map((m) => m.scoredAt);
  }

  get length(): number {
    return this.opportunityIds.length;
  }

  at(i: number): BookMatch {
    return {
      opportunityId: this.opportunityIds[i]!,
      sector: this.sectors[i]!,
      score: this.scores[i]!,
      scoredAt: this.scoredAt[i]!,
    };
  }

  indexOf(opportunityId: string): number {
    return this.opportunityIds.indexOf(opportunityId);
  }

  /** Where a match of this score and opportunity belongs in the order. */
  position(score: number, opportunityId: string): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranksBefore(this.scores[mid]!, this.opportunityIds[mid]!, score, opportunityId)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insertAt(i: number, m: BookMatch): void {
    this.opportunityIds.splice(i, 0, m.opportunityId);
    this.sectors.splice(i, 0, m.sector);
    this.scores.splice(i, 0, m.score);
    this.scoredAt.splice(i, 0, m.scoredAt);
  }

  removeAt(i: number): void {
    this.opportunityIds.splice(i, 1);
    this.sectors.splice(i, 1);
    this.scores.splice(i, 1);
    this.scoredAt.splice(i, 1);
  }
}

/** Whether (score a, opportunity a) comes before (score b, opportunity b): higher score first, then lower id. */
function ranksBefore(scoreA: number, idA: string, scoreB: number, idB: string): boolean {
  return scoreA > scoreB || (scoreA === scoreB && idA < idB);
}

/**
 * Every company's stored matches of one class, held in memory in the order reads want them, so a
 * company's matches are answered without a query. Matching is the only writer of its store and
 * keeps the book in step with each write; at boot the book is filled from the store.
 */
export class MatchBook {
  private readonly lists = new Map<string, CompanyList>();
  private total = 0;

  /** Files a company's matches in place of whatever it had. */
  set(companyId: string, matches: readonly BookMatch[]): void {
    this.delete(companyId);
    if (!matches.length) return;
    const list = new CompanyList([...matches].sort((a, b) => (ranksBefore(a.score, a.opportunityId, b.score, b.opportunityId) ? -1 : 1)));
    this.lists.set(companyId, list);
    this.total += list.length;
  }

  delete(companyId: string): void {
    const list = this.lists.get(companyId);
    if (!list) return;
    this.total -= list.length;
    this.lists.delete(companyId);
  }

  /**
   * Files one match (replacing the company's match for the same opportunity) and keeps the best
   * `keep`; returns the opportunities of the matches pushed out, which may include this one.
   */
  offer(companyId: string, match: BookMatch, keep: number): string[] {
    let list = this.lists.get(companyId);
    if (!list) {
      list = new CompanyList();
      this.lists.set(companyId, list);
    }
    const existing = list.indexOf(match.opportunityId);
    if (existing >= 0) {
      list.removeAt(existing);
      this.total--;
    }
    list.insertAt(list.position(match.score, match.opportunityId), match);
    this.total++;
    const out: string[] = [];
    while (list.length > keep) {
      out.push(list.opportunityIds[list.length - 1]!);
      list.removeAt(list.length - 1);
      this.total--;
    }
    return out;
  }

  /** Removes a company's match for an opportunity; answers whether it had one. */
  remove(companyId: string, opportunityId: string): boolean {
    const list = this.lists.get(companyId);
    const i = list?.indexOf(opportunityId) ?? -1;
    if (!list || i < 0) return false;
    list.removeAt(i);
    this.total--;
    if (!list.length) this.lists.delete(companyId);
    return true;
  }

  /** A company's match for an opportunity, if it has one. */
  get(companyId: string, opportunityId: string): BookMatch | undefined {
    const list = this.lists.get(companyId);
    const i = list?.indexOf(opportunityId) ?? -1;
    return list && i >= 0 ? list.at(i) : undefined;
  }

  /** Every match of a company, best first. */
  all(companyId: string): BookMatch[] {
    return this.from(companyId, 0);
  }

  /** A company's matches from position `start` on (none when it has no more). */
  from(companyId: string, start: number): BookMatch[] {
    const list = this.lists.get(companyId);
    const out: BookMatch[] = [];
    if (list) for (let i = Math.max(0, start); i < list.length; i++) out.push(list.at(i));
    return out;
  }

  /** The companies holding a match with any of these opportunities: one pass over the book. */
  holding(opportunityIds: ReadonlySet<string>): { companyId: string; opportunityId: string }[] {
    const out: { companyId: string; opportunityId: string }[] = [];
    if (!opportunityIds.size) return out;
    for (const [companyId, list] of this.lists) {
      for (const opportunityId of list.opportunityIds) if (opportunityIds.has(opportunityId)) out.push({ companyId, opportunityId });
    }
    return out;
  }

  /** How many matches a company has, and the lowest among them (its score and opportunity). */
  stats(companyId: string): ListStats | undefined {
    const list = this.lists.get(companyId);
    return list ? { count: list.length, min: list.scores[list.length - 1]!, minOpportunityId: list.opportunityIds[list.length - 1]! } : undefined;
  }

  /** A company's matches that pass the query, best first. */
  read(companyId: string, q: ListQuery): BookMatch[] {
    const list = this.lists.get(companyId);
    if (!list) return [];
    const minScore = q.minScore ?? 0;
    const out: BookMatch[] = [];
    for (let i = 0; i < list.length && out.length < q.limit; i++) {
      if (list.scores[i]! < minScore) break;
      if (q.sector !== undefined && list.sectors[i] !== q.sector) continue;
      out.push(list.at(i));
    }
    return out;
  }

  get size(): { companies: number; matches: number } {
    return { companies: this.lists.size, matches: this.total };
  }
}
