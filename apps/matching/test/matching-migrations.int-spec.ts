import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '#platform';
import { createTestDatabase } from '#testing';
import type { DataSource } from 'typeorm';
import { matchingDatabase } from '../src/database/matching-database.js';
import { MatchScreenedAt1764202600000 } from '../src/database/migrations/1764202600000-match-screened-at.js';

const COMPANY = 'c1000000-0000-4000-8000-000000000001';
const OPPORTUNITY = '0a000000-0000-4000-8000-000000000001';
const GIVEN = '2026-03-01T10:00:00.000Z';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const opened: DataSource[] = [];

async function open(migrations: Function[]): Promise<DataSource> {
  const dataSource = await openDatabase(
    { ...matchingDatabase, migrations },
    { DATABASE_URL: db.url, DATA_DIR: '', DB_POOL_SIZE: 2, MIGRATE_ON_START: true },
  );
  opened.push(dataSource);
  return dataSource;
}

beforeAll(async () => {
  db = await createTestDatabase('matching_migrations');
});

afterAll(async () => {
  for (const dataSource of opened) await dataSource.destroy();
  await db?.drop();
});

describe('matching migrations', () => {
  it('gives each stored match the moment of its verdict', async () => {
    const all = matchingDatabase.migrations as Function[];
    const upTo = (last: Function) => all.slice(0, all.indexOf(last) + 1);
    const before = await open(upTo(MatchScreenedAt1764202600000).filter((m) => m !== MatchScreenedAt1764202600000));
    const record = { verdict: 'prohibited', ruleIds: ['UNSC-2397-OP7-SUPPLY-MACHINERY'], listHits: [], reasons: ['r'], listVersion: 'l', rulesVersion: '1.0.0', screenedAt: GIVEN };
    await before.query(`INSERT INTO matching.decision (key, record) VALUES ('old', $1)`, [JSON.stringify(record)]);
    await before.query(
      `INSERT INTO matching.match (company_id, opportunity_id, sector, score, decision, scored_at, id, verdict, screened)
       VALUES ($1, $2, 'mining', 71.5, 'old', '2026-03-01T09:59:59Z', gen_random_uuid(), 'prohibited', true)`,
      [COMPANY, OPPORTUNITY],
    );
    await before.query(`INSERT INTO matching.cursor (source, position) VALUES ('companies', 42)`);
    await before.query(`INSERT INTO matching.company (id, version, payload) VALUES ($1, 1, '{}')`, [COMPANY]);
    await before.query(
      `INSERT INTO matching.held_introduction (match_id, partner_id, request) VALUES (gen_random_uuid(), gen_random_uuid(), '{}')`,
    );

    const migrated = await open(upTo(MatchScreenedAt1764202600000));
    const [row] = await migrated.query(`SELECT screened_at FROM matching.match WHERE company_id = $1`, [COMPANY]);
    expect(new Date(row.screened_at).toISOString()).toBe(GIVEN);
  });

  it('then moves to party decisions (the data above) by emptying the projections and resetting the cursors, keeping held introductions', async () => {
    const after = await open(matchingDatabase.migrations as Function[]);
    expect(await after.query(`SELECT count(*)::int AS n FROM matching.match`)).toEqual([{ n: 0 }]);
    expect(await after.query(`SELECT count(*)::int AS n FROM matching.company`)).toEqual([{ n: 0 }]);
    expect(await after.query(`SELECT count(*)::int AS n FROM matching.cursor`)).toEqual([{ n: 0 }]);
    expect(await after.query(`SELECT count(*)::int AS n FROM matching.held_introduction`)).toEqual([{ n: 1 }]);
    const columns = await after.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'matching' AND table_name = 'match' ORDER BY column_name`);
    expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual(['company_id', 'id', 'opportunity_id', 'prohibited', 'score', 'scored_at', 'sector']);
    expect(await after.query(`SELECT to_regclass('matching.decision') AS t, to_regclass('matching.party_decision') AS p`)).toEqual([{ t: null, p: 'matching.party_decision' }]);
  });
});
