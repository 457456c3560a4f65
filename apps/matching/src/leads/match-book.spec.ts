import { describe, expect, it } from '@jest/globals';
import type { SectorId } from '#contracts';
import { MatchBook, type BookMatch } from './match-book.js';

const C1 = 'c1000000-0000-4000-8000-000000000001';
const C2 = 'c2000000-0000-4000-8000-000000000002';

function match(opportunityId: string, score: number, extra: Partial<BookMatch> = {}): BookMatch {
  return { opportunityId, sector: 'mining' as SectorId, score, scoredAt: 0, ...extra };
}

const ids = (matches: BookMatch[]) => matches.map((m) => m.opportunityId);
const all = { limit: 1000 };

describe('MatchBook', () => {
  it('answers a company best first, ties by opportunity id, as the store orders them', () => {
    const book = new MatchBook();
    book.set(C1, [match('b', 50), match('c', 70), match('a', 50), match('d', 10)]);
    expect(ids(book.read(C1, all))).toEqual(['c', 'a', 'b', 'd']);
    expect(book.stats(C1)).toEqual({ count: 4, min: 10, minOpportunityId: 'd' });
    expect(book.read(C2, all)).toEqual([]);
    expect(book.stats(C2)).toBeUndefined();
  });

  it('filters by sector, lowest score and limit', () => {
    const book = new MatchBook();
    book.set(C1, [
      match('a', 90),
      match('b', 80, { sector: 'electricity' }),
      match('c', 70),
      match('d', 60),
      match('e', 5),
    ]);
    expect(ids(book.read(C1, { limit: 10 }))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(book.read(C1, { limit: 10, sector: 'mining' }))).toEqual(['a', 'c', 'd', 'e']);
    expect(ids(book.read(C1, { limit: 10, minScore: 60 }))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(book.read(C1, { limit: 2 }))).toEqual(['a', 'b']);
  });

  it('offers a match in its place, replaces the same opportunity and pushes out what falls below the best K', () => {
    const book = new MatchBook();
    book.set(C1, [match('a', 90), match('b', 60), match('c', 30)]);
    expect(book.offer(C1, match('d', 70), 3)).toEqual(['c']);
    expect(ids(book.read(C1, all))).toEqual(['a', 'd', 'b']);
    expect(book.offer(C1, match('a', 10), 3)).toEqual([]);
    expect(ids(book.read(C1, all))).toEqual(['d', 'b', 'a']);
    expect(book.offer(C1, match('e', 5), 3)).toEqual(['e']);
    expect(ids(book.read(C1, all))).toEqual(['d', 'b', 'a']);
    expect(book.offer(C2, match('x', 40), 3)).toEqual([]);
    expect(book.size).toEqual({ companies: 2, matches: 4 });
  });

  it('removes single matches and whole companies, and keeps its count', () => {
    const book = new MatchBook();
    book.set(C1, [match('a', 90), match('b', 60)]);
    book.set(C2, [match('a', 40)]);
    expect(book.remove(C1, 'b')).toBe(true);
    expect(book.remove(C1, 'b')).toBe(false);
    expect(book.remove(C2, 'a')).toBe(true);
    expect(book.stats(C2)).toBeUndefined();
    book.set(C1, []);
    expect(book.size).toEqual({ companies: 0, matches: 0 });
  });
});
