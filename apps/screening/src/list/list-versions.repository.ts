import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListCounts, ListVersionState, ListVersionView } from '#contracts';
import type { ListEntry } from '../domain/list/index.js';
import { AuditRepository, type NewAuditEntry } from '../audit/audit.repository.js';

const S = 'screening';
const ENTRY_CHUNK = 500;

/** A stored version with the id its entries are kept under. */
export interface StoredListVersion extends ListVersionView {
  id: number;
}

export interface NewListVersion {
  version: string;
  sha256: string;
  source: string;
  generatedAt: string;
  counts: ListCounts;
}

interface Row {
  id: number;
  version: string;
  sha256: string;
  state: ListVersionState;
  source: string;
  generated_at: string | null;
  loaded_at: Date;
  counts: ListCounts;
  held: ListVersionView['held'];
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

const COLUMNS = 'id, version, sha256, state, source, generated_at, loaded_at, counts, held, decided_by, decided_at, decision_note';

function stored(r: Row): StoredListVersion {
  return {
    id: r.id,
    version: r.version,
    sha256: r.sha256,
    state: r.state,
    source: r.source,
    generatedAt: r.generated_at,
    loadedAt: new Date(r.loaded_at).toISOString(),
    counts: r.counts,
    held: r.held,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note,
  };
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The one row an UPDATE … RETURNING gave: TypeORM's PostgreSQL driver answers UPDATE with [rows, count]. */
function updated(result: [Row[], number]): StoredListVersion {
  const row = result[0][0];
  if (!row) throw new Error('list version to update not found');
  return stored(row);
}

/** Reads of the stored versions, on the pool or inside a transaction. */
class ListVersionReads {
  constructor(protected readonly db: Queryable) {}

  async bySha(sha256: string): Promise<StoredListVersion | null> {
    const [row]: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM ${S}.list_version WHERE sha256 = $1`, [sha256]);
    return row ? stored(row) : null;
  }

  async inState(state: 'in_force' | 'candidate'): Promise<StoredListVersion | null> {
    const [row]: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM ${S}.list_version WHERE state = $1`, [state]);
    return row ? stored(row) : null;
  }

  async entries(versionId: number): Promise<ListEntry[]> {
    const rows: { entry: ListEntry }[] = await this.db.query(`SELECT entry FROM ${S}.list_entry WHERE version_id = $1`, [versionId]);
    return rows.map((r) => r.entry);
  }

  /** Reference numbers and regimes only: what comparing two versions needs. */
  async references(versionId: number): Promise<Pick<ListEntry, 'referenceNumber' | 'regime'>[]> {
    return this.db.query(
      `SELECT reference_number AS "referenceNumber", entry->>'regime' AS regime FROM ${S}.list_entry WHERE version_id = $1`,
      [versionId],
    );
  }
}

/** What a transaction over the list versions may do; it holds the lock that serialises every change of state. */
export class ListVersionsTransaction extends ListVersionReads {
  constructor(
    db: EntityManager,
    private readonly audit: AuditRepository,
  ) {
    super(db);
  }

  async dateTaken(version: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM ${S}.list_version WHERE version = $1`, [version]);
    return rows.length > 0;
  }

  /** Stores a new version and its entries, in the state given. */
  async insert(v: NewListVersion, entries: ListEntry[], state: 'in_force' | 'candidate', held: ListVersionView['held']): Promise<StoredListVersion> {
    if (state === 'in_force') await this.leaveForce();
    await this.withdrawCandidate();
    const [row]: Row[] = await this.db.query(
      `INSERT INTO ${S}.list_version (version, source, generated_at, sha256, counts, state, held) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [v.version, v.source, v.generatedAt, v.sha256, JSON.stringify(v.counts), state, held ? JSON.stringify(held) : null],
    );
    for (let i = 0; i < entries.length; i += ENTRY_CHUNK) {
      const chunk = entries.slice(i, i + ENTRY_CHUNK);
      await this.db.query(
        `INSERT INTO ${S}.list_entry (version_id, reference_number, entry)
         SELECT $1, * FROM unnest($2::text[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
        [row!.id, chunk.map((e) => e.referenceNumber), chunk.map((e) => JSON.stringify(e))],
      );
    }
    return stored(row!);
  }

  /** Puts a stored version in force: the one in force before is superseded, a pending candidate other than it withdrawn. */
  async putInForce(id: number, decision: { by: string; note?: string } | null): Promise<StoredListVersion> {
    await this.leaveForce();
    await this.withdrawCandidate(id);
    return updated(await this.db.query(
      `UPDATE ${S}.list_version SET state = 'in_force', loaded_at = now(),
         decided_by = COALESCE($2, decided_by), decided_at = CASE WHEN $2::text IS NULL THEN decided_at ELSE now() END,
         decision_note = CASE WHEN $2::text IS NULL THEN decision_note ELSE $3 END
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, decision?.by ?? null, decision?.note ?? null],
    ));
  }

  /** Makes a stored version the candidate again (a superseded or withdrawn file fetched once more and held). */
  async hold(id: number, held: NonNullable<ListVersionView['held']>): Promise<StoredListVersion> {
    await this.withdrawCandidate(id);
    return updated(await this.db.query(
      `UPDATE ${S}.list_version SET state = 'candidate', held = $2, decided_by = NULL, decided_at = NULL, decision_note = NULL
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, JSON.stringify(held)],
    ));
  }

  async reject(id: number, by: string, note?: string): Promise<StoredListVersion> {
    return updated(await this.db.query(
      `UPDATE ${S}.list_version SET state = 'rejected', decided_by = $2, decided_at = now(), decision_note = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, by, note ?? null],
    ));
  }

  appendAudit(entries: NewAuditEntry[]): Promise<void> {
    return this.audit.append(entries, this.db as EntityManager);
  }

  private async leaveForce(): Promise<void> {
    await this.db.query(`UPDATE ${S}.list_version SET state = 'superseded' WHERE state = 'in_force'`);
  }

  private async withdrawCandidate(except = -1): Promise<void> {
    await this.db.query(`UPDATE ${S}.list_version SET state = 'withdrawn' WHERE state = 'candidate' AND id <> $1`, [except]);
  }
}

/**
 * The stored versions of the consolidated list, one per file (by SHA-256), and their entries. Every
 * change of state runs in `transaction`, under one advisory lock, so replicas never interleave them.
 */
@Injectable()
export class ListVersionsRepository extends ListVersionReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {
    super(dataSource);
  }

  transaction<T>(fn: (tx: ListVersionsTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('screening.list_version'))`);
      return fn(new ListVersionsTransaction(m, this.audit));
    });
  }

  /** Stored versions, newest first; `version` or `sha256` picks one. */
  async list(filter: { version?: string; sha256?: string; limit?: number }): Promise<StoredListVersion[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${S}.list_version
        WHERE ($1::text IS NULL OR version = $1) AND ($2::text IS NULL OR sha256 = $2)
        ORDER BY id DESC LIMIT $3`,
      [filter.version ?? null, filter.sha256 ?? null, filter.limit ?? 50],
    );
    return rows.map(stored);
  }
}
