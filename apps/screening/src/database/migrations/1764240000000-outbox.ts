import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxRelayTable } from '#platform';

/**
 * Screening's outbox, of the same shape as the other owners', for the introductions it decides,
 * and how far its relay has published it.
 */
export class Outbox1764240000000 implements MigrationInterface {
  name = 'Outbox1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE screening.outbox (
      seq bigserial PRIMARY KEY,
      stream text NOT NULL,
      type text NOT NULL,
      aggregate_id uuid NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX outbox_stream_seq ON screening.outbox (stream, seq)`);
    for (const sql of outboxRelayTable.up('screening')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.down('screening')) await q.query(sql);
    await q.query(`DROP TABLE screening.outbox`);
  }
}
