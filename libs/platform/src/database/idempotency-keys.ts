import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_HOURS } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

const PURGE_EVERY_MS = 60_000;

/** JSON with every object's keys in code-point order, so that two equal requests written in another key order are one. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the request's canonical JSON: what a key's later uses are compared with. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export interface IdempotentRequest {
  partnerId: string;
  key: string;
  /** `requestHash` of what the partner asked for. */
  requestHash: string;
}

/**
 * A service's `<schema>.idempotency_key` table (one row per partner and key: the request's hash
 * and the answer given). `once` claims the key and does the work in one transaction, so the work
 * and the key are committed together or not at all; a concurrent request with the same key waits
 * on the row until the first commits, then answers what the first answered. Only answers are kept:
 * work that fails leaves no row, and the request may be sent again with its key. A key older than
 * IDEMPOTENCY_KEY_HOURS is free again; such rows are purged now and then.
 */
export class IdempotencyKeys {
  private readonly logger = new Logger('IdempotencyKeys');
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async once<T>(request: IdempotentRequest, work: (db: EntityManager) => Promise<T>): Promise<{ response: T; replayed: boolean }> {
    this.purgeNowAndThen();
    const table = `"${this.schema}".idempotency_key`;
    return this.dataSource.transaction(async (db) => {
      // A new key, or one past its time, is claimed (and its row locked until this commits); a live one is not.
      const claimed: unknown[] = await db.query(
        `INSERT INTO ${table} AS held (partner_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (partner_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = now()
           WHERE held.created_at < now() - make_interval(hours => $4)
         RETURNING 1`,
        [request.partnerId, request.key, request.requestHash, IDEMPOTENCY_KEY_HOURS],
      );
      if (!claimed.length) return { response: await this.answered<T>(db, table, request), replayed: true };
      const response = await work(db);
      await db.query(`UPDATE ${table} SET response = $3 WHERE partner_id = $1 AND key = $2`, [request.partnerId, request.key, JSON.stringify(response)]);
      return { response, replayed: false };
    });
  }

  private async answered<T>(db: EntityManager, table: string, request: IdempotentRequest): Promise<T> {
    const rows: { request_hash: string; response: T | string }[] = await db.query(`SELECT request_hash, response FROM ${table} WHERE partner_id = $1 AND key = $2`, [
      request.partnerId,
      request.key,
    ]);
    const row = rows[0]!;
    if (row.request_hash !== request.requestHash) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, `This ${IDEMPOTENCY_KEY_HEADER} was used within ${IDEMPOTENCY_KEY_HOURS} h for a different request; send a new key`, [
        { field: IDEMPOTENCY_KEY_HEADER, reason: `was used within ${IDEMPOTENCY_KEY_HOURS} h for a different request` },
      ]);
    }
    return typeof row.response === 'string' ? (JSON.parse(row.response) as T) : row.response;
  }

  /** Deletes keys past their time, at most once a minute per process, beside the request that triggered it. */
  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.dataSource
      .query(`DELETE FROM "${this.schema}".idempotency_key WHERE created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_KEY_HOURS])
      .catch((error: unknown) => this.logger.warn({ msg: 'Could not purge expired idempotency keys', err: error }));
  }
}

/**
 * A service's `<schema>.idempotency_key` table, for its migration. `response` is NULL only inside
 * the transaction that claims the key, and committed with the answer; json, not jsonb, so that the
 * answer is given again as it was first written, its keys in their order.
 */
export const idempotencyKeyTable = {
  up: (schema: string) => [
    `CREATE TABLE "${schema}".idempotency_key (
      partner_id uuid NOT NULL,
      key text NOT NULL,
      request_hash char(64) NOT NULL,
      response json,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (partner_id, key)
    )`,
    `CREATE INDEX idempotency_key_created_at ON "${schema}".idempotency_key (created_at)`,
  ],
  down: (schema: string) => [`DROP TABLE "${schema}".idempotency_key`],
};
