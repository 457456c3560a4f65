import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764201800000 implements MigrationInterface {
  name = 'InitialSchema1764201800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE matching.company (
      id uuid PRIMARY KEY,
      version integer NOT NULL,
      payload jsonb NOT NULL
    )`);
    await q.query(`CREATE TABLE matching.opportunity (
      id uuid PRIMARY KEY,
      sector text NOT NULL,
      version integer NOT NULL,
      payload jsonb NOT NULL
    )`);
    await q.query(`CREATE TABLE matching.match (
      company_id uuid NOT NULL,
      opportunity_id uuid NOT NULL,
      sector text NOT NULL,
      score double precision NOT NULL,
      breakdown jsonb NOT NULL,
      compliance jsonb NOT NULL,
      scored_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, opportunity_id)
    )`);
    await q.query(`CREATE INDEX match_company_score ON matching.match (company_id, score DESC)`);
    await q.query(`CREATE INDEX match_opportunity_score ON matching.match (opportunity_id, score DESC)`);
    await q.query(`CREATE TABLE matching.cursor (
      source text PRIMARY KEY,
      position bigint NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matching.cursor`);
    await q.query(`DROP TABLE matching.match`);
    await q.query(`DROP TABLE matching.opportunity`);
    await q.query(`DROP TABLE matching.company`);
  }
}
