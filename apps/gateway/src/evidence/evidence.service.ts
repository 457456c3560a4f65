import { Inject, Injectable } from '@nestjs/common';
import {
  CompaniesSubjects,
  ErrorCode,
  ScreeningSubjects,
  screeningPerson,
  type AuditEntryView,
  type DecisionRef,
  type EvidenceDecision,
  type EvidencePack,
  type ListHit,
  type OpportunityView,
} from '#contracts';
import { MESSAGE_BUS, RpcError, type MessageBus } from '#platform';
import { STAFF, staffMatch } from '../matches/staff-match.js';
import { locateOpportunity } from '../sectors/opportunity-locator.js';


/**
 * Gathers a match's evidence pack: the match and its verdict (matching), the files, decisions as
 * audited, dismissals and approvals behind it (screening), and both parties as the screen reads
 * them now (companies, sectors).
 */
@Injectable()
export class EvidenceService {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async pack(matchId: string): Promise<EvidencePack> {
    const match = await staffMatch(this.bus, matchId);
    const { company: companyRef, opportunity: opportunityRef } = match.compliance.decisions;
    const [screening, company, opportunity] = await Promise.all([
      this.bus.request(ScreeningSubjects.evidenceGet, {
        matchId: match.id,
        companyId: match.companyId,
        opportunityId: match.opportunityId,
        companyDecisionId: companyRef.id,
        opportunityDecisionId: opportunityRef.id,
      }),
      this.bus.request(CompaniesSubjects.companyGet, { caller: STAFF, id: match.companyId }).catch(orNullIfGone),
      (locateOpportunity(this.bus, match.opportunityId, false) as Promise<OpportunityView>).catch(orNullIfGone),
    ]);
    return {
      matchId: match.id,
      generatedAt: new Date().toISOString(),
      match: {
        companyId: match.companyId,
        opportunityId: match.opportunityId,
        sector: match.sector,
        score: match.score,
        verdict: match.compliance.verdict,
        reasons: match.compliance.reasons,
      },
      list: screening.list,
      rules: { ...screening.rules, cited: match.compliance.rules },
      matcher: screening.matcher,
      decisions: { company: decision(companyRef, screening.decisions.company), opportunity: decision(opportunityRef, screening.decisions.opportunity) },
      parties: {
        company: company && {
          id: company.id,
          version: company.version,
          name: company.name,
          owners: company.owners.map(screeningPerson),
          directors: company.directors.map(screeningPerson),
        },
        opportunity: opportunity && {
          id: opportunity.id,
          version: opportunity.version,
          counterpartyName: opportunity.counterparty.name,
          direction: opportunity.direction,
          structure: opportunity.structure,
          hsCodes: opportunity.hsCodes,
          siteName: opportunity.site.name,
          attributes: opportunity.attributes,
        },
      },
      dismissals: screening.dismissals,
      approvals: screening.introductions.flatMap((i) => i.approvals.map((a) => ({ introductionId: i.id, ...a }))),
      introductions: screening.introductions.map((i) => ({
        id: i.id,
        status: i.status,
        partnerId: i.partnerId,
        createdAt: i.createdAt,
        decidedAt: i.decidedAt,
        exemptionReference: i.exemptionReference,
      })),
    };
  }
}

/** A party that is gone (deleted since) is shown as null; any other failure stands. */
function orNullIfGone(error: unknown): null {
  if (error instanceof RpcError && error.code === ErrorCode.NOT_FOUND) return null;
  throw error;
}

/** A decision as the match cites it, with what its audit entry says it was screened on and found. */
function decision(ref: DecisionRef, entry: AuditEntryView | null): EvidenceDecision {
  const details = (entry?.details ?? {}) as { reasons?: string[]; listHits?: ListHit[]; dismissedHits?: (ListHit & { dismissalId: string })[] };
  return {
    id: ref.id,
    kind: ref.kind,
    partyId: ref.partyId,
    partyVersion: ref.partyVersion,
    verdict: ref.verdict,
    listVersion: ref.listVersion,
    rulesVersion: ref.rulesVersion,
    decidedAt: ref.decidedAt,
    screened: ref.screened,
    inputs: entry?.inputs ?? null,
    ruleIds: entry?.ruleIds ?? [],
    listHits: details.listHits ?? [],
    dismissedHits: details.dismissedHits ?? [],
    reasons: details.reasons ?? (ref.screened ? [] : ['not screened yet: held for review']),
    auditSeq: entry?.seq ?? null,
  };
}
