import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxRelayTable } from '#platform';

/** How far the outbox relay has published the outbox to the event log. */
export class OutboxRelay1764220000001 implements MigrationInterface {
  name = 'OutboxRelay1764220000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.up('sectors')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.down('sectors')) await q.query(sql);
  }
}
