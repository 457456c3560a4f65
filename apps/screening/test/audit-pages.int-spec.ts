import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { resolve } from 'node:path';
import pg from 'pg';
import { ScreeningSubjects, type AuditEntryView } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, TEST_NATS_URL } from '#testing';
import { AuditRepository } from '../src/audit/audit.repository.js';
import { ScreeningAppModule } from '../src/screening-app.module.js';

/**
 * The audit log is read in pages that fit a NATS message. 120 entries of 20 KB inputs are 2.4 MB:
 * the default page of 100 would be 2 MB, twice what NATS carries. Pages stop at the byte budget
 * (512 KiB) and say where to go on; walking them gives every entry once.
 */
const LIST = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const BUDGET = 512 * 1024;
const LARGE = 120;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;

beforeAll(async () => {
  db = await createTestDatabase('audit_pages_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SANCTIONS_LIST_PATH: LIST });
  delete process.env.AUDIT_PAGE_MAX_BYTES;
  app = await startService({ name: 'screening', module: ScreeningAppModule });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'audit-pages-int-spec', 10_000);
  const entry = (i: number, bytes: number) => ({
    kind: 'test.large',
    verdict: 'review',
    ruleIds: [],
    listReferences: [],
    listVersion: null,
    rulesVersion: null,
    actor: 'system',
    inputs: { i, note: String(i % 10).repeat(bytes) },
  });
  const audit = app.get(AuditRepository);
  await audit.append(Array.from({ length: LARGE }, (_, i) => entry(i, 20_000)));
  // One entry larger than the whole budget: it comes alone, and paging still moves past it.
  await audit.append([entry(LARGE, 600_000)]);
  await audit.append(Array.from({ length: 5 }, (_, i) => entry(LARGE + 1 + i, 20_000)));
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await db?.drop();
});

async function allSeqs(): Promise<number[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query('SELECT seq FROM screening.audit_log ORDER BY seq')).rows.map((r) => Number(r.seq));
  } finally {
    await client.end();
  }
}

describe('audit pages over NATS', () => {
  it('cuts the default page at the byte budget and says where to go on', async () => {
    const page = await bus.request(ScreeningSubjects.auditList, {});
    const bytes = Buffer.byteLength(JSON.stringify(page));
    process.stdout.write(`default audit page: ${page.items.length} entries, ${bytes} bytes, nextAfter ${page.nextAfter}\n`);
    expect(bytes).toBeLessThanOrEqual(BUDGET);
    // 25 entries of 20 KB fit 512 KiB, 26 do not.
    expect(page.items.length).toBeGreaterThan(20);
    expect(page.items.length).toBeLessThan(30);
    expect(page.nextAfter).toBe(page.items[page.items.length - 1]!.seq);
  });

  it('walks every entry exactly once, in order, each page within the budget', async () => {
    const seen: AuditEntryView[] = [];
    const sizes: number[] = [];
    let after = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = await bus.request(ScreeningSubjects.auditList, { after });
      sizes.push(Buffer.byteLength(JSON.stringify(page)));
      seen.push(...page.items);
      if (page.nextAfter === null) break;
      expect(page.items.length).toBeGreaterThan(0);
      after = page.nextAfter;
    }
    expect(seen.map((e) => e.seq)).toEqual(await allSeqs());
    const large = seen.filter((e) => e.kind === 'test.large').map((e) => e.inputs.i);
    expect(large).toEqual(Array.from({ length: LARGE + 6 }, (_, i) => i));
    // Every page is within the budget but the one holding the single oversized entry, alone.
    const oversized = sizes.filter((s) => s > BUDGET);
    expect(oversized).toHaveLength(1);
    expect(oversized[0]).toBeGreaterThan(600_000);
  });

  it('gives an entry larger than the budget alone', async () => {
    let after = 0;
    let lone: AuditEntryView[] | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await bus.request(ScreeningSubjects.auditList, { kind: 'test.large', after });
      if (page.items.some((e) => e.inputs.i === LARGE)) lone = page.items;
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(lone!.map((e) => e.inputs.i)).toEqual([LARGE]);
  });

  it('stops at the count limit when the entries fit the budget', async () => {
    const page = await bus.request(ScreeningSubjects.auditList, { kind: 'test.large', limit: 3 });
    expect(page.items.map((e) => e.inputs.i)).toEqual([0, 1, 2]);
    expect(page.nextAfter).toBe(page.items[2]!.seq);
  });

  it('answers nextAfter null on the last page', async () => {
    const all = await bus.request(ScreeningSubjects.auditList, { kind: 'test.large' });
    const last = await bus.request(ScreeningSubjects.auditList, { kind: 'test.large', after: (await allSeqs()).at(-3)! });
    expect(all.nextAfter).not.toBeNull();
    expect(last.items.map((e) => e.inputs.i)).toEqual([LARGE + 4, LARGE + 5]);
    expect(last.nextAfter).toBeNull();
  });
});
