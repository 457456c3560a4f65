import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { NestedObject, Text } from '../common/text.js';
import { OfficerRefDto } from '../common/officer-ref.dto.js';
import type { PartyKind } from './party-decision.messages.js';

/** The screened party of a match a list hit is about (as `ListHit.party` names it). */
export const HIT_PARTIES = ['company', 'owner', 'director', 'counterparty'] as const;
export type HitParty = (typeof HIT_PARTIES)[number];

export const DISMISSAL_STATES = ['active', 'expired', 'void'] as const;
export type DismissalState = (typeof DISMISSAL_STATES)[number];

/**
 * A compliance officer's decision that one party's possible hit on one listed entry is not a match.
 * It applies while `active`: it expires at `expiresAt`, and is void as soon as the listed entry
 * changes in a new list version or the party's name, date of birth or nationality changes.
 */
export interface DismissalView {
  id: string;
  /** The match it was recorded from. */
  matchId: string | null;
  /** The party decision it changes: the company's (company, owner, director) or the opportunity's (counterparty). */
  subject: { kind: PartyKind; id: string };
  party: HitParty;
  name: string;
  dateOfBirth: string | null;
  nationality: string | null;
  referenceNumber: string;
  listedName: string;
  /** The list version in force when it was recorded, and the SHA-256 of the listed entry as it stood then. */
  listVersion: string;
  entryDigest: string;
  reason: string;
  officer: { id: string; name: string };
  createdAt: string;
  expiresAt: string;
  state: DismissalState;
  endedAt: string | null;
  endReason: string | null;
}

/** `POST /v1/matches/:id/dismissals`: the hit (party, name, listed entry) and why it is not a match. */
export class DismissalBody {
  @IsIn(HIT_PARTIES)
  party!: HitParty;

  @Text(1, 300)
  name!: string;

  @Text(1, 50)
  @Matches(/^[A-Za-z]{2,4}[ie]\.\d{3,4}$/, { message: 'referenceNumber must be a list reference number such as KPi.001' })
  referenceNumber!: string;

  @Text(10, 2000, { multiline: true })
  reason!: string;

  /** Earlier than the configured period (DISMISSAL_PERIOD_DAYS, 180 days) if the officer wants it reviewed sooner. */
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class CreateDismissalRequest extends DismissalBody {
  @NestedObject(() => OfficerRefDto)
  officer!: OfficerRefDto;

  @IsUUID()
  matchId!: string;

  @IsIn(['company', 'opportunity'])
  subjectKind!: PartyKind;

  @IsUUID()
  subjectId!: string;

  @IsOptional()
  @Text(1, 40)
  dateOfBirth?: string;

  @IsOptional()
  @Text(2, 2)
  nationality?: string;
}

export class ListDismissalsRequest {
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @IsOptional()
  @IsUUID()
  matchId?: string;

  @IsOptional()
  @IsIn(DISMISSAL_STATES)
  state?: DismissalState;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DismissalByIdRequest {
  @IsUUID()
  id!: string;
}

export class DismissalChangesRequest {
  @IsInt()
  @Min(0)
  after!: number;
}

/** The parties whose dismissals changed (recorded, expired, voided) after a change number, and the last one. */
export interface DismissalChangesReply {
  parties: { kind: PartyKind; id: string }[];
  last: number;
}
