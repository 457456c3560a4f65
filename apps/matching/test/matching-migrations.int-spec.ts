import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '#platform';
import { createTestDatabase } from '#testing';
import type { DataSource } from 'typeorm';
import { matchingDatabase } from '../src/database/matching-database.js';
import { MatchScreenedAt1764202600000 } from '../src/database/migrations/1764202600000-match-screened-at.js';
import { MatchesRepository } from '../src/matches/matches.repository.js';

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
  it('gives each stored match the moment of its verdict, and readers the decision without it', async () => {
    const all = matchingDatabase.migrations as Function[];
    const before = await open(all.filter((m) => m !== MatchScreenedAt1764202600000));
    const record = { verdict: 'prohibited', ruleIds: ['UNSC-2397-OP7-SUPPLY-MACHINERY'], listHits: [], reasons: ['r'], listVersion: 'l', rulesVersion: '1.0.0', screenedAt: GIVEN };
    await before.query(`INSERT INTO matching.decision (key, record) VALUES ('old', $1)`, [JSON.stringify(record)]);
    await before.query(
      `INSERT INTO matching.match (company_id, opportunity_id, sector, score, decision, scored_at, id, verdict, screened)
       VALUES ($1, $2, 'mining', 71.5, 'old', '2026-03-01T09:59:59Z', gen_random_uuid(), 'prohibited', true)`,
      [COMPANY, OPPORTUNITY],
    );

    const after = await open(all);
    const [row] = await after.query(`SELECT screened_at FROM matching.match WHERE company_id = $1`, [COMPANY]);
    expect(new Date(row.screened_at).toISOString()).toBe(GIVEN);

    const pages = [];
    for await (const page of new MatchesRepository(after).storedMatches([COMPANY])) pages.push(...page);
    const { screenedAt: _given, ...decision } = record;
    expect(pages).toEqual([
      { companyId: COMPANY, opportunityId: OPPORTUNITY, sector: 'mining', score: 71.5, decision, screenedAt: Date.parse(GIVEN), scoredAt: Date.parse('2026-03-01T09:59:59Z') },
    ]);
  });
});
