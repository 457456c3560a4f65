import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxRelayTable } from '#platform';

/** How far the outbox relay has published the outbox to the event log. */
export class OutboxRelay1764220000000 implements MigrationInterface {
  name = 'OutboxRelay1764220000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.up('companies')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.down('companies')) await q.query(sql);
  }
}
