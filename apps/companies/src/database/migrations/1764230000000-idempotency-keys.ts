import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of company submissions: one row per partner and key, with the SHA-256 of the
 * request and the answer given, written in the transaction that stores the company.
 */
export class IdempotencyKeys1764230000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764230000000';

  async up(q: QueryRunner): Promise<void> {
    // response is NULL only inside the transaction that claims the key; it is committed with the answer.
    // json, not jsonb: the answer is given again as it was first written, its keys in their order.
    await q.query(`CREATE TABLE companies.idempotency_key (
      partner_id uuid NOT NULL,
      key text NOT NULL,
      request_hash char(64) NOT NULL,
      response json,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (partner_id, key)
    )`);
    await q.query(`CREATE INDEX idempotency_key_created_at ON companies.idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE companies.idempotency_key`);
  }
}
