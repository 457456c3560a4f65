import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorPage, FieldError, ImportCounts, ImportReply, ImportRowResult, ImportRowStatus, ImportStatus, ImportView } from '#contracts';
import { CREATED_KEY, cursorPage, decodeCursor, fitToBytes, type ListPageQuery } from '#platform';

/** A staged row: the profile to store, or the gateway's reasons to refuse it. */
export interface StagedRow {
  row: number;
  profile?: Record<string, unknown>;
  rejected?: FieldError[];
}

/** A row claimed for storing, with what its job says of it. */
export interface ClaimedRow {
  importId: string;
  row: number;
  partnerId: string;
  dryRun: boolean;
  profile: Record<string, unknown>;
}

export interface RowResult {
  importId: string;
  row: number;
  status: ImportRowStatus;
  companyId?: string;
  details?: FieldError[];
}

/** A job that just finished (done or failed), as its `import.finished` webhook tells it. */
export interface FinishedImport {
  id: string;
  partnerId: string;
  status: 'done' | 'failed';
  dryRun: boolean;
  total: number | null;
  counts: ImportCounts;
  error: string | null;
  finishedAt: string;
}

/** Called in the transaction that finished the jobs, so that what follows from it commits with it or not at all. */
export type OnFinished = (db: EntityManager, jobs: FinishedImport[]) => Promise<void>;

interface JobRecord {
  id: string;
  partner_id: string;
  dry_run: boolean;
  status: ImportStatus;
  total: number | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Import jobs and their rows (companies.import, companies.import_row). */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(id: string, partnerId: string, dryRun: boolean): Promise<void> {
    await this.dataSource.query(`INSERT INTO companies.import (id, partner_id, dry_run, status) VALUES ($1, $2, $3, 'receiving')`, [id, partnerId, dryRun]);
  }

  /** The job if `partnerId` may see it (null: the admin, who sees every job). */
  async find(id: string, partnerId: string | null, db: DataSource | EntityManager = this.dataSource): Promise<JobRecord | null> {
    const rows: JobRecord[] = await db.query(
      `SELECT * FROM companies.import WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2::uuid)`,
      [id, partnerId],
    );
    return rows[0] ?? null;
  }

  /** Stages rows of a job still receiving; a row staged already (the same number) is kept as it was. False if the job is not receiving. */
  async stage(id: string, partnerId: string, rows: StagedRow[]): Promise<boolean> {
    const [touched]: [unknown[], number] = await this.dataSource.query(
      `UPDATE companies.import SET updated_at = now() WHERE id = $1 AND partner_id = $2 AND status = 'receiving' RETURNING id`,
      [id, partnerId],
    );
    if (!touched.length) return false;
    const records = rows.map((r) => ({
      row_no: r.row,
      status: r.rejected ? 'rejected' : 'pending',
      profile: r.rejected ? null : (r.profile ?? null),
      details: r.rejected ?? null,
    }));
    await this.dataSource.query(
      `INSERT INTO companies.import_row (import_id, row_no, status, profile, details)
       SELECT $1, r.row_no, r.status, r.profile, r.details FROM jsonb_to_recordset($2::jsonb) AS r(row_no integer, status text, profile jsonb, details jsonb)
       ON CONFLICT (import_id, row_no) DO NOTHING`,
      [id, JSON.stringify(records)],
    );
    return true;
  }

  /** The whole body was read: its rows may be stored. False if the job is not receiving. */
  async accept(id: string, partnerId: string, total: number, db: DataSource | EntityManager = this.dataSource): Promise<boolean> {
    const [rows]: [unknown[], number] = await db.query(
      `UPDATE companies.import SET status = 'running', total = $3, updated_at = now() WHERE id = $1 AND partner_id = $2 AND status = 'receiving' RETURNING id`,
      [id, partnerId, total],
    );
    return rows.length > 0;
  }

  /** A job that repeated an earlier import under its Idempotency-Key: it and its staged rows go, as if never sent. */
  async discard(id: string, partnerId: string): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `DELETE FROM companies.import_row WHERE import_id IN (SELECT id FROM companies.import WHERE id = $1 AND partner_id = $2 AND status = 'receiving')`,
        [id, partnerId],
      );
      await db.query(`DELETE FROM companies.import WHERE id = $1 AND partner_id = $2 AND status = 'receiving'`, [id, partnerId]);
    });
  }

  /** The body was refused: the job is kept as failed, with the reason, and its staged rows are dropped. */
  async refuse(id: string, partnerId: string, error: string, onFinished: OnFinished): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const [rows]: [{ id: string }[], number] = await db.query(
        `UPDATE companies.import SET status = 'failed', error = $3, updated_at = now() WHERE id = $1 AND partner_id = $2 AND status = 'receiving' RETURNING id`,
        [id, partnerId, error],
      );
      if (!rows.length) return;
      await db.query(`DELETE FROM companies.import_row WHERE import_id = $1`, [id]);
      await onFinished(db, await finishedJobs(db, [id]));
    });
  }

  /**
   * Claims up to `limit` pending rows of running jobs, oldest job first and in row order, for one
   * worker (SKIP LOCKED: two replicas never claim one row). A claim older than `staleMs` is taken
   * as its worker's death and given back first.
   */
  async claim(limit: number, staleMs: number): Promise<ClaimedRow[]> {
    await this.dataSource.query(
      `UPDATE companies.import_row SET status = 'pending', claimed_at = NULL
       WHERE status = 'processing' AND claimed_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [staleMs],
    );
    const [rows]: [{ import_id: string; row_no: number; profile: Record<string, unknown> }[], number] = await this.dataSource.query(
      `UPDATE companies.import_row r SET status = 'processing', claimed_at = now()
       FROM (
         SELECT w.import_id, w.row_no FROM companies.import_row w JOIN companies.import i ON i.id = w.import_id
         WHERE w.status = 'pending' AND i.status = 'running'
         ORDER BY i.created_at, w.import_id, w.row_no LIMIT $1 FOR UPDATE OF w SKIP LOCKED
       ) c
       WHERE r.import_id = c.import_id AND r.row_no = c.row_no
       RETURNING r.import_id, r.row_no, r.profile`,
      [limit],
    );
    if (!rows.length) return [];
    const ids = [...new Set(rows.map((r) => r.import_id))];
    const jobs: { id: string; partner_id: string; dry_run: boolean }[] = await this.dataSource.query(
      `SELECT id, partner_id, dry_run FROM companies.import WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const jobOf = new Map(jobs.map((j) => [j.id, j]));
    return rows
      .map((r) => ({ importId: r.import_id, row: r.row_no, partnerId: jobOf.get(r.import_id)!.partner_id, dryRun: jobOf.get(r.import_id)!.dry_run, profile: r.profile }))
      .sort((a, b) => (a.importId === b.importId ? a.row - b.row : a.importId < b.importId ? -1 : 1));
  }

  /** Records the rows' results; the profile, stored or refused, is not kept. */
  async record(results: RowResult[]): Promise<void> {
    if (!results.length) return;
    const records = results.map((r) => ({ import_id: r.importId, row_no: r.row, status: r.status, company_id: r.companyId ?? null, details: r.details ?? null }));
    await this.dataSource.query(
      `UPDATE companies.import_row t SET status = r.status, company_id = r.company_id, details = r.details, profile = NULL, claimed_at = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(import_id uuid, row_no integer, status text, company_id uuid, details jsonb)
       WHERE t.import_id = r.import_id AND t.row_no = r.row_no`,
      [JSON.stringify(records)],
    );
  }

  /** Gives claimed rows back, to be tried again. */
  async release(rows: { importId: string; row: number }[]): Promise<void> {
    if (!rows.length) return;
    await this.dataSource.query(
      `UPDATE companies.import_row t SET status = 'pending', claimed_at = NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(import_id uuid, row_no integer)
       WHERE t.import_id = r.import_id AND t.row_no = r.row_no AND t.status = 'processing'`,
      [JSON.stringify(rows.map((r) => ({ import_id: r.importId, row_no: r.row })))],
    );
  }

  /** Running jobs with no row left to store are done. */
  async complete(onFinished: OnFinished): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const [done]: [{ id: string }[], number] = await db.query(
        `UPDATE companies.import i SET status = 'done', updated_at = now()
         WHERE i.status = 'running' AND NOT EXISTS (
           SELECT 1 FROM companies.import_row r WHERE r.import_id = i.id AND r.status IN ('pending', 'processing'))
         RETURNING id`,
      );
      if (done.length) await onFinished(db, await finishedJobs(db, done.map((d) => d.id)));
    });
  }

  /** Receiving jobs silent for `abandonedMs` lost their upload (the gateway died): they are failed and their rows dropped. */
  async failAbandoned(abandonedMs: number, onFinished: OnFinished): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const [abandoned]: [{ id: string }[], number] = await db.query(
        `UPDATE companies.import SET status = 'failed', error = 'the upload was cut off before its end', updated_at = now()
         WHERE status = 'receiving' AND updated_at < now() - make_interval(secs => $1::double precision / 1000) RETURNING id`,
        [abandonedMs],
      );
      if (!abandoned.length) return;
      await db.query(`DELETE FROM companies.import_row WHERE import_id = ANY($1::uuid[])`, [abandoned.map((a) => a.id)]);
      await onFinished(db, await finishedJobs(db, abandoned.map((a) => a.id)));
    });
  }

  async view(job: JobRecord, db: DataSource | EntityManager = this.dataSource): Promise<ImportView> {
    return (await this.views([job], db))[0]!;
  }

  /** Jobs as their partner sees them, with the counts of their rows' results (one query for them all). */
  async views(jobs: readonly JobRecord[], db: DataSource | EntityManager = this.dataSource): Promise<ImportView[]> {
    const rows: { import_id: string; status: string; n: number }[] = await db.query(
      `SELECT import_id, status, count(*)::int AS n FROM companies.import_row
        WHERE import_id = ANY($1::uuid[]) AND status NOT IN ('pending', 'processing') GROUP BY import_id, status`,
      [jobs.map((j) => j.id)],
    );
    return jobs.map((job) => {
      const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const r of rows) if (r.import_id === job.id) counts[r.status as keyof ImportCounts] = r.n;
      return {
        id: job.id,
        status: job.status,
        dryRun: job.dry_run,
        ...(job.total !== null ? { total: job.total } : {}),
        done: counts.created + counts.updated + counts.unchanged + counts.rejected,
        counts,
        ...(job.error ? { error: job.error } : {}),
        createdAt: new Date(job.created_at).toISOString(),
        updatedAt: new Date(job.updated_at).toISOString(),
      };
    });
  }

  /** A partner's imports (the admin's: every partner's), newest first, by key (created_at, id). */
  async list(partnerId: string | null, limit: number, after: string | undefined): Promise<CursorPage<ImportView>> {
    const key = decodeCursor(after, CREATED_KEY);
    const jobs: (JobRecord & { key_at: string })[] = await this.dataSource.query(
      `SELECT *, created_at::text AS key_at FROM companies.import
        WHERE ($1::uuid IS NULL OR partner_id = $1) AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [partnerId, key?.[0] ?? null, key?.[1] ?? null, limit + 1],
    );
    const views = new Map((await this.views(jobs.slice(0, limit))).map((v) => [v.id, v]));
    return cursorPage(jobs, limit, (j) => [j.key_at, j.id], (j) => views.get(j.id)!);
  }

  /** The job with a page of its rows' results, in row order: by key (the row's number) after `after`, or by the deprecated offset. */
  async reply(job: JobRecord, page: ListPageQuery): Promise<ImportReply> {
    const view = await this.view(job);
    const after = decodeCursor(page.after, ['integer']);
    const rows: { row_no: number; status: ImportRowStatus; company_id: string | null; details: FieldError[] | null }[] = await this.dataSource.query(
      `SELECT row_no, status, company_id, details FROM companies.import_row
       WHERE import_id = $1 AND status NOT IN ('pending', 'processing') AND row_no > $2 ORDER BY row_no LIMIT $3 OFFSET $4`,
      [job.id, after ? Number(after[0]) : 0, page.limit + 1, page.offset ?? 0],
    );
    const cut = cursorPage(rows, page.limit, (r) => [r.row_no], (r): ImportRowResult => ({
      row: r.row_no,
      status: r.status,
      ...(r.company_id ? { id: r.company_id } : {}),
      ...(r.details ? { details: r.details } : {}),
    }), fitToBytes);
    if (page.offset === undefined) return { ...view, rows: cut };
    const offset = page.offset;
    const nextOffset = offset + cut.items.length < view.done ? offset + cut.items.length : null;
    return { ...view, rows: { ...cut, total: view.done, limit: page.limit, offset, nextOffset } };
  }
}

/** The finished jobs with their rows' counts, read in the transaction that finished them. */
async function finishedJobs(db: EntityManager, ids: string[]): Promise<FinishedImport[]> {
  const jobs: (JobRecord & { counts: Partial<ImportCounts> | string | null })[] = await db.query(
    `SELECT i.*, (SELECT json_object_agg(c.status, c.n) FROM (
         SELECT status, count(*)::int AS n FROM companies.import_row r WHERE r.import_id = i.id AND status NOT IN ('pending', 'processing') GROUP BY status) c) AS counts
     FROM companies.import i WHERE i.id = ANY($1::uuid[]) ORDER BY i.created_at, i.id`,
    [ids],
  );
  return jobs.map((j) => {
    const counted = (typeof j.counts === 'string' ? JSON.parse(j.counts) : (j.counts ?? {})) as Partial<ImportCounts>;
    return {
      id: j.id,
      partnerId: j.partner_id,
      status: j.status as 'done' | 'failed',
      dryRun: j.dry_run,
      total: j.total,
      counts: { created: counted.created ?? 0, updated: counted.updated ?? 0, unchanged: counted.unchanged ?? 0, rejected: counted.rejected ?? 0 },
      error: j.error,
      finishedAt: new Date(j.updated_at).toISOString(),
    };
  });
}
