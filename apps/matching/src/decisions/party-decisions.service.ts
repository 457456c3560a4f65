import { Injectable, Logger } from '@nestjs/common';
import type { CompanyView, OpportunitySummary, PartyKind, VersionsReply } from '#contracts';
import { ScreeningClient } from '../clients/screening.client.js';
import { DecisionsRepository } from './decisions.repository.js';
import { unscreenedDecision, type PartyDecision } from './party-decision.js';

/** A party to be decided: its kind, id and version, and what screening is told of it. */
export type Parties = { companies: readonly CompanyView[]; opportunities: readonly OpportunitySummary[] };
export type Decided = { companies: PartyDecision[]; opportunities: PartyDecision[] };

/**
 * Every company's and opportunity's decision in force, held in memory and stored one row per party.
 * A party is screened once per its version, the list version and the rules version: a decision held
 * for the same party version under the versions in force is reused; any other is asked of screening.
 */
@Injectable()
export class PartyDecisions {
  private readonly logger = new Logger(PartyDecisions.name);
  private readonly held: Record<PartyKind, Map<string, PartyDecision>> = { company: new Map(), opportunity: new Map() };
  /** The list and rules versions in force at the screening service, as last learnt. */
  private inForce: VersionsReply | null = null;
  /** Whether some held decision may not be current: at boot, after an unscreened one, after a version change. */
  private mayBeDue = true;
  /** Parties whose dismissals changed since their decision was given (`kind|id`): they are screened again. */
  private readonly dismissalsChanged = new Set<string>();
  /** The last dismissal change learnt of; null until the first sync, which takes every party ever dismissed. */
  private dismissalsSeen: number | null = null;

  constructor(
    private readonly repository: DecisionsRepository,
    private readonly screening: ScreeningClient,
  ) {}

  /** Holds the stored decisions of every opportunity and of the companies `ours` keeps. */
  async load(ours: (companyId: string) => boolean): Promise<void> {
    for (const d of await this.repository.all()) if (d.kind === 'opportunity' || ours(d.partyId)) this.held[d.kind].set(d.partyId, d);
  }

  company(id: string): PartyDecision | undefined {
    return this.held.company.get(id);
  }

  opportunity(id: string): PartyDecision | undefined {
    return this.held.opportunity.get(id);
  }

  /** Whether a decision came from screening under the versions in force. */
  isCurrent(d: PartyDecision): boolean {
    return (
      d.screened &&
      this.inForce !== null &&
      d.listVersion === this.inForce.listVersion &&
      d.rulesVersion === this.inForce.rulesVersion &&
      !this.dismissalsChanged.has(`${d.kind}|${d.partyId}`)
    );
  }

  /**
   * The decisions of these parties, in order: the one held where it is current for the party's
   * version, else screening's; `review`, unscreened, for every party screening cannot answer for.
   * Nothing is stored: `save` does that in the caller's transaction.
   */
  async decide({ companies, opportunities }: Parties): Promise<Decided> {
    const reusable = (kind: PartyKind, id: string, version: number) => {
      const d = this.held[kind].get(id);
      return d && d.partyVersion === version && this.isCurrent(d) ? d : undefined;
    };
    const companiesDue = companies.filter((c) => !reusable('company', c.id, c.version));
    const opportunitiesDue = opportunities.filter((o) => !reusable('opportunity', o.id, o.version));
    const given = companiesDue.length || opportunitiesDue.length ? await this.screening.screen(companiesDue, opportunitiesDue) : { companies: [], opportunities: [] };
    if (!given) this.mayBeDue = true;
    const byId = (list: PartyDecision[] | undefined) => new Map((list ?? []).map((d) => [d.partyId, d]));
    const gotCompanies = byId(given?.companies);
    const gotOpportunities = byId(given?.opportunities);
    const reason = 'the screening service did not answer';
    return {
      companies: companies.map((c) => reusable('company', c.id, c.version) ?? gotCompanies.get(c.id) ?? unscreenedDecision('company', c.id, c.version, reason)),
      opportunities: opportunities.map(
        (o) => reusable('opportunity', o.id, o.version) ?? gotOpportunities.get(o.id) ?? unscreenedDecision('opportunity', o.id, o.version, reason),
      ),
    };
  }

  /** Stores decisions (in the caller's transaction, if any) and holds them. */
  async save(decisions: readonly PartyDecision[]): Promise<void> {
    const fresh = decisions.filter((d) => this.held[d.kind].get(d.partyId) !== d);
    if (!fresh.length) return;
    await this.repository.put(fresh);
    for (const d of fresh) {
      this.held[d.kind].set(d.partyId, d);
      if (d.screened) this.dismissalsChanged.delete(`${d.kind}|${d.partyId}`);
      if (!this.isCurrent(d)) this.mayBeDue = true;
    }
  }

  async forget(kind: PartyKind, id: string): Promise<void> {
    await this.repository.remove(kind, id);
    this.held[kind].delete(id);
  }

  /** Learns the versions in force; answers whether they changed (every decision under others is then due). */
  async syncVersions(): Promise<boolean> {
    const versions = await this.screening.versions();
    if (!versions) return false;
    const changed = this.inForce?.listVersion !== versions.listVersion || this.inForce?.rulesVersion !== versions.rulesVersion;
    if (changed) {
      if (this.inForce) this.logger.log(`list ${versions.listVersion}, rules ${versions.rulesVersion} in force: parties decided under others will be screened again`);
      this.inForce = versions;
      this.mayBeDue = true;
    }
    await this.syncDismissals(versions.dismissalsSeq ?? 0);
    return changed;
  }

  /**
   * Learns which parties' dismissals changed (recorded, expired, made void) since the last change
   * seen, and makes their decisions due. The first sync after a start takes every party ever
   * dismissed (a change made while matching was down is not missed); screening numbers changes in
   * commit order, so later ones read after the last change seen.
   */
  private async syncDismissals(last: number): Promise<void> {
    if (this.dismissalsSeen === last) return;
    const after = this.dismissalsSeen ?? 0;
    const changes = await this.screening.dismissalChanges(after);
    if (!changes) return;
    let marked = 0;
    for (const p of changes.parties) {
      if (!this.held[p.kind].has(p.id)) continue;
      this.dismissalsChanged.add(`${p.kind}|${p.id}`);
      marked++;
    }
    if (marked) {
      this.logger.log(`dismissals changed for ${marked} parties: they will be screened again`);
      this.mayBeDue = true;
    }
    this.dismissalsSeen = Math.max(last, changes.last);
  }

  get versionsKnown(): boolean {
    return this.inForce !== null;
  }

  /** Up to `max` parties of each kind whose decision is not current (unscreened, or given under other versions). */
  due(max: number): { companies: string[]; opportunities: string[] } {
    if (!this.mayBeDue || !this.inForce) return { companies: [], opportunities: [] };
    const pick = (kind: PartyKind) => {
      const ids: string[] = [];
      for (const d of this.held[kind].values()) {
        if (ids.length >= max) break;
        if (!this.isCurrent(d)) ids.push(d.partyId);
      }
      return ids;
    };
    const due = { companies: pick('company'), opportunities: pick('opportunity') };
    if (due.companies.length < max && due.opportunities.length < max) this.mayBeDue = false;
    return due;
  }

  /** How many held decisions are not current. */
  dueCount(): number {
    let n = 0;
    for (const kind of ['company', 'opportunity'] as const) for (const d of this.held[kind].values()) if (!this.isCurrent(d)) n++;
    return n;
  }

  /** Marks that some decision may be due, e.g. after a pass that found due ones but could not finish them. */
  stillDue(): void {
    this.mayBeDue = true;
  }
}
