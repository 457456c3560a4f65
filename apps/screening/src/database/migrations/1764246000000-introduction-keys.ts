import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset pages of introductions, newest first: (created_at, id) for staff, with the partner or the
 * status ahead of it for the two filters. They replace the indexes without the id.
 */
export class IntroductionKeys1764246000000 implements MigrationInterface {
  name = 'IntroductionKeys1764246000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX screening.introduction_status`);
    await q.query(`DROP INDEX screening.introduction_partner`);
    await q.query(`CREATE INDEX introduction_created ON screening.introduction (created_at, id)`);
    await q.query(`CREATE INDEX introduction_status ON screening.introduction (status, created_at, id)`);
    await q.query(`CREATE INDEX introduction_partner ON screening.introduction (partner_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX screening.introduction_partner`);
    await q.query(`DROP INDEX screening.introduction_status`);
    await q.query(`DROP INDEX screening.introduction_created`);
    await q.query(`CREATE INDEX introduction_status ON screening.introduction (status, created_at)`);
    await q.query(`CREATE INDEX introduction_partner ON screening.introduction (partner_id, created_at)`);
  }
}
