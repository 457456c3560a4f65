import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  CompaniesSubjects,
  CompanyProfileDto,
  ErrorCode,
  IMPORT_APPEND_MAX_ROWS,
  IMPORT_DETAIL_MAX_CHARS,
  IMPORT_ROW_MAX_DETAILS,
  type Caller,
  type FieldError,
  type ImportView,
} from '#contracts';
import { canonicalJson, DomainError, MESSAGE_BUS, validateAs, type MessageBus } from '#platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RateCharges } from '../rate-limits/rate-charge.js';
import { importFormatOf, importRows } from './import-body.js';
import { MalformedBodyError, type ParsedRow } from './import-rows.js';

/** Bytes of rows handed to the companies service at once: with one row of BODY_LIMIT_BYTES more, a message stays under NATS's 1 MiB. */
const APPEND_MAX_BYTES = 512 * 1024;

interface RowInput {
  row: number;
  profile?: Record<string, unknown>;
  rejected?: FieldError[];
}

/**
 * Reads a bulk import's body row by row and hands the rows to the companies service in batches,
 * holding one batch at a time: each row validated as POST /v1/companies validates its body (the
 * companies service then checks it as `company.create` does). The import is answered once the
 * whole body was read; its rows are stored in the background. A body that cannot be read, or has
 * more than IMPORT_MAX_ROWS rows, is refused and nothing of it is stored.
 */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly charges: RateCharges,
  ) {}

  async import(caller: Caller, request: IncomingMessage, dryRun: boolean, idempotencyKey?: string): Promise<ImportView> {
    const format = importFormatOf(request);
    const job = await this.bus.request(CompaniesSubjects.importStart, { caller, dryRun });
    // What an Idempotency-Key's later uses are compared with: the import as read, not its bytes (a
    // retry compressed otherwise, or with other line endings, is the same import).
    const hash = createHash('sha256').update(canonicalJson({ dryRun }));
    let total = 0;
    try {
      let batch: RowInput[] = [];
      let bytes = 0;
      for await (const parsed of importRows(request, format, this.config.BODY_LIMIT_BYTES)) {
        total += 1;
        if (total > this.config.IMPORT_MAX_ROWS) {
          throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `An import has at most ${this.config.IMPORT_MAX_ROWS} rows`, [
            { field: 'body', reason: `has more than ${this.config.IMPORT_MAX_ROWS} rows` },
          ]);
        }
        const input = await checked(total, parsed);
        hash.update(`\n${canonicalJson(input)}`);
        const size = Buffer.byteLength(JSON.stringify(input));
        if (batch.length === IMPORT_APPEND_MAX_ROWS || (batch.length > 0 && bytes + size > APPEND_MAX_BYTES)) {
          await this.append(caller, job.id, batch);
          batch = [];
          bytes = 0;
        }
        batch.push(input);
        bytes += size;
      }
      if (batch.length) await this.append(caller, job.id, batch);
    } catch (error) {
      const refusal = refusalOf(error);
      // Best effort: a job left receiving is failed by the companies service after a while anyway.
      await this.bus.request(CompaniesSubjects.importFinish, { caller, id: job.id, outcome: 'refused', total, error: refusal.message.slice(0, 1000) }).catch(() => undefined);
      throw refusal;
    }
    const accepted = await this.bus.request(CompaniesSubjects.importFinish, {
      caller,
      id: job.id,
      outcome: 'accepted',
      total,
      ...(idempotencyKey ? { idempotencyKey, requestHash: hash.digest('hex') } : {}),
    });
    // The request itself counted 1 when it came in; every further row counts now.
    await this.charges.charge(caller, total - 1);
    return accepted;
  }

  private async append(caller: Caller, id: string, rows: RowInput[]): Promise<void> {
    await this.bus.request(CompaniesSubjects.importAppend, { caller, id, rows });
  }
}

/** The row validated as a body of POST /v1/companies is: its cleaned profile, or every reason it was refused. */
async function checked(row: number, parsed: ParsedRow): Promise<RowInput> {
  if (parsed.errors) return { row, rejected: bounded(parsed.errors) };
  try {
    const profile = await validateAs(CompanyProfileDto, parsed.value);
    return { row, profile: profile as unknown as Record<string, unknown> };
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.VALIDATION_FAILED) return { row, rejected: bounded(error.details as FieldError[]) };
    throw error;
  }
}

/** A row's reasons as they are kept: the first IMPORT_ROW_MAX_DETAILS, each cut to IMPORT_DETAIL_MAX_CHARS, so that no row can fail its batch. */
function bounded(details: FieldError[]): FieldError[] {
  return details.slice(0, IMPORT_ROW_MAX_DETAILS).map(({ field, reason }) => ({ field: cut(field) || 'row', reason: cut(reason) || 'is refused' }));
}

/** At most IMPORT_DETAIL_MAX_CHARS, never ending in half a surrogate pair (which the companies service would refuse). */
function cut(text: string): string {
  const kept = text.slice(0, IMPORT_DETAIL_MAX_CHARS);
  return /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
}

/** What the client is told when the body is refused: a malformed body is a 400 naming `body`, anything else as it came. */
function refusalOf(error: unknown): Error {
  if (error instanceof MalformedBodyError) {
    return new DomainError(ErrorCode.VALIDATION_FAILED, `Import body refused: ${error.message}`, [{ field: 'body', reason: error.message }]);
  }
  return error as Error;
}
