import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { companyPartition, LeadEvents, LeadEventType, MatchingSubjects, type MatchingStatusReply } from '#contracts';
import { NatsMessageBus } from '#platform';
import { eventually } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { NatsServerProcess } from './support/nats-server.js';
import { Platform } from './support/platform.js';

/**
 * Matching as partitioned replicas, every service its own process on NATS (JetStream) and
 * PostgreSQL. Each replica owns the company partitions p with p mod N = its index: it alone holds
 * their companies and answers their reads; every replica takes every opportunity event. Killing one
 * leaves the other's companies answering; restarting it loses and doubles nothing; going from two
 * replicas to three leaves every company's matches as they were.
 */
const REQUEST_TIMEOUT_MS = 3000;
const MATCHED_MS = 90_000;
const FIRST = 100;
const DURING_OUTAGE = 150;

let nats: NatsServerProcess;
let platform: Platform;
let bus: NatsMessageBus;
let db: pg.Client;
let partner: { id: string; apiKey: string };
const submitted: string[] = [];

type Listing = { id: string; score: number; breakdown: unknown[] }[];

/** Starts `n` calls at `perSecond`, each at its own time whatever the others take; answers them all. */
async function paced<T>(n: number, perSecond: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const started: Promise<T>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const wait = t0 + (i * 1000) / perSecond - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    started.push(call(i));
  }
  return Promise.all(started);
}

async function submitAt50PerSecond(n: number): Promise<string[]> {
  const replies = await paced(n, 50, () => platform.post('/v1/companies', miningCompany(), partner.apiKey));
  expect(replies.filter((r) => r.status !== 201).map((r) => r.status)).toEqual([]);
  return replies.map((r) => r.body.id as string);
}

/** Which of `replicas` owns a company: its partition mod the number of replicas. */
const ownerOf = (companyId: string, replicas: number) => companyPartition(companyId) % replicas;

const listing = (id: string) => platform.get(`/v1/companies/${id}/matches?includeProhibited=true&limit=200`, partner.apiKey);

/** Waits until a company's listing holds its matches; answers it. */
function matched(id: string): Promise<Listing> {
  return eventually(
    async () => {
      const response = await listing(id);
      return response.status === 200 && response.body.items.length > 0 ? (response.body.items as Listing) : undefined;
    },
    MATCHED_MS,
    `the matches of ${id}`,
  );
}

/** Every replica's status, once all of them answer, have loaded their partitions and have no events left to take. */
function settledStatus(replicas: number): Promise<MatchingStatusReply> {
  return eventually(
    async () => {
      const status = await bus.request(MatchingSubjects.status, {}).catch(() => undefined);
      if (!status || status.replicas?.length !== replicas || !status.replicas.every((r) => r.ready)) return undefined;
      return Object.values(status.pending).every((n) => n === 0) ? status : undefined;
    },
    MATCHED_MS,
    `${replicas} matching replicas with nothing pending`,
  );
}

beforeAll(async () => {
  // A port range of its own, as every test that runs its own NATS has.
  nats = await NatsServerProcess.start(4380, 4399);
  platform = await Platform.start('matching-replicas', { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) }, { natsUrl: nats.url, matchingReplicas: 2 });
  bus = await NatsMessageBus.connect(nats.url, 'matching-replicas-e2e', 10_000);
  db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  partner = await platform.createPartner('Partitioned partner');
}, 150_000);

afterAll(async () => {
  await db?.end();
  await bus?.close();
  await platform?.stop();
  await nats?.dispose();
}, 60_000);

describe('matching as two partitioned replicas', () => {
  it(`takes ${FIRST} companies submitted at 50/s into both replicas' partitions, each readable with its matches`, async () => {
    submitted.push(...(await submitAt50PerSecond(FIRST)));
    for (const id of submitted) expect((await matched(id)).length).toBeGreaterThan(0);

    const owners = submitted.map((id) => ownerOf(id, 2));
    expect(owners.filter((o) => o === 0).length).toBeGreaterThan(20);
    expect(owners.filter((o) => o === 1).length).toBeGreaterThan(20);

    // Each replica holds its own companies only, and every opportunity.
    const status = await settledStatus(2);
    expect(status.replicas!.map((r) => r.replica)).toEqual([0, 1]);
    expect(status.replicas!.map((r) => r.companies)).toEqual([owners.filter((o) => o === 0).length, owners.filter((o) => o === 1).length]);
    expect(status.replicas![0]!.partitions).toEqual([...Array(16).keys()].map((k) => 2 * k));
    expect(status.companies).toBe(FIRST);
  }, 180_000);

  it("merges an opportunity's reverse view across the replicas: companies of both, each explained", async () => {
    const [first] = await matched(submitted[0]!);
    const opportunityId = (first as unknown as { opportunityId: string }).opportunityId;
    const reverse = await platform.get(`/v1/opportunities/${opportunityId}/matches?limit=200&includeProhibited=true`, platform.adminKey);
    expect({ status: reverse.status, body: reverse.body }).toMatchObject({ status: 200 });
    const items = reverse.body.items as { companyId: string; score: number; breakdown: unknown[]; company?: { name: string }; compliance: { decisions: { company: string } } }[];
    const ours = items.filter((m) => submitted.includes(m.companyId));
    expect(new Set(ours.map((m) => ownerOf(m.companyId, 2)))).toEqual(new Set([0, 1]));
    for (const m of ours) {
      expect(m.breakdown.length).toBeGreaterThan(0);
      expect(m.company?.name).toMatch(/^OOO /);
    }
    // Best first across both replicas' shares.
    const scores = items.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Each company's decision, given by its own replica, is stated once in the merged listing.
    for (const m of items) expect(reverse.body.decisions[m.compliance.decisions.company]).toMatchObject({ verdict: expect.any(String) });
  }, 60_000);

  it('kill -9 of one replica: its companies answer 503 within the timeout, the other\'s 200 throughout; after a restart none is lost or doubled', async () => {
    const survivors = submitted.filter((id) => ownerOf(id, 2) === 0).slice(0, 10);
    const orphans = submitted.filter((id) => ownerOf(id, 2) === 1).slice(0, 10);
    await platform.matchingReplicas[0]!.kill('SIGKILL');

    const outage = submitAt50PerSecond(DURING_OUTAGE);
    const reads: { owner: number; status: number; ms: number }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [owner, ids] of [
        [0, survivors],
        [1, orphans],
      ] as const) {
        for (const id of ids) {
          const t0 = Date.now();
          const response = await listing(id);
          reads.push({ owner, status: response.status, ms: Date.now() - t0 });
        }
      }
    }
    const during = await outage;
    submitted.push(...during);

    expect(reads.filter((r) => r.owner === 0).map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(reads.filter((r) => r.owner === 1).map((r) => r.status)).toEqual(Array(30).fill(503));
    expect(Math.max(...reads.filter((r) => r.owner === 1).map((r) => r.ms))).toBeLessThan(REQUEST_TIMEOUT_MS + 1000);

    platform.matchingReplicas[0]!.start();
    // While it loads, its companies answer 503, never an empty listing that would say they have no matches.
    const whileLoading: string[] = [];
    await eventually(
      async () => {
        const response = await listing(orphans[0]!);
        whileLoading.push(response.status === 200 ? `200 with ${response.body.items.length > 0 ? 'matches' : 'none'}` : String(response.status));
        return response.status === 200 ? true : undefined;
      },
      MATCHED_MS,
      'the restarted replica to answer',
    );
    expect(whileLoading.filter((s) => s !== '503' && s !== '200 with matches')).toEqual([]);
    const status = await settledStatus(2);
    for (const id of during) expect((await matched(id)).length).toBeGreaterThan(0);

    // None lost: every accepted company is in exactly one replica; none doubled: no company twice, no match twice.
    expect(status.companies).toBe(submitted.length);
    const { rows: copies } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM matching.company WHERE id = ANY($1::uuid[])`, [submitted]);
    expect(Number(copies[0]!.n)).toBe(submitted.length);
    for (const id of during.slice(0, 30)) {
      const items = await matched(id);
      expect(new Set(items.map((m) => m.id)).size).toBe(items.length);
    }
    const { rows: orphanRows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM matching.match m WHERE NOT EXISTS (SELECT 1 FROM matching.company c WHERE c.id = m.company_id)`,
    );
    expect(Number(orphanRows[0]!.n)).toBe(0);
  }, 240_000);

  it('going from 2 to 3 replicas (a restart with new settings) keeps every company\'s matches readable and equal', async () => {
    const before = new Map<string, { id: string; score: number }[]>();
    for (const id of submitted) before.set(id, (await matched(id)).map((m) => ({ id: m.id, score: m.score })));

    await platform.rescaleMatching(3);
    const status = await settledStatus(3);
    expect(status.replicas!.map((r) => r.replica)).toEqual([0, 1, 2]);
    expect(status.replicas!.every((r) => r.companies > 0)).toBe(true);
    expect(status.companies).toBe(submitted.length);

    const differing: string[] = [];
    for (const id of submitted) {
      const after = (await matched(id)).map((m) => ({ id: m.id, score: m.score }));
      if (JSON.stringify(after) !== JSON.stringify(before.get(id))) differing.push(id);
    }
    expect(differing).toEqual([]);
    const { rows } = await db.query<{ partition: number; replica: number; settled: boolean }>(`SELECT partition, replica, settled FROM matching.partition_owner ORDER BY partition`);
    expect(rows).toEqual([...Array(32).keys()].map((p) => ({ partition: p, replica: p % 3, settled: true })));
  }, 300_000);

  it('told each company of its leads once, whichever replica ranked it, through the kill and the takeover; one relay published the outbox', async () => {
    await eventually(
      async () => {
        const { rows } = await db.query<{ head: string; published: string }>(
          `SELECT (SELECT coalesce(max(seq), 0) FROM matching.outbox) AS head, (SELECT published_seq FROM matching.outbox_relay) AS published`,
        );
        return rows[0]!.head === rows[0]!.published ? true : undefined;
      },
      MATCHED_MS,
      'the matching outbox published',
    );
    const probe = await platform.jetstream();
    const events = await probe.events(LeadEvents.stream).finally(() => probe.close());
    const { rows: outbox } = await db.query<{ seq: string }>(`SELECT seq FROM matching.outbox ORDER BY seq`);
    // The stream holds the outbox, in its order, each row once, whichever replica held the relay's lock.
    expect(events.map((e) => e.id)).toEqual(outbox.map((r) => `matching:${r.seq}`));
    const { rows: withLeads } = await db.query<{ company_id: string }>(
      `SELECT DISTINCT company_id FROM matching.match WHERE NOT prohibited AND company_id = ANY($1::uuid[]) ORDER BY company_id`,
      [submitted],
    );
    const created = events.filter((e) => e.payload.type === LeadEventType.CREATED && submitted.includes(e.payload.aggregateId)).map((e) => e.payload.aggregateId);
    expect(withLeads.length).toBeGreaterThan(FIRST);
    expect([...created].sort()).toEqual(withLeads.map((r) => r.company_id));
  }, 120_000);
});
