import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxRelayTable, outboxTable } from '#platform';

/**
 * Matching's own outbox, of the same shape as the other owners', for the lead events it tells
 * partners' integrations of, and how far its relay has published it.
 */
export class Outbox1764240000000 implements MigrationInterface {
  name = 'Outbox1764240000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTable.up('matching')) await q.query(sql);
    for (const sql of outboxRelayTable.up('matching')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.down('matching')) await q.query(sql);
    for (const sql of outboxTable.down('matching')) await q.query(sql);
  }
}
