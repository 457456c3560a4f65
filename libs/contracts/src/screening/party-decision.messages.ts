import { ArrayMaxSize, IsArray, IsInt, Min } from 'class-validator';
import { ScreeningCompanyDto, ScreeningOpportunityDto, type ComplianceRule, type ListHit, type Verdict } from './screening.messages.js';

/** The two parties of a match, each screened on its own. */
export const PARTY_KINDS = ['company', 'opportunity'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/**
 * One party's decision under one list and rules version: a company's names (its own, its owners',
 * its directors') against the list, or an opportunity's declared activity against the sectoral
 * rules and its counterparty against the list. A match's verdict is the worse of its two parties'.
 */
export interface PartyDecisionRecord {
  /** Stable for (kind, party, party version, list version, rules version): the audit entry is keyed by it. */
  id: string;
  kind: PartyKind;
  partyId: string;
  partyVersion: number;
  verdict: Verdict;
  /** Sectoral rules cited (opportunities only), by id; their texts are in the reply's `rules`. */
  ruleIds: string[];
  listHits: ListHit[];
  /** Possible hits a compliance officer dismissed (they count for nothing), each with its dismissal's id. */
  dismissedHits?: (ListHit & { dismissalId: string })[];
  reasons: string[];
  listVersion: string | null;
  rulesVersion: string | null;
  decidedAt: string;
}

/**
 * Screens parties, each on its own: an item the screen cannot read is decided `review` with the
 * reason, and never holds up the others. Items are validated one by one by the screening service
 * (as ScreeningCompanyDto / ScreeningOpportunityDto with a `version`), not as a whole.
 */
/** A company as it is screened for its decision: what screening needs of it, and which version that is. */
export class ScreenedCompanyDto extends ScreeningCompanyDto {
  @IsInt()
  @Min(0)
  version!: number;
}

/** An opportunity as it is screened for its decision. */
export class ScreenedOpportunityDto extends ScreeningOpportunityDto {
  @IsInt()
  @Min(0)
  version!: number;
}

export class ScreenPartiesRequest {
  @IsArray()
  @ArrayMaxSize(2000)
  companies!: unknown[];

  @IsArray()
  @ArrayMaxSize(2000)
  opportunities!: unknown[];
}

export interface ScreenPartiesReply {
  /** One decision per requested company, in request order. */
  companies: PartyDecisionRecord[];
  /** One decision per requested opportunity, in request order. */
  opportunities: PartyDecisionRecord[];
  /** Every rule the decisions cite, in its catalogue text (`screening.v1.rules.get`). */
  rules: Record<string, ComplianceRule>;
  listVersion: string | null;
  rulesVersion: string;
}
