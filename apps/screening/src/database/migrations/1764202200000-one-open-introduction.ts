import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one open (pending or granted) introduction per match and partner: asking again, or a held
 * request forwarded twice, answers the open one instead of queueing a second review.
 */
export class OneOpenIntroduction1764202200000 implements MigrationInterface {
  name = 'OneOpenIntroduction1764202200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX introduction_one_open ON screening.introduction (match_id, partner_id) WHERE status IN ('pending', 'granted')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX screening.introduction_one_open`);
  }
}
