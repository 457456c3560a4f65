import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  Validate,
  ValidateNested,
} from 'class-validator';
import { CallerDto, CursorField } from '../common/caller.dto.js';
import { NestedObject, NestedObjects, Text } from '../common/text.js';
import { OptionalDateOfBirth, OptionalNationality } from '../common/person-evidence.js';
import { DIRECTIONS, STRUCTURES, type Direction, type Structure } from '../common/domain.js';
import { OfficerRefDto } from '../common/officer-ref.dto.js';
import { IdempotencyKeyField } from '../common/idempotency.js';

/** The verdict of the UN 1718 screen on one match. `clear` only ever comes from the screening service. */
export const VERDICTS = ['prohibited', 'exemption_required', 'review', 'clear'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A sectoral rule cited by a verdict. `verified: false` marks rules (or parts) not checked against an official text. */
export interface ComplianceRule {
  id: string;
  title: string;
  resolution: string | null;
  paragraph: string | null;
  verdict: 'prohibited' | 'exemption_required' | 'review';
  evidence: string;
  verified: boolean;
  exemptionPath?: string;
  conditions?: string[];
  /** The HS codes the rule covers. Which of a pair's own codes it caught is said in the verdict's `reasons`. */
  hsCodes?: string[];
}

/** A possible match of one party's name against the UN consolidated list. */
export interface ListHit {
  party: 'company' | 'owner' | 'director' | 'counterparty';
  name: string;
  referenceNumber: string;
  listedName: string;
  nameKind: string;
  type: 'individual' | 'entity';
  regime: string;
  score: number;
  /** `designated` at or above the prohibition threshold, else `possible` (a human reviews it). */
  strength: 'designated' | 'possible';
  explanation: string;
  /** The name's own score, when the date of birth or nationality given changed it (`score` is after them). */
  nameScore?: number;
  /** What the date of birth and nationality given made of this hit, one line each. */
  evidence?: string[];
}

export interface ComplianceView {
  verdict: Verdict;
  rules: ComplianceRule[];
  listHits: ListHit[];
  reasons: string[];
  listVersion: string | null;
  rulesVersion: string | null;
  screenedAt: string;
}

export interface RulesReply {
  version: string;
  rules: ComplianceRule[];
}

/** An owner or director as screening sees them: the name, and what is known of the person besides. */
export class ScreeningPartyDto {
  @IsString()
  @Length(1, 300)
  name!: string;

  @OptionalDateOfBirth()
  dateOfBirth?: string;

  @OptionalNationality()
  nationality?: string;
}

/** An owner or director as screening takes them: the name, with the date of birth and nationality when they are known. */
export function screeningPerson(person: { name: string; dateOfBirth?: string; nationality?: string }): ScreeningPartyDto {
  return {
    name: person.name,
    ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
    ...(person.nationality ? { nationality: person.nationality } : {}),
  };
}

/** What screening needs of a company: who it is, who owns and runs it. */
export class ScreeningCompanyDto {
  @IsUUID()
  id!: string;

  @IsString()
  @Length(1, 300)
  name!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => ScreeningPartyDto)
  owners!: ScreeningPartyDto[];

  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => ScreeningPartyDto)
  directors!: ScreeningPartyDto[];
}

/** What screening needs of an opportunity: the counterparty and the activity it declares. */
export class ScreeningOpportunityDto {
  @IsUUID()
  id!: string;

  @IsString()
  @Length(1, 300)
  counterpartyName!: string;

  @IsIn(DIRECTIONS)
  direction!: Direction;

  @IsIn(STRUCTURES)
  structure!: Structure;

  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  hsCodes!: string[];

  @IsString()
  @Length(1, 200)
  siteName!: string;

  @IsObject()
  attributes!: Record<string, unknown>;
}

export class NameCheckRequest {
  @Text(1, 300)
  name!: string;

  @IsOptional()
  @IsIn(['individual', 'entity'])
  type?: 'individual' | 'entity';

  @OptionalDateOfBirth()
  dateOfBirth?: string;

  @OptionalNationality()
  nationality?: string;
}

export interface NameCheckReply {
  name: string;
  hits: Omit<ListHit, 'party' | 'name'>[];
  /** Entries the name matched that the date of birth or nationality given took below the threshold, with why (`evidence`). */
  demoted: Omit<ListHit, 'party' | 'name'>[];
  threshold: number;
  listVersion: string | null;
}

export interface VersionsReply {
  listVersion: string | null;
  rulesVersion: string;
  /** The number of the last change to any dismissal: when it moves, the parties it names are screened again. */
  dismissalsSeq?: number;
}

export const INTRODUCTION_STATUSES = ['pending', 'granted', 'refused'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

export interface IntroductionView {
  id: string;
  matchId: string;
  companyId: string;
  opportunityId: string;
  partnerId: string;
  status: IntroductionStatus;
  compliance: ComplianceView;
  exemptionReference: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  /** Officers' approvals so far; an `exemption_required` introduction is granted on the second, by another officer. */
  approvals: IntroductionApprovalView[];
  /** Approvals by different officers that granting it takes under its verdict (2 for exemption_required, 1 otherwise). */
  approvalsRequired: number;
}

export interface IntroductionApprovalView {
  officer: { id: string; name: string };
  verdict: string;
  exemptionReference: string | null;
  note: string | null;
  approvedAt: string;
}

export class RequestIntroductionRequest {
  @IsUUID()
  matchId!: string;

  @IsUUID()
  partnerId!: string;

  @NestedObject(() => ScreeningCompanyDto)
  company!: ScreeningCompanyDto;

  @NestedObject(() => ScreeningOpportunityDto)
  opportunity!: ScreeningOpportunityDto;

  /** The partner's Idempotency-Key: the same key for the same match within 24 h is answered as the first time. */
  @IdempotencyKeyField()
  idempotencyKey?: string;
}

/**
 * An introduction request kept by matching (`matching.v1.introduction.hold`) while screening cannot
 * answer. It never carries a contact: matching sends the request on to screening once screening answers.
 */
export interface HeldIntroductionView {
  status: 'held';
  matchId: string;
  partnerId: string;
  heldAt: string;
  reason: string;
}

export class IntroductionByIdRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;
}

export class ListIntroductionsRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsOptional()
  @IsIn(INTRODUCTION_STATUSES)
  status?: IntroductionStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @CursorField()
  after?: string;
}

/**
 * An officer's decision on a held introduction. Approving an `exemption_required` one needs the
 * exemption's reference and two different officers; a refusal, or approving a `review` one, needs one.
 */
export class DecideIntroductionRequest {
  @IsUUID()
  id!: string;

  @IsBoolean()
  approve!: boolean;

  @IsOptional()
  @Text(3, 200)
  exemptionReference?: string;

  @IsOptional()
  @Text(1, 2000, { multiline: true })
  note?: string;

  @NestedObject(() => OfficerRefDto)
  officer!: OfficerRefDto;
}

/** The body of `POST /v1/introductions/:id/decision`. */
export class IntroductionDecisionBody {
  @IsBoolean()
  approve!: boolean;

  @IsOptional()
  @Text(3, 200)
  exemptionReference?: string;

  @IsOptional()
  @Text(1, 2000, { multiline: true })
  note?: string;
}

export class ListAuditRequest {
  /** The page before's `nextCursor`. */
  @CursorField()
  cursor?: string;

  /** @deprecated the seq to read after (the page before's `nextAfter`): page with `cursor`. */
  @IsOptional()
  @IsInt()
  @Min(0)
  after?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @Text(1, 100)
  kind?: string;

  /** Only the entry of this party decision (`compliance.decisions.*.id` of a match). */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  decision?: string;
}

export interface AuditEntryView {
  seq: number;
  kind: string;
  /** The party decision this entry records, for `company.decision` and `opportunity.decision` entries. */
  decisionId?: string;
  verdict: string | null;
  ruleIds: string[];
  listReferences: string[];
  listVersion: string | null;
  rulesVersion: string | null;
  actor: string;
  inputs: Record<string, unknown>;
  details: Record<string, unknown>;
  occurredAt: string;
}

/**
 * One page of the audit log: entries in order until the request's limit or the service's byte
 * budget (so that no reply nears the NATS message limit) is reached. `nextAfter` is the `after` of
 * the next page, null when the log holds nothing more that the request selects.
 */
export interface AuditPage {
  items: AuditEntryView[];
  /** The `after` of the next page; null when nothing more is selected. */
  nextCursor: string | null;
  /** @deprecated the seq of the last entry given: read on with `after=nextCursor`. */
  nextAfter: number | null;
}

/**
 * The audit chain recomputed from the first entry: `valid` only when every entry is where the chain
 * says, links to the one before it and still hashes to what was written. `head` is the last entry
 * checked, to be recorded outside the platform (a log cut short at its end is only seen against it).
 */
export interface AuditVerifyReply {
  valid: boolean;
  entries: number;
  head: { position: number; hash: string } | null;
  firstBroken: { position: number; seq: number | null; reason: string } | null;
  verifiedAt: string;
}

export interface VersionsChangedEvent {
  listVersion: string | null;
  rulesVersion: string;
}
