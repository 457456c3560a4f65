import { Injectable } from '@nestjs/common';
import { matchVerdict } from '../decisions/party-decision.js';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { matchId } from '../domain/match-id.js';
import type { RankedScore } from '../domain/scoring/index.js';
import { PartitionOwnership } from '../partitions/partition-ownership.js';
import type { ListStats, MatchClass } from '../ranking/candidate-index.js';
import type { Entering, RankedLists } from '../ranking/ranking.service.js';
import type { FiledPair, LeadChanges, LeadLedger } from './lead-changes.js';
import { LeadEvents } from './lead-events.js';
import { LeadsRepository, type StoredMatch } from './leads.repository.js';
import { MatchBook, type BookMatch, type MatchQuery } from './match-book.js';

/** A match as the book gives it, with its company and class. */
export interface FiledMatch extends BookMatch {
  companyId: string;
  prohibited: boolean;
}

/**
 * The stored leads and prohibited matches of this replica's companies: the table and, in step with it, the book in
 * memory (one per class) that reads and fan-out use. Every write goes through here, in the caller's
 * transaction, so the two never disagree once it commits; and each tells the transaction's lead
 * events what it is about to change, so they are computed from the book, not read back.
 */
@Injectable()
export class LeadStore {
  private readonly books: Record<MatchClass, MatchBook> = { leads: new MatchBook(), prohibited: new MatchBook() };
  private readonly ledger: LeadLedger = {
    filed: (companyId, opportunityId) => {
      const lead = this.books.leads.get(companyId, opportunityId);
      if (lead) return this.filedPair(companyId, lead, false);
      const prohibited = this.books.prohibited.get(companyId, opportunityId);
      return prohibited && this.filedPair(companyId, prohibited, true);
    },
    filedOf: (companyId) => [
      ...this.books.leads.all(companyId).map((m) => this.filedPair(companyId, m, false)),
      ...this.books.prohibited.all(companyId).map((m) => this.filedPair(companyId, m, true)),
    ],
    verdict: (companyId, opportunityId) => matchVerdict(this.decisions.company(companyId), this.decisions.opportunity(opportunityId)),
  };

  constructor(
    private readonly repository: LeadsRepository,
    private readonly ownership: PartitionOwnership,
    private readonly decisions: PartyDecisions,
    private readonly events: LeadEvents,
  ) {}

  /** The lead events of the transaction under way. */
  private changes(): LeadChanges {
    return this.events.changes(this.ledger);
  }

  private filedPair(companyId: string, m: BookMatch, prohibited: boolean): FiledPair {
    return { opportunityId: m.opportunityId, sector: m.sector, score: m.score, prohibited, verdict: this.ledger.verdict(companyId, m.opportunityId) };
  }

  /**
   * Tells the transaction's lead events that these stored matches' verdicts may be about to move
   * (their parties' decisions are changing): every match of the companies, and this replica's
   * matches with the opportunities. Called before the decisions are held, so they see the verdicts of before.
   */
  decisionsChanging(companyIds: readonly string[], opportunityIds: ReadonlySet<string>): void {
    const changes = this.changes();
    for (const id of companyIds) changes.touchCompany(id);
    for (const cls of ['leads', 'prohibited'] as const) {
      for (const { companyId, opportunityId } of this.books[cls].holding(opportunityIds)) changes.touchPair(companyId, opportunityId);
    }
  }

  async load(companyIds: readonly string[]): Promise<void> {
    for await (const page of this.repository.pages(companyIds)) {
      const byCompany = new Map<string, { leads: BookMatch[]; prohibited: BookMatch[] }>();
      for (const { companyId, prohibited, ...match } of page) {
        let lists = byCompany.get(companyId);
        if (!lists) byCompany.set(companyId, (lists = { leads: [], prohibited: [] }));
        lists[prohibited ? 'prohibited' : 'leads'].push(match);
      }
      for (const [companyId, lists] of byCompany) {
        this.books.leads.set(companyId, lists.leads);
        this.books.prohibited.set(companyId, lists.prohibited);
      }
    }
  }

  /** Stores each company's ranked lists in place of what it had (`known`: the companies that may have some). */
  async replace(known: readonly string[], ranked: ReadonlyMap<string, RankedLists>, scoredAt: string): Promise<void> {
    const changes = this.changes();
    for (const id of known) changes.touchCompany(id);
    for (const id of ranked.keys()) changes.touchCompany(id);
    await this.repository.deleteCompanies(known);
    const rows: StoredMatch[] = [];
    for (const [companyId, lists] of ranked) {
      for (const cls of ['leads', 'prohibited'] as const) {
        for (const r of lists[cls]) {
          const row = toStored(r, cls, scoredAt);
          changes.stored(companyId, r.opportunityId, row.id);
          rows.push(row);
        }
      }
    }
    await this.repository.insert(rows);
    const at = Date.parse(scoredAt);
    for (const [companyId, lists] of ranked) {
      for (const cls of ['leads', 'prohibited'] as const) this.books[cls].set(companyId, lists[cls].map((r) => toBook(r, at)));
    }
  }

  /**
   * Files the pairs a new opportunity enters, each in its class, keeping each class's best
   * `capacity`; what they push out is deleted, and pairs pushed out at once are not stored.
   */
  async offer(entering: readonly Entering[], capacity: (cls: MatchClass) => number, scoredAt: string): Promise<void> {
    const at = Date.parse(scoredAt);
    const changes = this.changes();
    const pushedOut: { companyId: string; opportunityId: string }[] = [];
    const kept = entering.filter((e) => {
      const keep = capacity(e.cls);
      changes.touchPair(e.companyId, e.opportunityId);
      // The matches this one may push out, from the end of a full list.
      for (const m of this.books[e.cls].from(e.companyId, keep - 1)) changes.touchPair(e.companyId, m.opportunityId);
      const out = this.books[e.cls].offer(e.companyId, toBook(e, at), keep);
      for (const opportunityId of out) if (opportunityId !== e.opportunityId) pushedOut.push({ companyId: e.companyId, opportunityId });
      return !out.includes(e.opportunityId);
    });
    const rows = kept.map((e) => toStored(e, e.cls, scoredAt));
    for (const row of rows) changes.stored(row.companyId, row.opportunityId, row.id);
    await this.repository.insert(rows);
    await this.repository.deletePairs(pushedOut);
  }

  async removeCompany(id: string): Promise<void> {
    await this.repository.deleteCompanies([id]);
    this.changes().drop(id);
    this.books.leads.delete(id);
    this.books.prohibited.delete(id);
  }

  /** Removes an opportunity's matches with this replica's companies; answers the companies that lost one. */
  async removeOpportunity(id: string): Promise<string[]> {
    const displaced = await this.repository.deleteOpportunity(id, this.ownership.filter);
    const changes = this.changes();
    for (const companyId of displaced) {
      changes.touchPair(companyId, id);
      this.books.leads.remove(companyId, id);
      this.books.prohibited.remove(companyId, id);
    }
    return displaced;
  }

  stats(companyId: string, cls: MatchClass): ListStats | undefined {
    return this.books[cls].stats(companyId);
  }

  /** A company's leads, best first, with its prohibited matches merged in by score when asked for. */
  read(companyId: string, q: MatchQuery): FiledMatch[] {
    const leads = this.books.leads.read(companyId, q).map((m) => ({ ...m, companyId, prohibited: false }));
    if (!q.includeProhibited) return leads;
    const prohibited = this.books.prohibited.read(companyId, q).map((m) => ({ ...m, companyId, prohibited: true }));
    return mergeByRank(leads, prohibited).slice(0, q.limit);
  }

  byId(id: string): Promise<StoredMatch | null> {
    return this.repository.byId(id);
  }

  forOpportunity(opportunityId: string, q: MatchQuery): Promise<StoredMatch[]> {
    return this.repository.forOpportunity(opportunityId, q);
  }

  get size(): { leads: number; prohibited: number } {
    return { leads: this.books.leads.size.matches, prohibited: this.books.prohibited.size.matches };
  }
}

/** Two lists each best first, merged best first (score, then opportunity id). */
function mergeByRank(a: FiledMatch[], b: FiledMatch[]): FiledMatch[] {
  const out: FiledMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i]!.score > b[j]!.score || (a[i]!.score === b[j]!.score && a[i]!.opportunityId < b[j]!.opportunityId)));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out;
}

function toStored(r: RankedScore, cls: MatchClass, scoredAt: string): StoredMatch {
  return { id: matchId(r.companyId, r.opportunityId), companyId: r.companyId, opportunityId: r.opportunityId, sector: r.sector, score: r.score, prohibited: cls === 'prohibited', scoredAt };
}

function toBook(r: RankedScore, scoredAt: number): BookMatch {
  return { opportunityId: r.opportunityId, sector: r.sector, score: r.score, scoredAt };
}
