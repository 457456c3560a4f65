import { describe, expect, it } from '@jest/globals';
import type { Verdict } from '#contracts';
import { matchId } from '../domain/match-id.js';
import { LeadChanges, type FiledPair, type LeadLedger } from './lead-changes.js';

const C = 'c1000000-0000-4000-8000-000000000001';

/** A book of one company's pairs, as the store would hold them, with verdicts by opportunity. */
class FakeLedger implements LeadLedger {
  pairs = new Map<string, { score: number; prohibited: boolean }>();
  verdicts = new Map<string, Verdict>();

  filed(companyId: string, opportunityId: string): FiledPair | undefined {
    const p = companyId === C ? this.pairs.get(opportunityId) : undefined;
    return p && { opportunityId, sector: 'mining', score: p.score, prohibited: p.prohibited, verdict: this.verdict(companyId, opportunityId) };
  }

  filedOf(companyId: string): FiledPair[] {
    return [...this.pairs.keys()].map((o) => this.filed(companyId, o)!);
  }

  verdict(_companyId: string, opportunityId: string): Verdict {
    return this.verdicts.get(opportunityId) ?? 'clear';
  }
}

const lead = (opportunityId: string, score: number, verdict: Verdict = 'clear') => ({ matchId: matchId(C, opportunityId), opportunityId, sector: 'mining', score, verdict });

describe('LeadChanges', () => {
  it('tells of every lead of a company newly ranked, best first, and none of its prohibited matches', () => {
    const book = new FakeLedger();
    const changes = new LeadChanges(book);
    changes.touchCompany(C);
    book.pairs.set('a', { score: 40, prohibited: false }).set('b', { score: 70, prohibited: false }).set('x', { score: 90, prohibited: true });
    book.verdicts.set('a', 'review').set('x', 'prohibited');
    expect(changes.changes()).toEqual([{ companyId: C, created: [lead('b', 70), lead('a', 40, 'review')], changed: [] }]);
  });

  it('tells nothing when the same matches are stored again', () => {
    const book = new FakeLedger();
    book.pairs.set('a', { score: 40, prohibited: false }).set('x', { score: 90, prohibited: true });
    const changes = new LeadChanges(book);
    changes.touchCompany(C);
    changes.touchPair(C, 'a');
    expect(changes.changes()).toEqual([]);
  });

  it('tells of a prohibited match that became a lead as created and as a verdict change', () => {
    const book = new FakeLedger();
    book.pairs.set('x', { score: 90, prohibited: true });
    book.verdicts.set('x', 'prohibited');
    const changes = new LeadChanges(book);
    changes.touchPair(C, 'x');
    book.pairs.set('x', { score: 90, prohibited: false });
    book.verdicts.set('x', 'exemption_required');
    expect(changes.changes()).toEqual([
      { companyId: C, created: [lead('x', 90, 'exemption_required')], changed: [{ ...lead('x', 90, 'exemption_required'), previousVerdict: 'prohibited' }] },
    ]);
  });

  it('tells of a lead that became prohibited, even when it is no longer kept, and of nothing merely pushed out', () => {
    const book = new FakeLedger();
    book.pairs.set('a', { score: 40, prohibited: false }).set('b', { score: 30, prohibited: false });
    const changes = new LeadChanges(book);
    changes.touchCompany(C);
    book.pairs.clear();
    book.verdicts.set('a', 'prohibited');
    expect(changes.changes()).toEqual([{ companyId: C, created: [], changed: [{ ...lead('a', 40, 'prohibited'), previousVerdict: 'clear' }] }]);
  });

  it('keeps the first state of a pair through the transaction: one pushed out and filed again is not new', () => {
    const book = new FakeLedger();
    book.pairs.set('a', { score: 40, prohibited: false });
    const changes = new LeadChanges(book);
    changes.touchPair(C, 'a');
    book.pairs.delete('a');
    // Touched again, wholly, once it is gone: what it was at the start still counts.
    changes.touchCompany(C);
    book.pairs.set('a', { score: 40, prohibited: false });
    expect(changes.changes()).toEqual([]);
  });

  it('uses the match id the write computed, and tells nothing of a company removed', () => {
    const book = new FakeLedger();
    const changes = new LeadChanges(book);
    changes.touchCompany(C);
    changes.stored(C, 'a', 'the-stored-id');
    book.pairs.set('a', { score: 40, prohibited: false });
    expect(changes.changes()[0]!.created.map((l) => l.matchId)).toEqual(['the-stored-id']);
    changes.drop(C);
    expect(changes.changes()).toEqual([]);
  });
});
