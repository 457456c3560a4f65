import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { CallerDto } from '../common/caller.dto.js';
import { SECTOR_IDS, type CriterionId, type SectorId } from '../common/domain.js';
import type { CompanyView } from '../companies/company-profile.dto.js';
import type { OpportunitySummary } from '../sectors/opportunity.dto.js';
import type { PartyKind } from '../screening/party-decision.messages.js';
import type { ComplianceRule, ComplianceView, Verdict } from '../screening/screening.messages.js';

export const MAX_MATCHES_PER_READ = 200;

/** One line of a score's explanation; the contributions of a match add up to its score. */
export interface CriterionScore {
  criterion: CriterionId;
  weight: number;
  value: number;
  contribution: number;
  reason: string;
}

/** One of the two party decisions a match's verdict comes from. */
export interface DecisionRef {
  /** The decision's id; its audit entry carries the same id (`GET /v1/audit?decision=`). */
  id: string;
  kind: PartyKind;
  partyId: string;
  partyVersion: number;
  verdict: Verdict;
  listVersion: string | null;
  rulesVersion: string | null;
  decidedAt: string;
  /** False while the screening service has not answered for this party: the decision is then `review`. */
  screened: boolean;
}

/** A match's verdict: the worse of its company's and its opportunity's decisions, citing both. */
export interface MatchCompliance extends ComplianceView {
  decisions: { company: DecisionRef; opportunity: DecisionRef };
}

/**
 * A match's verdict in a listing: the rules and the two decisions it cites by id, each stated once
 * for the whole listing (in its `rules` and `decisions`).
 */
export interface ListedCompliance extends Omit<ComplianceView, 'rules'> {
  ruleIds: string[];
  decisions: { company: string; opportunity: string };
}

export interface MatchView {
  /** Stable for a company and an opportunity: derived from both ids. */
  id: string;
  companyId: string;
  opportunityId: string;
  sector: SectorId;
  score: number;
  breakdown: CriterionScore[];
  compliance: MatchCompliance;
  opportunity?: Pick<OpportunitySummary, 'title' | 'site' | 'counterparty' | 'direction' | 'structure' | 'sizeUsd'>;
  company?: { name: string; region: string; city: string };
  scoredAt: string;
}

/** A match as a listing shows it. A company's listing leaves out the company, which is the listing's own. */
export interface ListedMatch extends Omit<MatchView, 'compliance'> {
  compliance: ListedCompliance;
}

/**
 * A listing of matches, best first: admissible leads, with the prohibited ones merged in by score
 * when asked for. Each rule and each party decision any of them cites is stated once, in `rules`
 * and `decisions`.
 */
export interface MatchList {
  items: ListedMatch[];
  rules: Record<string, ComplianceRule>;
  decisions: Record<string, DecisionRef>;
}

class MatchFilterDto {
  @IsOptional()
  @IsIn(SECTOR_IDS, { message: `sector must be one of: ${SECTOR_IDS.join(', ')}` })
  sector?: SectorId;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minScore?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MATCHES_PER_READ)
  limit?: number;

  /** Prohibited matches are hidden from listings unless asked for; they then show their verdict and rules. */
  @IsOptional()
  @IsBoolean()
  includeProhibited?: boolean;
}

export const MAX_ECHO_BYTES = 1_048_576;

/** An echo that does no work; with `bytes`, it answers a body of about that size, rendered once. */
export class EchoRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ECHO_BYTES)
  bytes?: number;
}

export class MatchByIdRequest {
  @IsUUID()
  id!: string;
}

export class CompanyMatchesRequest extends MatchFilterDto {
  @IsUUID()
  companyId!: string;

  /**
   * When given, only a company this caller may see is answered: one of its own partner's, any for
   * an admin. A company matching does not know (yet) is NOT_FOUND; the gateway then asks companies.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;
}

export class ForgetCompanyRequest {
  @IsUUID()
  id!: string;
}

export class OpportunityMatchesRequest extends MatchFilterDto {
  @IsUUID()
  opportunityId!: string;
}

/** A profile already validated by the companies service (`companies.v1.company.validate`), scored without being stored. */
export class PreviewRequest extends MatchFilterDto {
  @IsObject()
  profile!: CompanyView;
}

/** What the matching service holds and how far behind the event log it is. */
/** A stored match to be presented by the replica that owns its company's partition. */
export class StoredMatchDto {
  @IsUUID()
  companyId!: string;

  @IsUUID()
  opportunityId!: string;

  @IsIn(SECTOR_IDS)
  sector!: SectorId;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number;

  @IsBoolean()
  prohibited!: boolean;

  @IsString()
  scoredAt!: string;
}

/**
 * Stored matches (read by another replica from the shared table) for the owner of their companies'
 * partition to explain and give their verdicts, as it would its own reads.
 */
export class PresentMatchesRequest {
  @IsArray()
  @ArrayMaxSize(MAX_MATCHES_PER_READ)
  @ValidateNested({ each: true })
  @Type(() => StoredMatchDto)
  matches!: StoredMatchDto[];

  @IsBoolean()
  withCompany!: boolean;
}

/** One matching replica's share of the platform: the partitions it owns and what it holds for them. */
export interface MatchingReplicaStatus {
  replica: number;
  replicas: number;
  /** Whether it has loaded its partitions and answers reads. */
  ready: boolean;
  partitions: number[];
  companies: number;
  matches: number;
  /** Resident memory of the process, in bytes. */
  rssBytes: number;
}

export interface MatchingStatusReply {
  /** Each matching replica answering, by replica index. */
  replicas?: MatchingReplicaStatus[];
  /**
   * The outbox sequence applied from each source (`companies`, `sectors.<sector>`). Over several
   * replicas: for a sector, the lowest any replica has applied (each applies every opportunity
   * event); for `companies`, the highest (each applies its own partitions').
   */
  cursors: Record<string, number>;
  /** Events each of its durable consumers has not acknowledged yet. */
  pending: Record<string, number>;
  companies: number;
  opportunities: number;
  /** Stored matches in all: leads and prohibited. */
  matches: number;
  leads: number;
  prohibited: number;
  /** Parties whose decision is due from the screening service (unscreened, or given under other versions). */
  decisionsDue: number;
}

export class ListDeadLettersRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  after?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReplayDeadLetterRequest {
  @IsInt()
  @Min(1)
  seq!: number;
}

/** An event a consumer could not apply after every delivery, with the last error. */
export interface DeadLetterView {
  /** Its position in the dead-letter stream, from 1: what a replay takes. */
  seq: number;
  stream: string;
  consumer: string;
  subject: string;
  id: string;
  payload: unknown;
  deliveries: number;
  error: string;
  parkedAt: string;
}

export interface DeadLetterPage {
  items: DeadLetterView[];
  /** The `after` of the next page, or null at the end. */
  next: number | null;
}
