import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CallerDto, CursorField, MAX_PAGE_SIZE, PageQueryDto } from '../common/caller.dto.js';
import type { ListPage } from '../common/domain.js';
import type { FieldError } from '../common/errors.js';
import { IdempotencyKeyField } from '../common/idempotency.js';
import { NestedObject, NestedObjects, Text } from '../common/text.js';

/** What became of one row of an import. */
export const IMPORT_ROW_STATUSES = ['created', 'updated', 'unchanged', 'rejected'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** `receiving`: the gateway is still reading the body; `running`: rows are being stored; `done`; `failed`: the body was refused, nothing of it stored. */
export type ImportStatus = 'receiving' | 'running' | 'done' | 'failed';

/** Rows handed from the gateway to the companies service at once (a NATS message stays well under 1 MiB). */
export const IMPORT_APPEND_MAX_ROWS = 100;
/** The reasons kept for one rejected row, and the characters kept of each field and reason (a key of any length may be named). */
export const IMPORT_ROW_MAX_DETAILS = 100;
export const IMPORT_DETAIL_MAX_CHARS = 1000;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** An import job as its partner reads it. `done` counts rows with a result; `total` is known once the whole body was read. */
export interface ImportView {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  total?: number;
  done: number;
  counts: ImportCounts;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

/** One row's result: `row` is its 1-based place among the data rows (the CSV header is not counted). */
export interface ImportRowResult {
  row: number;
  status: ImportRowStatus;
  id?: string;
  details?: FieldError[];
}

/** An import with a page of its rows' results, in row order (only rows with a result). */
export interface ImportReply extends ImportView {
  rows: ListPage<ImportRowResult>;
}

export class StartImportRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsBoolean()
  dryRun!: boolean;
}

export class ImportFieldErrorDto implements FieldError {
  @Text(1, IMPORT_DETAIL_MAX_CHARS)
  field!: string;

  @Text(1, IMPORT_DETAIL_MAX_CHARS)
  reason!: string;
}

/** One parsed row: its profile as the gateway validated and cleaned it, or the reasons the gateway refused it. */
export class ImportRowInputDto {
  @IsInt()
  @Min(1)
  row!: number;

  /** Checked again as a whole profile by the companies service, as `companies.v1.company.create` checks it. */
  @IsOptional()
  @IsObject()
  profile?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IMPORT_ROW_MAX_DETAILS)
  @NestedObjects(() => ImportFieldErrorDto)
  rejected?: ImportFieldErrorDto[];
}

export class AppendImportRowsRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;

  @IsArray()
  @ArrayMaxSize(IMPORT_APPEND_MAX_ROWS)
  @NestedObjects(() => ImportRowInputDto)
  rows!: ImportRowInputDto[];
}

/** The whole body was read (`total` rows): store them. Or it was refused (`error`): forget them. */
export class FinishImportRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;

  @IsIn(['accepted', 'refused'])
  outcome!: 'accepted' | 'refused';

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  total!: number;

  @IsOptional()
  @Text(1, 1000)
  error?: string;

  /** The partner's Idempotency-Key of the import: the same key for the same rows within 24 h answers the first import. */
  @IdempotencyKeyField()
  idempotencyKey?: string;

  /** SHA-256 of the import as the gateway read it (dry run or not, then each row's cleaned profile or refusal): what a key's later uses are compared with. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  requestHash?: string;
}

/** A partner's imports (the admin's: every partner's), newest first. */
export class ListImportsRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @CursorField()
  after?: string;
}

export class GetImportRequest extends PageQueryDto {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;
}
