import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764201700000 implements MigrationInterface {
  name = 'InitialSchema1764201700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sectors.opportunity (
      id uuid PRIMARY KEY,
      sector text NOT NULL,
      seed_key text UNIQUE,
      title text NOT NULL,
      description text NOT NULL,
      site jsonb NOT NULL,
      counterparty jsonb NOT NULL,
      required_capabilities text[] NOT NULL,
      hs_codes text[] NOT NULL,
      okved text[] NOT NULL,
      direction text NOT NULL,
      structure text NOT NULL,
      size_usd double precision NOT NULL CHECK (size_usd >= 0),
      settlement_currencies text[] NOT NULL,
      attributes jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX opportunity_sector_created ON sectors.opportunity (sector, created_at, id)`);
    await q.query(`CREATE TABLE sectors.outbox (
      seq bigserial PRIMARY KEY,
      stream text NOT NULL,
      type text NOT NULL,
      aggregate_id uuid NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX outbox_stream_seq ON sectors.outbox (stream, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sectors.outbox`);
    await q.query(`DROP TABLE sectors.opportunity`);
  }
}
