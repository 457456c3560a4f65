import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyKeyTable } from '#platform';

/**
 * Idempotency keys of company submissions: one row per partner and key, with the SHA-256 of the
 * request and the answer given, written in the transaction that stores the company.
 */
export class IdempotencyKeys1764230000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764230000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyKeyTable.up('companies')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of idempotencyKeyTable.down('companies')) await q.query(sql);
  }
}
