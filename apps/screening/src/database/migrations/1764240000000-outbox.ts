import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxRelayTable, outboxTable } from '#platform';

/**
 * Screening's outbox, of the same shape as the other owners', for the introductions it decides,
 * and how far its relay has published it.
 */
export class Outbox1764240000000 implements MigrationInterface {
  name = 'Outbox1764240000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTable.up('screening')) await q.query(sql);
    for (const sql of outboxRelayTable.up('screening')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of outboxRelayTable.down('screening')) await q.query(sql);
    for (const sql of outboxTable.down('screening')) await q.query(sql);
  }
}
