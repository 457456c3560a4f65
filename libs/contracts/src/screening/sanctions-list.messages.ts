import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** Counts of a list's entries, per regime and type. */
export interface ListCounts {
  total: number;
  byRegime: Record<string, { individual: number; entity: number }>;
}

/**
 * Where a stored version of the list stands. `in_force`: the one screening uses; `superseded`: was in
 * force once; `candidate`: held for an admin because it removes too much; `rejected`: refused by an
 * admin; `withdrawn`: a candidate the source stopped publishing before anyone decided on it.
 */
export const LIST_VERSION_STATES = ['in_force', 'superseded', 'candidate', 'rejected', 'withdrawn'] as const;
export type ListVersionState = (typeof LIST_VERSION_STATES)[number];

/** What a new list changes against the version in force, by reference number. */
export interface ListChangeView {
  /** The version in force it was compared with. */
  comparedWith: string;
  comparedWithSha256: string;
  removed: number;
  /** `removed` as a share of the entries of the version compared with (0–1). */
  removedShare: number;
  added: number;
  /** Reference numbers of the DPRK (1718) entries it removes. */
  removedDprk: string[];
}

/**
 * One stored version of the list. A version is its content: `sha256` is the SHA-256 of the file as
 * read; `version` is its `dateGenerated`, or `<dateGenerated>#<first 12 hex of sha256>` when another
 * file with the same `dateGenerated` was stored first.
 */
export interface ListVersionView {
  version: string;
  sha256: string;
  state: ListVersionState;
  source: string;
  generatedAt: string | null;
  /** When it was stored, or for a version that is or was in force, when it was last put in force. */
  loadedAt: string;
  counts: ListCounts;
  /** Why it was held, when it was: the change against the version then in force, and the reasons. */
  held: { at: string; reasons: string[]; change: ListChangeView } | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** What the last refresh did: `in_force` a new version was put in force; `unchanged` the file is the version in force; `held` it is (or already was) the candidate; `rejected` an admin refused this very file before. */
export const LIST_REFRESH_OUTCOMES = ['in_force', 'unchanged', 'held', 'rejected'] as const;
export type ListRefreshOutcome = (typeof LIST_REFRESH_OUTCOMES)[number];

export interface ListRefreshView {
  outcome: ListRefreshOutcome;
  version: string;
  sha256: string;
  at: string;
  message: string;
}

export interface ListStatusReply {
  version: string | null;
  /** SHA-256 of the file of the version in force. */
  sha256: string | null;
  source: string | null;
  generatedAt: string | null;
  loadedAt: string | null;
  counts: ListCounts | null;
  /** The last refresh that failed, if the latest attempt did; the list in force stays the previous one. */
  lastError: string | null;
  /** The last refresh that read a well-formed file, and what it did with it. */
  lastRefresh: ListRefreshView | null;
  /** A new list held until an admin confirms or rejects it; the version in force stays in force meanwhile. */
  candidate: ListVersionView | null;
}

/** The reply of `screening.v1.list.refresh`: the status after it, and what was done with the file read. */
export interface ListRefreshReply extends ListStatusReply {
  outcome: ListRefreshOutcome;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** An admin's decision on the held candidate, named by its SHA-256. */
export class DecideListCandidateRequest {
  @IsString()
  @Matches(SHA256, { message: 'sha256 must be 64 lowercase hexadecimal digits' })
  sha256!: string;

  @IsIn(['confirm', 'reject'])
  decision!: 'confirm' | 'reject';

  @IsString()
  @Length(1, 100)
  actor!: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

/** The body of `POST /v1/screening/list/candidates/:sha256/{confirm,reject}`. */
export class ListCandidateDecisionBody {
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

/** Stored versions, newest first; `version` or `sha256` picks one. */
export class ListVersionsRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  version?: string;

  @IsOptional()
  @IsString()
  @Matches(SHA256, { message: 'sha256 must be 64 lowercase hexadecimal digits' })
  sha256?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
