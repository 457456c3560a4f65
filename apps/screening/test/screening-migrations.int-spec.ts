import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '#platform';
import { createTestDatabase } from '#testing';
import type { DataSource } from 'typeorm';
import { screeningDatabase } from '../src/database/screening-database.js';
import { ListVersionsByContent1764202400000 } from '../src/database/migrations/1764202400000-list-versions-by-content.js';
import { AuditChain1764202800000 } from '../src/database/migrations/1764202800000-audit-chain.js';
import { AuditRepository } from '../src/audit/audit.repository.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const opened: DataSource[] = [];

async function open(migrations: Function[], url = db.url): Promise<DataSource> {
  const dataSource = await openDatabase(
    { ...screeningDatabase, migrations },
    { DATABASE_URL: url, DATA_DIR: '', DB_POOL_SIZE: 2, MIGRATE_ON_START: true },
  );
  opened.push(dataSource);
  return dataSource;
}

const insertVersion = `INSERT INTO screening.list_version (version, source, generated_at, sha256, counts, active) VALUES ($1, 'file', $1, $2, '{"total":0,"byRegime":{}}', $3)`;

beforeAll(async () => {
  db = await createTestDatabase('screening_migrations');
});

afterAll(async () => {
  for (const dataSource of opened) await dataSource.destroy();
  await db?.drop();
});

describe('screening migrations', () => {
  it('gives each stored list version a state (the active one in force), one row per SHA-256, and undoes it', async () => {
    const all = screeningDatabase.migrations as Function[];
    const before = await open(all.filter((m) => m !== ListVersionsByContent1764202400000));
    await before.query(insertVersion, ['2026-01-01T00:00:00.000Z', 'a'.repeat(64), false]);
    await before.query(insertVersion, ['2026-02-27T00:00:09.554Z', 'b'.repeat(64), true]);

    // Up to this migration only, so that undoing the last one undoes it.
    const after = await open(all.slice(0, all.indexOf(ListVersionsByContent1764202400000) + 1));
    expect(await after.query(`SELECT version, state FROM screening.list_version ORDER BY id`)).toEqual([
      { version: '2026-01-01T00:00:00.000Z', state: 'superseded' },
      { version: '2026-02-27T00:00:09.554Z', state: 'in_force' },
    ]);
    await expect(after.query(`UPDATE screening.list_version SET state = 'in_force' WHERE state = 'superseded'`)).rejects.toThrow(/list_version_one_in_force/);
    await expect(
      after.query(`INSERT INTO screening.list_version (version, source, sha256, counts, state) VALUES ('other', 'file', $1, '{}', 'superseded')`, ['a'.repeat(64)]),
    ).rejects.toThrow(/list_version_sha256/);
    await expect(
      after.query(`INSERT INTO screening.list_version (version, source, sha256, counts, state) VALUES ('held', 'file', $1, '{}', 'candidate')`, ['c'.repeat(64)]),
    ).rejects.toThrow(/list_version_held_candidate/);

    await after.undoLastMigration({ transaction: 'each' });
    expect(await after.query(`SELECT version, active FROM screening.list_version ORDER BY id`)).toEqual([
      { version: '2026-01-01T00:00:00.000Z', active: false },
      { version: '2026-02-27T00:00:09.554Z', active: true },
    ]);
  });

  it('chains the entries already in the audit log in seq order, then every entry added, and undoes it', async () => {
    const all = screeningDatabase.migrations as Function[];
    const own = await createTestDatabase('screening_audit_chain_migration');
    const before = await open(all.filter((m) => m !== AuditChain1764202800000), own.url);
    await before.query(
      `INSERT INTO screening.audit_log (kind, verdict, actor, inputs) SELECT 'test.before', 'review', 'system', jsonb_build_object('i', i) FROM generate_series(1, 11) AS i`,
    );
    const after = await open(all, own.url);
    const audit = new AuditRepository(after);
    expect(await after.query(`SELECT count(*)::int AS n FROM screening.audit_log WHERE chain_pos = seq`)).toEqual([{ n: 11 }]);
    expect(await audit.verify()).toMatchObject({ valid: true, entries: 11, firstBroken: null });
    await audit.append([{ kind: 'test.after', verdict: null, ruleIds: [], listReferences: [], listVersion: null, rulesVersion: null, actor: 'system', inputs: { n: 12 } }]);
    expect(await audit.verify()).toMatchObject({ valid: true, entries: 12, head: { position: 12 } });

    await after.undoLastMigration({ transaction: 'each' });
    expect(await after.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'screening' AND table_name = 'audit_log' AND column_name = 'hash'`)).toEqual([{ n: 0 }]);
    for (const dataSource of opened.splice(opened.indexOf(before))) await dataSource.destroy();
    await own.drop();
  });
});
