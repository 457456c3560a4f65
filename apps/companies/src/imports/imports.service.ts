import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorCode, type Caller, type CursorPage, type ImportReply, type ImportView } from '#contracts';
import { CoalescingRunner, DomainError, IdempotencyKeys, isUnreachable, type ListPageQuery } from '#platform';
import { CompaniesService, type ImportRowOutcome } from '../companies/companies.service.js';
import { WebhookDeliveryWorker } from '../webhooks/webhook-delivery.worker.js';
import { WebhookQueueRepository } from '../webhooks/webhook-queue.repository.js';
import { ImportsRepository, type ClaimedRow, type FinishedImport, type OnFinished, type RowResult, type StagedRow } from './imports.repository.js';

/** Rows one worker claims at once; each is stored in turn, in row order, so that two rows of one INN come out as in the file. */
const CLAIM_ROWS = 50;
/** How often a worker looks for rows another replica staged, or a claim a dead worker left. */
const POLL_MS = 1_000;
/** A claim this old is a dead worker's: the rows are given to another. */
const STALE_CLAIM_MS = 120_000;
/** A job still receiving after this long without a row lost its upload (the gateway died): it is failed. */
const ABANDONED_MS = 3_600_000;
const ABANDONED_SWEEP_MS = 60_000;
const DEFAULT_ROWS_PAGE = 100;
const DEFAULT_JOBS_PAGE = 50;

/**
 * Bulk imports of company profiles. The gateway streams a job's rows in (`stage`), then accepts
 * or refuses the body as a whole (`finish`); accepted rows are stored in the background, by any
 * companies replica, one row at a time through `CompaniesService.importRow`, and each row's result
 * is kept with the job, so a restart of any process loses nothing.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImportsService.name);
  private readonly worker = new CoalescingRunner(() => this.work());
  private timer?: NodeJS.Timeout;
  private sweptAt = 0;

  constructor(
    private readonly repository: ImportsRepository,
    private readonly companies: CompaniesService,
    private readonly webhooks: WebhookQueueRepository,
    private readonly deliveries: WebhookDeliveryWorker,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /** A finished job's `import.finished` webhooks, enqueued in the transaction that finished it. */
  private readonly onFinished: OnFinished = async (db, jobs) => {
    let stored = 0;
    for (const job of jobs) stored += await this.webhooks.enqueue(db, job.partnerId, 'import.finished', job.finishedAt, [importFinishedEvent(job)]);
    if (stored) setImmediate(() => this.deliveries.wake());
  };

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.worker.wake(), POLL_MS);
    this.timer.unref();
    this.worker.wake();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.worker.stop();
  }

  async start(caller: Caller, dryRun: boolean): Promise<ImportView> {
    const partnerId = partnerOf(caller);
    const id = randomUUID();
    await this.repository.create(id, partnerId, dryRun);
    return this.view(caller, id);
  }

  async stage(caller: Caller, id: string, rows: StagedRow[]): Promise<{ id: string; received: number }> {
    if (!(await this.repository.stage(id, partnerOf(caller), rows))) throw notReceiving(id);
    return { id, received: rows.length };
  }

  async finish(caller: Caller, id: string, outcome: 'accepted' | 'refused', total: number, error?: string, idempotent?: { key: string; requestHash: string }): Promise<ImportView> {
    const partnerId = partnerOf(caller);
    if (outcome === 'refused') {
      await this.repository.refuse(id, partnerId, error ?? 'the body was refused', this.onFinished);
      return this.view(caller, id);
    }
    if (!idempotent) {
      if (!(await this.repository.accept(id, partnerId, total))) throw notReceiving(id);
      this.worker.wake();
      return this.view(caller, id);
    }
    // The key is claimed as the job is accepted, in one transaction: a retry of the same import,
    // read in full meanwhile, is answered with the first job and its own staging is dropped.
    let answer: { response: ImportView; replayed: boolean };
    try {
      answer = await this.idempotency.once({ partnerId, key: idempotent.key, requestHash: idempotent.requestHash }, async (db) => {
        if (!(await this.repository.accept(id, partnerId, total, db))) throw notReceiving(id);
        return this.repository.view((await this.repository.find(id, partnerId, db))!, db);
      });
    } catch (failure) {
      await this.repository.discard(id, partnerId);
      throw failure;
    }
    if (answer.replayed) await this.repository.discard(id, partnerId);
    else this.worker.wake();
    return answer.response;
  }

  async get(caller: Caller, id: string, page: Partial<ListPageQuery>): Promise<ImportReply> {
    const job = await this.repository.find(id, visibleTo(caller));
    if (!job) throw DomainError.notFound('Import', id);
    return this.repository.reply(job, { ...page, limit: page.limit ?? DEFAULT_ROWS_PAGE });
  }

  list(caller: Caller, limit = DEFAULT_JOBS_PAGE, after?: string): Promise<CursorPage<ImportView>> {
    return this.repository.list(visibleTo(caller), limit, after);
  }

  private async view(caller: Caller, id: string): Promise<ImportView> {
    const job = await this.repository.find(id, partnerOf(caller));
    if (!job) throw DomainError.notFound('Import', id);
    return this.repository.view(job);
  }

  /** One pass: claims and stores rows until none is left (or one cannot be stored now), then marks the jobs left without work done. */
  private async work(): Promise<void> {
    try {
      while (!this.worker.stopped) {
        const claimed = await this.repository.claim(CLAIM_ROWS, STALE_CLAIM_MS);
        if (!claimed.length) break;
        const results: RowResult[] = [];
        let blocked: ClaimedRow[] = [];
        for (const [i, row] of claimed.entries()) {
          const outcome = await this.store(row);
          if (!outcome) {
            blocked = claimed.slice(i);
            break;
          }
          results.push({ importId: row.importId, row: row.row, status: outcome.status, companyId: outcome.id, details: outcome.details });
        }
        await this.repository.record(results);
        if (blocked.length) {
          await this.repository.release(blocked);
          break;
        }
      }
      await this.repository.complete(this.onFinished);
      if (Date.now() - this.sweptAt > ABANDONED_SWEEP_MS) {
        this.sweptAt = Date.now();
        await this.repository.failAbandoned(ABANDONED_MS, this.onFinished);
      }
    } catch (error) {
      this.logger.warn(`Import rows not stored this pass: ${(error as Error).message}`);
    }
  }

  /** One row's outcome; null when it cannot be stored now (a sector service does not answer) and is to be tried again. */
  private async store(row: ClaimedRow): Promise<ImportRowOutcome | null> {
    try {
      return await this.companies.importRow(row.partnerId, row.profile, row.dryRun);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) {
        return { status: 'rejected', details: [{ field: 'row', reason: error.message }] };
      }
      if (!isUnreachable(error)) this.logger.warn(`Import ${row.importId} row ${row.row} not stored: ${(error as Error).message}`);
      return null;
    }
  }
}

function importFinishedEvent(job: FinishedImport) {
  return {
    key: `import.finished:${job.id}`,
    data: { importId: job.id, status: job.status, dryRun: job.dryRun, total: job.total, counts: job.counts, ...(job.error ? { error: job.error } : {}) },
  };
}

/** Imports are the partners' own, as company submissions are. */
function partnerOf(caller: Caller): string {
  if (!caller.partnerId) throw new DomainError(ErrorCode.FORBIDDEN, 'Companies are imported by partners; use a partner API key');
  return caller.partnerId;
}

function notReceiving(id: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, `Import ${id} is not receiving rows`);
}

/** The partner whose imports a caller sees; null for the admin (every partner's). */
function visibleTo(caller: Caller): string | null {
  return caller.admin ? null : (caller.partnerId ?? '00000000-0000-0000-0000-000000000000');
}
