import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE companies.partner (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      api_key_hash char(64) NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE companies.company (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES companies.partner(id),
      name text NOT NULL,
      inn varchar(12) NOT NULL,
      ogrn varchar(15),
      region text NOT NULL,
      city text NOT NULL,
      lat double precision,
      lon double precision,
      location_source text NOT NULL,
      sectors text[] NOT NULL,
      okved text[] NOT NULL,
      hs_codes text[] NOT NULL,
      capabilities text[] NOT NULL,
      employees integer NOT NULL CHECK (employees >= 0),
      annual_revenue_rub double precision NOT NULL CHECK (annual_revenue_rub >= 0),
      export_experience_years integer NOT NULL CHECK (export_experience_years >= 0),
      accepts_rub_settlement boolean NOT NULL,
      owners jsonb NOT NULL DEFAULT '[]',
      directors jsonb NOT NULL DEFAULT '[]',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT company_partner_inn UNIQUE (partner_id, inn)
    )`);
    await q.query(`CREATE INDEX company_partner_created ON companies.company (partner_id, created_at, id)`);
    await q.query(`CREATE TABLE companies.outbox (
      seq bigserial PRIMARY KEY,
      stream text NOT NULL,
      type text NOT NULL,
      aggregate_id uuid NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX outbox_stream_seq ON companies.outbox (stream, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE companies.outbox`);
    await q.query(`DROP TABLE companies.company`);
    await q.query(`DROP TABLE companies.partner`);
  }
}
