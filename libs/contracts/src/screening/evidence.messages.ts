import { IsUUID, Length, IsString } from 'class-validator';
import type { AuditEntryView, ComplianceRule, IntroductionView, ListHit, ScreeningCompanyDto, ScreeningOpportunityDto, Verdict } from './screening.messages.js';
import type { DismissalView } from './dismissals.messages.js';

/** What screening holds about one match's verdict: the files it came from, both decisions as audited, dismissals, introductions. */
export class EvidenceRequest {
  @IsUUID()
  matchId!: string;

  @IsUUID()
  companyId!: string;

  @IsUUID()
  opportunityId!: string;

  @IsString()
  @Length(1, 100)
  companyDecisionId!: string;

  @IsString()
  @Length(1, 100)
  opportunityDecisionId!: string;
}

export interface ListFileEvidence {
  version: string;
  /** SHA-256 of the list file this version was read from. */
  sha256: string | null;
  generatedAt: string | null;
}

export interface RulesFileEvidence {
  version: string;
  /** SHA-256 of the rules file; null if the version cited is no longer the one the service holds. */
  sha256: string | null;
}

export interface ScreeningEvidence {
  list: ListFileEvidence | null;
  rules: RulesFileEvidence;
  matcher: { version: string; possibleAt: number; designatedAt: number };
  /** Each party decision's audit entry: what it was screened on (`inputs`) and what was decided (`details`). */
  decisions: { company: AuditEntryView | null; opportunity: AuditEntryView | null };
  dismissals: DismissalView[];
  introductions: IntroductionView[];
}

/** One party decision of a match as the evidence pack states it. */
export interface EvidenceDecision {
  id: string;
  kind: 'company' | 'opportunity';
  partyId: string;
  partyVersion: number;
  verdict: Verdict;
  listVersion: string | null;
  rulesVersion: string | null;
  decidedAt: string;
  screened: boolean;
  /** What the party was screened on, as audited. */
  inputs: Record<string, unknown> | null;
  ruleIds: string[];
  /** Hits that count, each with its explanation. */
  listHits: ListHit[];
  /** Hits an officer dismissed, with the dismissal that set each aside. */
  dismissedHits: (ListHit & { dismissalId: string })[];
  reasons: string[];
  auditSeq: number | null;
}

/** `GET /v1/matches/:id/evidence`: everything needed to defend or re-check a match's verdict later. */
export interface EvidencePack {
  matchId: string;
  generatedAt: string;
  match: { companyId: string; opportunityId: string; sector: string; score: number; verdict: Verdict; reasons: string[] };
  list: ListFileEvidence | null;
  rules: RulesFileEvidence & { cited: ComplianceRule[] };
  matcher: ScreeningEvidence['matcher'];
  decisions: { company: EvidenceDecision; opportunity: EvidenceDecision };
  /** The parties as the screen reads them now (their current versions). */
  parties: { company: (ScreeningCompanyDto & { version: number }) | null; opportunity: (ScreeningOpportunityDto & { version: number }) | null };
  dismissals: DismissalView[];
  approvals: { introductionId: string; officer: { id: string; name: string }; verdict: string; exemptionReference: string | null; note: string | null; approvedAt: string }[];
  introductions: { id: string; status: string; partnerId: string; createdAt: string; decidedAt: string | null; exemptionReference: string | null }[];
}
