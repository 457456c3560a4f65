import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ScreeningSubjects,
  type CompanyView,
  type ComplianceView,
  type OpportunitySummary,
  type ScreeningCompanyDto,
  type ScreeningOpportunityDto,
  type VersionsReply,
} from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';

export const pairKey = (companyId: string, opportunityId: string) => `${companyId}|${opportunityId}`;

/** What a match shows while the screening service has not answered for it: held for review, never clear. */
export function unscreenedCompliance(reason: string): ComplianceView {
  return {
    verdict: 'review',
    rules: [],
    listHits: [],
    reasons: [`not screened yet: ${reason}; held for review until the screening service answers`],
    listVersion: null,
    rulesVersion: null,
    screenedAt: new Date().toISOString(),
  };
}

export function screeningCompany(c: CompanyView): ScreeningCompanyDto {
  return { id: c.id, name: c.name, owners: c.owners.map((o) => ({ name: o.name })), directors: c.directors.map((d) => ({ name: d.name })) };
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

const MAX_PAIRS_PER_REQUEST = 2000;

/** Asks the screening service for the verdicts of pairs; answers null (and logs) when it cannot be asked. */
@Injectable()
export class ScreeningClient {
  private readonly logger = new Logger(ScreeningClient.name);

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async screen(
    companies: CompanyView[],
    opportunities: OpportunitySummary[],
    pairs: { companyId: string; opportunityId: string }[],
  ): Promise<Map<string, ComplianceView> | null> {
    const verdicts = new Map<string, ComplianceView>();
    const byCompany = new Map(companies.map((c) => [c.id, screeningCompany(c)]));
    const byOpportunity = new Map(opportunities.map((o) => [o.id, screeningOpportunity(o)]));
    try {
      for (let i = 0; i < pairs.length; i += MAX_PAIRS_PER_REQUEST) {
        const chunk = pairs.slice(i, i + MAX_PAIRS_PER_REQUEST);
        const reply = await this.bus.request(ScreeningSubjects.matchesScreen, {
          companies: [...new Set(chunk.map((p) => p.companyId))].map((id) => byCompany.get(id)!),
          opportunities: [...new Set(chunk.map((p) => p.opportunityId))].map((id) => byOpportunity.get(id)!),
          pairs: chunk,
        });
        for (const v of reply.verdicts) verdicts.set(pairKey(v.companyId, v.opportunityId), v.compliance);
      }
      return verdicts;
    } catch (error) {
      this.logger.warn({ msg: 'screening unavailable; matches held for review', error: (error as Error).message });
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
