import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { CompaniesSubjects, CompanyEvents, companyPartition, ErrorCode } from '#contracts';
import { NatsMessageBus, RpcError, startService } from '#platform';
import { createTestDatabase, eventually, JetStreamProbe, TEST_NATS_URL } from '#testing';
import { SectorsAppModule } from '../../sectors/src/sectors-app.module.js';
import { CompaniesAppModule } from '../src/companies-app.module.js';
import { innFrom } from '../../../test/support/fixtures.js';


let db: Awaited<ReturnType<typeof createTestDatabase>>;
let apps: INestApplication[] = [];
let bus: NatsMessageBus;
let probe: JetStreamProbe;
const partnerA = { partnerId: '', admin: false };
const partnerB = { partnerId: '', admin: false };

const profile = {
  name: 'AO Khabarovsk Avtozavod',
  inn: '7736050003',
  ogrn: '1027700070518',
  region: 'Khabarovsk Krai',
  city: 'Khabarovsk',
  sectors: ['automobile' as const],
  okved: ['29.10'],
  hsCodes: ['8704'],
  capabilities: [] as string[],
  employees: 300,
  annualRevenueRub: 1_500_000_000,
  exportExperienceYears: 2,
  acceptsRubSettlement: true,
};

async function failure(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  db = await createTestDatabase('companies_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, REQUEST_TIMEOUT_MS: '3000', EVENT_NAMESPACE: db.name, OUTBOX_RELAY_POLL_MS: '100' });
  probe = await JetStreamProbe.open(TEST_NATS_URL, db.name);
  apps = [
    await startService({ name: 'sectors', module: SectorsAppModule.forSectors() }),
    await startService({ name: 'companies', module: CompaniesAppModule }),
  ];
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'companies-int-spec', 3000);
  partnerA.partnerId = (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner A' })).id;
  partnerB.partnerId = (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner B' })).id;
}, 60_000);

/** The events the relay published about one company, as the stream holds them. */
async function eventsOf(id: string, expected: number) {
  return eventually(async () => {
    const events = (await probe.events(CompanyEvents.stream)).filter((e) => e.payload.aggregateId === id);
    return events.length >= expected ? events : undefined;
  }, 10_000, `${expected} events of ${id}`);
}

afterAll(async () => {
  await bus?.close();
  for (const app of apps.reverse()) await app.close();
  await probe?.deleteNamespace();
  await probe?.close();
  await db?.drop();
});

describe('companies service over NATS and PostgreSQL', () => {
  it('applied its migrations into its own schema', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT name FROM companies.migrations ORDER BY id`);
    await client.end();
    expect(rows.map((r) => r.name)).toEqual(['InitialSchema1764201600000', 'Officers1764210000000', 'OutboxRelay1764220000000', 'IdempotencyKeys1764230000000', 'Imports1764240000000', 'ListKeys1764245000000', 'Webhooks1764250000000']);
  });

  it('creates compliance officers with their own keys, stores only the hash, and authenticates by it', async () => {
    const created = await bus.request(CompaniesSubjects.officerCreate, { name: 'Anna Volkova', email: 'anna@compliance.example' });
    expect(created).toMatchObject({ name: 'Anna Volkova', email: 'anna@compliance.example', apiKey: expect.stringMatching(/^tmo_[\w-]{43}$/) });
    const hash = createHash('sha256').update(created.apiKey).digest('hex');
    expect(await bus.request(CompaniesSubjects.officerAuthenticate, { apiKeyHash: hash })).toEqual({ id: created.id, name: 'Anna Volkova', email: 'anna@compliance.example', createdAt: created.createdAt, revokedAt: null });
    const unknown = await failure(bus.request(CompaniesSubjects.officerAuthenticate, { apiKeyHash: 'f'.repeat(64) }));
    expect(unknown.code).toBe(ErrorCode.UNAUTHENTICATED);
    // A partner's key is not an officer's, whatever its hash.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const partnerKeyHash = (await client.query(`SELECT api_key_hash FROM companies.partner LIMIT 1`)).rows[0].api_key_hash;
    expect((await failure(bus.request(CompaniesSubjects.officerAuthenticate, { apiKeyHash: partnerKeyHash }))).code).toBe(ErrorCode.UNAUTHENTICATED);
    const stored = (await client.query(`SELECT api_key_hash FROM companies.officer WHERE id = $1`, [created.id])).rows[0];
    await client.end();
    expect(stored.api_key_hash).toBe(hash);
    const bad = await failure(bus.request(CompaniesSubjects.officerCreate, { name: 'A', email: 'nope' } as never));
    expect(bad.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect([...new Set((bad.envelope.details as { field: string }[]).map((d) => d.field))].sort()).toEqual(['email', 'name']);
    expect((await bus.request(CompaniesSubjects.officerList, {})).map((o) => o.id)).toContain(created.id);
    const revoked = await bus.request(CompaniesSubjects.officerRevoke, { id: created.id });
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect((await bus.request(CompaniesSubjects.officerRevoke, { id: created.id })).revokedAt).toBe(revoked.revokedAt);
    expect((await failure(bus.request(CompaniesSubjects.officerAuthenticate, { apiKeyHash: hash }))).code).toBe(ErrorCode.UNAUTHENTICATED);
    expect((await failure(bus.request(CompaniesSubjects.officerRevoke, { id: '00000000-0000-4000-8000-000000000000' }))).code).toBe(ErrorCode.NOT_FOUND);
  });

  it('stores a valid profile, publishes its event, and shows it only to its partner', async () => {
    const created = await bus.request(CompaniesSubjects.companyCreate, { caller: partnerA, profile });
    expect(created).toMatchObject({ partnerId: partnerA.partnerId, inn: '7736050003', version: 1, locationSource: 'gazetteer' });
    expect(created.location?.lat).toBeCloseTo(48.48, 1);

    const own = await bus.request(CompaniesSubjects.companyGet, { caller: partnerA, id: created.id });
    expect(own.id).toBe(created.id);
    const other = await failure(bus.request(CompaniesSubjects.companyGet, { caller: partnerB, id: created.id }));
    expect(other.code).toBe(ErrorCode.NOT_FOUND);

    const [event] = await eventsOf(created.id, 1);
    expect(event!.subject).toBe(probe.subject(CompanyEvents.upserted(companyPartition(created.id))));
    expect(event!.payload).toMatchObject({ type: 'company.upserted', payload: { id: created.id, version: 1 } });
  });

  it('creates one company and one event for concurrent requests with one idempotency key, and refuses the key with another profile', async () => {
    const keyed = { ...profile, inn: '2541234560', ogrn: undefined };
    const idempotencyKey = 'int-spec-key-1';
    const answers = await Promise.all(Array.from({ length: 8 }, () => bus.request(CompaniesSubjects.companyCreate, { caller: partnerA, profile: keyed, idempotencyKey })));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0]))).toBe(true);
    const page = await bus.request(CompaniesSubjects.companyList, { caller: partnerA, limit: 200 });
    expect(page.items.filter((c) => c.inn === keyed.inn).length).toBe(1);
    await eventsOf(answers[0]!.id, 1);
    // Give a second event time to show, were there one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await probe.events(CompanyEvents.stream)).filter((e) => e.payload.aggregateId === answers[0]!.id).length).toBe(1);

    const reused = await failure(bus.request(CompaniesSubjects.companyCreate, { caller: partnerA, profile: { ...keyed, inn: '2541234578' }, idempotencyKey }));
    expect(reused.code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    const malformed = await failure(bus.request(CompaniesSubjects.companyCreate, { caller: partnerA, profile: keyed, idempotencyKey: 'two words' }));
    expect(malformed.envelope.details).toEqual([{ field: 'idempotencyKey', reason: expect.any(String) }]);
  });

  it('refuses a second profile with the same INN from the same partner', async () => {
    const duplicate = await failure(bus.request(CompaniesSubjects.companyCreate, { caller: partnerA, profile }));
    expect(duplicate.code).toBe(ErrorCode.CONFLICT);
  });

  it.each([
    ['a bad INN check digit', { inn: '7736050004' }, 'inn'],
    ['an OGRN with a bad check digit', { ogrn: '1027700070519' }, 'ogrn'],
    ['a capability outside the sector vocabulary', { capabilities: ['open_pit_mining'] }, 'capabilities.0'],
    ['an HS chapter that does not exist', { hsCodes: ['7700'] }, 'hsCodes.0'],
    ['a wrong type', { employees: '300' }, 'profile.employees'],
    ['a location that is an array', { location: [] }, 'profile.location'],
    ['owners that are arrays', { owners: [[]] }, 'profile.owners'],
    ['a name of whitespace', { name: '  \t ' }, 'profile.name'],
    ['a NUL byte in the city', { city: 'Khaba\u0000rovsk' }, 'profile.city'],
    ['an unpaired surrogate in a director name', { directors: [{ name: 'Ivan \udc00' }] }, 'profile.directors.0.name'],
    ['a zero-width space in the name', { name: 'AO Khabarovsk\u200b Avtozavod' }, 'profile.name'],
    ['a prototype key', JSON.parse('{"constructor": {"admin": true}}'), 'profile.constructor'],
  ])('answers VALIDATION_FAILED for %s, naming the field', async (_label, change, field) => {
    const error = await failure(bus.request(CompaniesSubjects.companyCreate, { caller: partnerB, profile: { ...profile, ...change } as never }));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((error.envelope.details as { field: string }[]).map((d) => d.field)).toContain(field);
    const page = await bus.request(CompaniesSubjects.companyList, { caller: partnerB });
    expect(page).toEqual({ items: [], nextCursor: null });
  });

  it('stores names trimmed and in NFKC, and refuses a PATCH that is whitespace or holds a prototype key', async () => {
    const created = await bus.request(CompaniesSubjects.companyCreate, {
      caller: partnerA,
      profile: { ...profile, inn: '7702070139', name: ' ＡＯ Khabarovsk Ｍｏｔｏｒｓ ', directors: [{ name: '  Ivan Petrov ' }] },
    });
    expect(created).toMatchObject({ name: 'AO Khabarovsk Motors', directors: [{ name: 'Ivan Petrov' }] });
    const blank = await failure(bus.request(CompaniesSubjects.companyUpdate, { caller: partnerA, id: created.id, patch: { region: '   ' } }));
    expect(blank.envelope.details).toEqual([{ field: 'region', reason: 'region must be longer than or equal to 2 characters' }]);
    const keyed = await failure(bus.request(CompaniesSubjects.companyUpdate, { caller: partnerA, id: created.id, patch: JSON.parse('{"__proto__": {"partnerId": "x"}}') }));
    expect(keyed.envelope.details).toEqual([{ field: 'patch.__proto__', reason: 'is not an accepted field name' }]);
    expect((await bus.request(CompaniesSubjects.companyGet, { caller: partnerA, id: created.id })).version).toBe(1);
  });

  it('updates with a version bump and deletes, each change published in order', async () => {
    const created = await bus.request(CompaniesSubjects.companyCreate, { caller: partnerB, profile: { ...profile, inn: '7707083893' } });
    const updated = await bus.request(CompaniesSubjects.companyUpdate, { caller: partnerB, id: created.id, patch: { employees: 420 } });
    expect(updated).toMatchObject({ employees: 420, version: 2 });
    const forbidden = await failure(bus.request(CompaniesSubjects.companyUpdate, { caller: partnerB, id: created.id, patch: { partnerId: partnerA.partnerId } }));
    expect(forbidden.code).toBe(ErrorCode.VALIDATION_FAILED);
    await bus.request(CompaniesSubjects.companyDelete, { caller: partnerB, id: created.id });
    const events = await eventsOf(created.id, 3);
    expect(events.map((e) => e.payload.type)).toEqual(['company.upserted', 'company.upserted', 'company.deleted']);
    expect(events[2]!.subject).toBe(probe.subject(CompanyEvents.deleted(companyPartition(created.id))));
  });

  it('keeps a page of large profiles under the byte budget; nextCursor, and the deprecated nextOffset, walk every company once', async () => {
    const partner = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner with large profiles' })).id, admin: false };
    // 50 directors of 300 characters each: about 16 KB a company, so 40 of them pass 512 KiB.
    const directors = Array.from({ length: 50 }, (_, i) => ({ name: `Director ${i} ${'x'.repeat(280)}` }));
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await bus.request(CompaniesSubjects.companyCreate, { caller: partner, profile: { ...profile, name: `Large ${i}`, inn: innFrom(390_000_000 + i), ogrn: undefined, directors } as never })).id);

    const first = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 200 });
    expect(first.items.length).toBeLessThan(40);
    expect(first.total).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThanOrEqual(512 * 1024);
    const byKey = first.items.map((c) => c.id);
    for (let after = first.nextCursor; after !== null; ) {
      const page = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 200, after });
      byKey.push(...page.items.map((c) => c.id));
      after = page.nextCursor;
    }
    // Creation order, each company once.
    expect(byKey).toEqual(ids);

    const firstByOffset = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 200, offset: 0 });
    expect(firstByOffset.total).toBe(40);
    expect(firstByOffset.nextOffset).toBe(firstByOffset.items.length);
    const byOffset = firstByOffset.items.map((c) => c.id);
    for (let next = firstByOffset.nextOffset ?? null; next !== null; ) {
      const page = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 200, offset: next });
      byOffset.push(...page.items.map((c) => c.id));
      next = page.nextOffset ?? null;
    }
    expect(byOffset).toEqual(ids);
  }, 60_000);

  it('pages by key in creation order under inserts and deletes, and refuses a cursor it did not give', async () => {
    const partner = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner paging by key' })).id, admin: false };
    const create = async (n: number) =>
      (await bus.request(CompaniesSubjects.companyCreate, { caller: partner, profile: { ...profile, name: `Keyed ${n}`, inn: innFrom(391_000_000 + n), ogrn: undefined } as never })).id;
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(await create(i));
    const first = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 4 });
    expect(first.items.map((c) => c.id)).toEqual(ids.slice(0, 4));
    // The last company given is deleted, one not yet reached is deleted, and one is added at the end.
    await bus.request(CompaniesSubjects.companyDelete, { caller: partner, id: ids[3]! });
    await bus.request(CompaniesSubjects.companyDelete, { caller: partner, id: ids[6]! });
    const added = await create(100);
    const second = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 4, after: first.nextCursor! });
    expect(second.items.map((c) => c.id)).toEqual([ids[4], ids[5], ids[7], ids[8]]);
    const third = await bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 4, after: second.nextCursor! });
    expect(third).toEqual({ items: [expect.objectContaining({ id: added })], nextCursor: null });

    const forged = Buffer.from(JSON.stringify(['not a time', ids[0]])).toString('base64url');
    await expect(bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 4, after: 'bm90IGpzb24' })).rejects.toMatchObject({ envelope: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'after' })] } });
    await expect(bus.request(CompaniesSubjects.companyList, { caller: partner, limit: 4, after: forged })).rejects.toMatchObject({ envelope: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'after' })] } });
  }, 60_000);

  it('imports rows keyed by (partner, INN): created, unchanged, updated with an event, rejected; a refused body stores nothing', async () => {
    const inn = innFrom(770_100_001);
    const row = { ...profile, name: 'OOO Import Test', inn, ogrn: undefined };
    delete (row as { ogrn?: string }).ogrn;
    const run = async (rows: { row: number; profile?: Record<string, unknown>; rejected?: { field: string; reason: string }[] }[], dryRun = false) => {
      const job = await bus.request(CompaniesSubjects.importStart, { caller: partnerA, dryRun });
      expect(job).toMatchObject({ status: 'receiving', done: 0 });
      await bus.request(CompaniesSubjects.importAppend, { caller: partnerA, id: job.id, rows });
      await bus.request(CompaniesSubjects.importFinish, { caller: partnerA, id: job.id, outcome: 'accepted', total: rows.length });
      return eventually(async () => {
        const reply = await bus.request(CompaniesSubjects.importGet, { caller: partnerA, id: job.id });
        return reply.status === 'done' ? reply : undefined;
      }, 10_000, `import ${job.id}`);
    };
    const first = await run([
      { row: 1, profile: row },
      { row: 2, profile: { ...row, inn: '7736050004' } },
      { row: 3, rejected: [{ field: 'employees', reason: 'employees must not be less than 0' }] },
    ]);
    expect(first.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 2 });
    const id = first.rows.items[0]!.id!;
    expect(first.rows.items.slice(1)).toEqual([
      { row: 2, status: 'rejected', details: [{ field: 'inn', reason: expect.stringMatching(/^check digit 10 should be/) }] },
      { row: 3, status: 'rejected', details: [{ field: 'employees', reason: 'employees must not be less than 0' }] },
    ]);
    await eventsOf(id, 1);

    expect((await run([{ row: 1, profile: row }])).rows.items).toEqual([{ row: 1, status: 'unchanged', id }]);
    expect((await run([{ row: 1, profile: { ...row, employees: 301 } }], true)).rows.items).toEqual([{ row: 1, status: 'updated', id }]);
    expect(await bus.request(CompaniesSubjects.companyGet, { caller: partnerA, id })).toMatchObject({ employees: 300, version: 1 });
    expect((await run([{ row: 1, profile: { ...row, employees: 301 } }])).rows.items).toEqual([{ row: 1, status: 'updated', id }]);
    expect(await bus.request(CompaniesSubjects.companyGet, { caller: partnerA, id })).toMatchObject({ employees: 301, version: 2 });
    await eventsOf(id, 2);

    // Another partner's import is not found; a refused body keeps the job, failed, without its rows.
    const job = await bus.request(CompaniesSubjects.importStart, { caller: partnerA, dryRun: false });
    await bus.request(CompaniesSubjects.importAppend, { caller: partnerA, id: job.id, rows: [{ row: 1, profile: { ...row, inn: innFrom(770_100_002) } }] });
    expect((await failure(bus.request(CompaniesSubjects.importGet, { caller: partnerB, id: job.id }))).code).toBe(ErrorCode.NOT_FOUND);
    const refused = await bus.request(CompaniesSubjects.importFinish, { caller: partnerA, id: job.id, outcome: 'refused', total: 1, error: 'too many rows' });
    expect(refused).toMatchObject({ status: 'failed', error: 'too many rows', done: 0 });
    expect((await bus.request(CompaniesSubjects.companyList, { caller: partnerA })).items.map((c) => c.inn)).not.toContain(innFrom(770_100_002));
  }, 60_000);
});
