import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Introduction requests made while screening could not answer. Unlike the projections, these rows are
 * the only record of the request: nothing rebuilds them. One per match and partner.
 */
export class HeldIntroduction1764202100000 implements MigrationInterface {
  name = 'HeldIntroduction1764202100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE matching.held_introduction (
      match_id uuid NOT NULL,
      partner_id uuid NOT NULL,
      request jsonb NOT NULL,
      held_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (match_id, partner_id)
    )`);
    await q.query(`CREATE INDEX held_introduction_held_at ON matching.held_introduction (held_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matching.held_introduction`);
  }
}
