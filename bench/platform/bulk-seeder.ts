import type pg from 'pg';
import { CompanyEventType, OpportunityEventType, type CompanyView, type OpportunityView } from '#contracts';
import { toOpportunityEvent } from './bench-data.generator.js';

const BATCH = 1000;

/** Outbox heads after seeding: the sequence numbers matching must reach to have caught up. */
export interface OutboxHeads {
  companies: number;
  sectors: Record<string, number>;
}

/**
 * Writes companies and their `company.upserted` events exactly as the companies service does
 * (row and event in one transaction under the outbox advisory lock), a batch per statement.
 */
export async function seedCompanies(pool: pg.Pool, companies: readonly CompanyView[], onBatch?: (done: number) => void): Promise<void> {
  for (let i = 0; i < companies.length; i += BATCH) {
    const batch = companies.slice(i, i + BATCH);
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['companies.outbox']);
      await client.query(
        `INSERT INTO companies.company (id, partner_id, name, inn, ogrn, region, city, lat, lon, location_source, sectors, okved,
            hs_codes, capabilities, employees, annual_revenue_rub, export_experience_years, accepts_rub_settlement, owners, directors,
            version, created_at, updated_at)
         SELECT r.id, r."partnerId", r.name, r.inn, NULL, r.region, r.city, (r.location->>'lat')::float8, (r.location->>'lon')::float8,
                r."locationSource", r.sectors, r.okved, r."hsCodes", r.capabilities, r.employees, r."annualRevenueRub",
                r."exportExperienceYears", r."acceptsRubSettlement", r.owners, r.directors, r.version, r."createdAt", r."updatedAt"
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "partnerId" uuid, name text, inn text, region text, city text, location jsonb,
                "locationSource" text, sectors text[], okved text[], "hsCodes" text[], capabilities text[], employees int,
                "annualRevenueRub" float8, "exportExperienceYears" int, "acceptsRubSettlement" boolean, owners jsonb, directors jsonb,
                version int, "createdAt" timestamptz, "updatedAt" timestamptz)`,
        [JSON.stringify(batch)],
      );
      await client.query(
        `INSERT INTO companies.outbox (stream, type, aggregate_id, payload)
         SELECT 'companies', $2, (e.v->>'id')::uuid, e.v FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n`,
        [JSON.stringify(batch), CompanyEventType.UPSERTED],
      );
    });
    onBatch?.(Math.min(companies.length, i + BATCH));
  }
}

/**
 * Writes opportunities and their `opportunity.upserted` events (the summary, without the
 * counterparty's contact) exactly as the sectors service does, a batch per statement.
 */
export async function seedOpportunities(pool: pg.Pool, opportunities: readonly OpportunityView[]): Promise<void> {
  for (let i = 0; i < opportunities.length; i += BATCH) {
    const batch = opportunities.slice(i, i + BATCH);
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['sectors.outbox']);
      await client.query(
        `INSERT INTO sectors.opportunity (id, sector, seed_key, title, description, site, counterparty, required_capabilities, hs_codes,
            okved, direction, structure, size_usd, settlement_currencies, attributes, version, created_at, updated_at)
         SELECT r.id, r.sector, NULL, r.title, r.description, r.site, r.counterparty, r."requiredCapabilities", r."hsCodes", r.okved,
                r.direction, r.structure, r."sizeUsd", r."settlementCurrencies", r.attributes, r.version, r."createdAt", r."updatedAt"
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, sector text, title text, description text, site jsonb, counterparty jsonb,
                "requiredCapabilities" text[], "hsCodes" text[], okved text[], direction text, structure text, "sizeUsd" float8,
                "settlementCurrencies" text[], attributes jsonb, version int, "createdAt" timestamptz, "updatedAt" timestamptz)`,
        [JSON.stringify(batch)],
      );
      await client.query(
        `INSERT INTO sectors.outbox (stream, type, aggregate_id, payload)
         SELECT e.v->>'sector', $2, (e.v->>'id')::uuid, e.v FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n`,
        [JSON.stringify(batch.map(toOpportunityEvent)), OpportunityEventType.UPSERTED],
      );
    });
  }
}

/** The highest outbox sequence number of every stream. */
export async function outboxHeads(pool: pg.Pool): Promise<OutboxHeads> {
  const companies = await pool.query<{ head: string | null }>(`SELECT max(seq) AS head FROM companies.outbox WHERE stream = 'companies'`);
  const sectors = await pool.query<{ stream: string; head: string }>(`SELECT stream, max(seq) AS head FROM sectors.outbox GROUP BY stream`);
  return {
    companies: Number(companies.rows[0]?.head ?? 0),
    sectors: Object.fromEntries(sectors.rows.map((r) => [r.stream, Number(r.head)])),
  };
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
