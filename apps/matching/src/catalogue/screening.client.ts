import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ScreeningSubjects,
  type CompanyView,
  type ComplianceRecord,
  type ComplianceRule,
  type ComplianceView,
  type OpportunitySummary,
  type ScreeningCompanyDto,
  type ScreeningOpportunityDto,
  type VersionsReply,
} from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';

export const pairKey = (companyId: string, opportunityId: string) => `${companyId}|${opportunityId}`;

/**
 * A verdict as matches share it: everything but the moment it was given, which each match keeps
 * itself. Verdicts given alike, in any request, are one object (and one stored row).
 */
export type Decision = Omit<ComplianceRecord, 'screenedAt'>;

/** One pair's verdict: the shared decision and when it was given. */
export interface PairVerdict {
  decision: Decision;
  screenedAt: string;
}

/** What a match shows while the screening service has not answered for it: held for review, never clear. */
export function unscreenedVerdict(reason: string): PairVerdict {
  return {
    decision: {
      verdict: 'review',
      ruleIds: [],
      listHits: [],
      reasons: [`not screened yet: ${reason}; held for review until the screening service answers`],
      listVersion: null,
      rulesVersion: null,
    },
    screenedAt: new Date().toISOString(),
  };
}

/** Each distinct value with its index, in the order first seen. */
function indexed(values: string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const v of values) if (!index.has(v)) index.set(v, index.size);
  return index;
}

/** Distinct decisions kept before the table starts afresh (ones in use stay alive; only sharing restarts). */
const MAX_DECISIONS = 100_000;

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

/**
 * Pairs per request: keeps each request (about 350 B per pair when every pair brings its own
 * opportunity) and reply (about 100 B per pair) well under the NATS message limit (1 MiB by default).
 */
const MAX_PAIRS_PER_REQUEST = 1000;
/** Requests in flight at once, so screening (its own process) works while the previous reply travels. */
const PARALLEL_REQUESTS = 4;

/** Asks the screening service for the verdicts of pairs; answers null (and logs) when it cannot be asked. */
@Injectable()
export class ScreeningClient {
  private readonly logger = new Logger(ScreeningClient.name);
  /** The texts of the rules verdicts cite, by rules version and id. */
  private readonly ruleTexts = new Map<string, ComplianceRule>();
  /** One object per distinct decision, by its JSON. */
  private decisions = new Map<string, Decision>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async screen(
    companies: CompanyView[],
    opportunities: OpportunitySummary[],
    pairs: { companyId: string; opportunityId: string }[],
  ): Promise<Map<string, PairVerdict> | null> {
    const verdicts = new Map<string, PairVerdict>();
    const byCompany = new Map(companies.map((c) => [c.id, screeningCompany(c)]));
    const byOpportunity = new Map(opportunities.map((o) => [o.id, screeningOpportunity(o)]));
    const chunks: { companyId: string; opportunityId: string }[][] = [];
    for (let i = 0; i < pairs.length; i += MAX_PAIRS_PER_REQUEST) chunks.push(pairs.slice(i, i + MAX_PAIRS_PER_REQUEST));
    try {
      for (let i = 0; i < chunks.length; i += PARALLEL_REQUESTS) {
        const batch = chunks.slice(i, i + PARALLEL_REQUESTS);
        const replies = await Promise.all(
          batch.map((chunk) => {
            const companyIds = indexed(chunk.map((p) => p.companyId));
            const opportunityIds = indexed(chunk.map((p) => p.opportunityId));
            return this.bus.request(ScreeningSubjects.matchesScreen, {
              companies: [...companyIds.keys()].map((id) => byCompany.get(id)!),
              opportunities: [...opportunityIds.keys()].map((id) => byOpportunity.get(id)!),
              pairs: chunk.map((p) => [companyIds.get(p.companyId)!, opportunityIds.get(p.opportunityId)!]),
            });
          }),
        );
        for (const [r, reply] of replies.entries()) {
          const given = reply.decisions.map((record) => this.share(record));
          for (const [i, p] of batch[r]!.entries()) verdicts.set(pairKey(p.companyId, p.opportunityId), given[reply.verdicts[i]!]!);
          for (const rule of Object.values(reply.rules)) this.ruleTexts.set(`${reply.rulesVersion}|${rule.id}`, rule);
        }
      }
      return verdicts;
    } catch (error) {
      this.logger.warn({ msg: 'screening unavailable; matches held for review', error: (error as Error).message });
      return null;
    }
  }

  /** The shared decision of a record, with the moment it was given. */
  private share({ screenedAt, ...decision }: ComplianceRecord): PairVerdict {
    const key = JSON.stringify(decision);
    let shared = this.decisions.get(key);
    if (!shared) {
      if (this.decisions.size >= MAX_DECISIONS) this.decisions = new Map();
      shared = decision;
      this.decisions.set(key, shared);
    }
    return { decision: shared, screenedAt };
  }

  /**
   * Turns stored records into what readers see, with the texts of the rules they cite. Texts missing
   * here (after a restart) are asked of the screening service once; if it cannot answer, a rule is
   * shown by its id with a note that its text is unavailable.
   */
  async expand(records: ComplianceRecord[]): Promise<ComplianceView[]> {
    const missing = records.some((r) => r.ruleIds.some((id) => !this.ruleTexts.has(`${r.rulesVersion}|${id}`)));
    if (missing) {
      try {
        const catalogue = await this.bus.request(ScreeningSubjects.rulesGet, {});
        for (const rule of catalogue.rules) this.ruleTexts.set(`${catalogue.version}|${rule.id}`, rule);
      } catch (error) {
        this.logger.warn({ msg: 'rule texts unavailable', error: (error as Error).message });
      }
    }
    return records.map(({ ruleIds, ...record }) => ({
      ...record,
      rules: ruleIds.map(
        (id) =>
          this.ruleTexts.get(`${record.rulesVersion}|${id}`) ?? {
            id,
            title: 'rule text unavailable (screening service unreachable or rules version changed)',
            resolution: null,
            paragraph: null,
            verdict: record.verdict === 'clear' ? 'review' : record.verdict,
            evidence: 'unknown',
            verified: false,
          },
      ),
    }));
  }

  async versions(): Promise<VersionsReply | null> {
    try {
      return await this.bus.request(ScreeningSubjects.versionsGet, {});
    } catch {
      return null;
    }
  }
}
