import type { LeadEventMatch, SectorId, Verdict } from '#contracts';
import { matchId } from '../domain/match-id.js';

/** A stored match as the lead events see it: its class and its verdict from the decisions held at the time. */
export interface FiledPair {
  opportunityId: string;
  sector: SectorId;
  score: number;
  prohibited: boolean;
  verdict: Verdict;
}

/** What the changes read of the store as it stands: the match book, with each pair's verdict. */
export interface LeadLedger {
  filed(companyId: string, opportunityId: string): FiledPair | undefined;
  filedOf(companyId: string): FiledPair[];
  verdict(companyId: string, opportunityId: string): Verdict;
}

/** One company's lead events of a transaction: the leads it gained, and its stored matches whose verdict moved. */
export interface CompanyLeadChanges {
  companyId: string;
  created: LeadEventMatch[];
  changed: (LeadEventMatch & { previousVerdict: Verdict })[];
}

/** What a company had before the transaction touched it: every pair (`whole`), or only the pairs it touched. */
interface Before {
  whole: boolean;
  /** Pair by opportunity: as it was filed, or null where it was not stored. */
  pairs: Map<string, FiledPair | null>;
  /** Match ids the writes already computed, by opportunity (a match id is a hash: not worth making twice). */
  ids: Map<string, string>;
}

/**
 * What one transaction changed of its companies' stored matches, as lead events. Each write of the
 * store tells it first what it is about to touch, and it keeps the first state it sees of each pair
 * (later writes in the same transaction do not hide what was there at its start); at the end it
 * compares that with the book. Nothing is read from the database: the book is the store's copy.
 */
export class LeadChanges {
  private readonly before = new Map<string, Before>();

  constructor(private readonly ledger: LeadLedger) {}

  /** A pair is about to change; `was` gives its state when the book no longer holds it (a match just pushed out). */
  touchPair(companyId: string, opportunityId: string, was?: FiledPair | null): void {
    let entry = this.before.get(companyId);
    if (!entry) this.before.set(companyId, (entry = { whole: false, pairs: new Map(), ids: new Map() }));
    if (entry.whole || entry.pairs.has(opportunityId)) return;
    entry.pairs.set(opportunityId, was !== undefined ? was : (this.ledger.filed(companyId, opportunityId) ?? null));
  }

  /** Every pair of a company is about to change (its lists replaced). */
  touchCompany(companyId: string): void {
    const entry = this.before.get(companyId);
    if (entry?.whole) return;
    const pairs = new Map<string, FiledPair | null>(this.ledger.filedOf(companyId).map((p) => [p.opportunityId, p]));
    // Pairs touched earlier in the transaction keep the state they had at its start.
    for (const [opportunityId, was] of entry?.pairs ?? []) {
      if (was) pairs.set(opportunityId, was);
      else pairs.delete(opportunityId);
    }
    this.before.set(companyId, { whole: true, pairs, ids: entry?.ids ?? new Map() });
  }

  /** A touched pair's match id, as the write computed it. */
  stored(companyId: string, opportunityId: string, id: string): void {
    this.before.get(companyId)?.ids.set(opportunityId, id);
  }

  /** A company removed: nothing is told of it. */
  drop(companyId: string): void {
    this.before.delete(companyId);
  }

  /** Each touched company's gained leads and verdict changes, companies with neither left out. */
  changes(): CompanyLeadChanges[] {
    const out: CompanyLeadChanges[] = [];
    for (const [companyId, { whole, pairs, ids }] of this.before) {
      const leadOf = (p: FiledPair): LeadEventMatch => ({
        matchId: ids.get(p.opportunityId) ?? matchId(companyId, p.opportunityId),
        opportunityId: p.opportunityId,
        sector: p.sector,
        score: p.score,
        verdict: p.verdict,
      });
      const after = new Map<string, FiledPair>();
      if (whole) for (const p of this.ledger.filedOf(companyId)) after.set(p.opportunityId, p);
      else {
        for (const opportunityId of pairs.keys()) {
          const p = this.ledger.filed(companyId, opportunityId);
          if (p) after.set(opportunityId, p);
        }
      }
      const created: LeadEventMatch[] = [];
      const changed: CompanyLeadChanges['changed'] = [];
      for (const [opportunityId, now] of after) {
        const was = pairs.get(opportunityId);
        if (isLead(now) && (!was || !isLead(was))) created.push(leadOf(now));
      }
      for (const [opportunityId, was] of pairs) {
        if (!was) continue;
        const now = after.get(opportunityId);
        const verdict = now?.verdict ?? this.ledger.verdict(companyId, opportunityId);
        // A match no longer stored is told of only when its verdict moved: a lead that became prohibited and was left out of the few kept.
        if (verdict !== was.verdict) changed.push({ ...leadOf(now ?? { ...was, verdict }), previousVerdict: was.verdict });
      }
      if (created.length || changed.length) out.push({ companyId, created: created.sort(bestFirst), changed: changed.sort(bestFirst) });
    }
    return out;
  }
}

/** A lead is a stored match that is not prohibited (a lead is never shown prohibited: see LeadsService). */
function isLead(p: FiledPair): boolean {
  return !p.prohibited && p.verdict !== 'prohibited';
}

function bestFirst(a: LeadEventMatch, b: LeadEventMatch): number {
  return b.score - a.score || (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0);
}
