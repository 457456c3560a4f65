import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's matches are read from the in-memory book, filled from this table at boot; deleting a
 * company's matches uses the primary key's leading column. The (company, score) index served only
 * the reads and cost every insert one more random page: it goes.
 */
export class MatchBook1764202500000 implements MigrationInterface {
  name = 'MatchBook1764202500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matching.match_company_score`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX match_company_score ON matching.match (company_id, score DESC)`);
  }
}
