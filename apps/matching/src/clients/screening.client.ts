import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ScreeningSubjects,
  screeningPerson,
  type CompanyView,
  type ComplianceRule,
  type DismissalChangesReply,
  type OpportunitySummary,
  type ScreenedCompanyDto,
  type ScreenedOpportunityDto,
  type ScreeningCompanyDto,
  type ScreeningOpportunityDto,
  type VersionsReply,
} from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import type { PartyDecision } from '../decisions/party-decision.js';

export function screeningCompany(c: CompanyView): ScreeningCompanyDto {
  return { id: c.id, name: c.name, owners: c.owners.map(screeningPerson), directors: c.directors.map(screeningPerson) };
}

export function screeningOpportunity(o: OpportunitySummary): ScreeningOpportunityDto {
  return {
    id: o.id,
    counterpartyName: o.counterparty.name,
    direction: o.direction,
    structure: o.structure,
    hsCodes: o.hsCodes,
    siteName: o.site.name,
    attributes: o.attributes,
  };
}

/** Parties per request: a company or opportunity is a few hundred bytes each way, well under the NATS message limit. */
const PARTIES_PER_REQUEST = 500;
/** Requests in flight at once, so screening (its own process) works while the previous reply travels. */
const PARALLEL_REQUESTS = 4;

/** Asks the screening service for party decisions and rule texts; answers null (and logs) when it cannot be asked. */
@Injectable()
export class ScreeningClient {
  private readonly logger = new Logger(ScreeningClient.name);
  /** The texts of the rules decisions cite, by rules version and id. */
  private readonly texts = new Map<string, ComplianceRule>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  /** Each party's decision, in the order given; null when the screening service cannot answer. */
  async screen(companies: readonly CompanyView[], opportunities: readonly OpportunitySummary[]): Promise<{ companies: PartyDecision[]; opportunities: PartyDecision[] } | null> {
    const requests: { companies: ScreenedCompanyDto[]; opportunities: ScreenedOpportunityDto[] }[] = [];
    for (let i = 0; i < companies.length; i += PARTIES_PER_REQUEST) {
      requests.push({ companies: companies.slice(i, i + PARTIES_PER_REQUEST).map((c) => ({ ...screeningCompany(c), version: c.version })), opportunities: [] });
    }
    for (let i = 0; i < opportunities.length; i += PARTIES_PER_REQUEST) {
      requests.push({ companies: [], opportunities: opportunities.slice(i, i + PARTIES_PER_REQUEST).map((o) => ({ ...screeningOpportunity(o), version: o.version })) });
    }
    const out = { companies: [] as PartyDecision[], opportunities: [] as PartyDecision[] };
    try {
      for (let i = 0; i < requests.length; i += PARALLEL_REQUESTS) {
        const replies = await Promise.all(requests.slice(i, i + PARALLEL_REQUESTS).map((r) => this.bus.request(ScreeningSubjects.partiesScreen, r)));
        for (const reply of replies) {
          for (const rule of Object.values(reply.rules)) this.texts.set(`${reply.rulesVersion}|${rule.id}`, rule);
          for (const d of reply.companies) out.companies.push({ ...d, screened: true });
          for (const d of reply.opportunities) out.opportunities.push({ ...d, screened: true });
        }
      }
      return out;
    } catch (error) {
      this.logger.warn({ msg: 'screening unavailable; parties held for review', error: (error as Error).message });
      return null;
    }
  }

  /**
   * The catalogue texts of the rules cited under a rules version. Texts missing here (after a
   * restart) are asked of the screening service once; if it cannot answer, a rule is shown by its id
   * with a note that its text is unavailable.
   */
  async rules(cited: Iterable<{ rulesVersion: string | null; ruleIds: readonly string[] }>): Promise<Record<string, ComplianceRule>> {
    const wanted = new Map<string, { id: string; rulesVersion: string | null }>();
    for (const c of cited) for (const id of c.ruleIds) wanted.set(`${c.rulesVersion}|${id}`, { id, rulesVersion: c.rulesVersion });
    if ([...wanted.keys()].some((k) => !this.texts.has(k))) {
      try {
        const catalogue = await this.bus.request(ScreeningSubjects.rulesGet, {});
        for (const rule of catalogue.rules) this.texts.set(`${catalogue.version}|${rule.id}`, rule);
      } catch (error) {
        this.logger.warn({ msg: 'rule texts unavailable', error: (error as Error).message });
      }
    }
    const out: Record<string, ComplianceRule> = {};
    for (const [key, { id }] of wanted) {
      out[id] ??= this.texts.get(key) ?? {
        id,
        title: 'rule text unavailable (screening service unreachable or rules version changed)',
        resolution: null,
        paragraph: null,
        verdict: 'review',
        evidence: 'unknown',
        verified: false,
      };
    }
    return out;
  }

  /** The parties whose dismissals changed after a change number; null when screening cannot answer. */
  async dismissalChanges(after: number): Promise<DismissalChangesReply | null> {
    try {
      return await this.bus.request(ScreeningSubjects.dismissalChanges, { after });
    } catch (error) {
      this.logger.warn({ msg: 'dismissal changes unavailable; will ask again', error: (error as Error).message });
      return null;
    }
  }

  async versions(): Promise<VersionsReply | null> {
    try {
      return await this.bus.request(ScreeningSubjects.versionsGet, {});
    } catch {
      return null;
    }
  }
}
