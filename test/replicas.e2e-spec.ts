import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { CompaniesSubjects, CompanyEvents, OpportunityEvents, ScreeningSubjects, sectorSubjects } from '#contracts';
import { derivedListFile, eventually, type JetStreamProbe, type ServiceProcess } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { NatsServerProcess } from './support/nats-server.js';
import { Platform } from './support/platform.js';
import { freePort, RestClient } from './support/rest-client.js';

/**
 * The gateway, companies, sectors and screening each run as two processes, started together as a
 * deployment of two replicas starts them. The services' replicas share their NATS queue group, and
 * both of each do work; the gateways share the clients. A list one screening process puts in force
 * is the one both screen with. Each service's outbox has one publisher at a time, and the other
 * takes over when it stops. Stopping either replica of a service leaves the platform answering.
 * Matching here runs as one process; its partitioned replicas are matching-replicas.e2e-spec.ts.
 */
type Scaled = 'gateway' | 'companies' | 'sectors' | 'screening';

/** One process and where its /metrics is read: a service's OPS_PORT, or a gateway's own port with the admin key. */
interface Replica {
  label: string;
  process: ServiceProcess;
  url: string;
  key?: string;
}

const realList = readFileSync(resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml'), 'utf8');
/** A DPRK entity the list the platform starts with leaves out, and the real list (put in force later) names. */
const ADDED = { referenceNumber: 'KPe.001', name: 'Korea Mining Development Trading Corporation' };
const listDir = mkdtempSync(join(tmpdir(), 'tumen-replicas-e2e-'));
/** SANCTIONS_LIST_PATH of both screening processes: a file the test overwrites. */
const servedList = join(listDir, 'consolidated.xml');

const COMPANIES = 36;
const TAKEOVER_COMPANIES = 10;
const MATCHED_MS = 60_000;

let nats: NatsServerProcess;
let platform: Platform;
let probe: JetStreamProbe;
let db: pg.Client;
let partner: { id: string; apiKey: string };
const replicas = {} as Record<Scaled, [Replica, Replica]>;
/** The two gateways, as clients reach them. */
const gateways: RestClient[] = [];
const submitted: string[] = [];

/** A metric's value in Prometheus text, summed over the series whose labels include `labels`; 0 when no series has them. */
function sampleOf(text: string, metric: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) total += Number(match[3]);
  }
  return total;
}

async function metric(replica: Replica, name: string, labels: Record<string, string>): Promise<number> {
  const response = await fetch(`${replica.url}/metrics`, { headers: replica.key ? { 'x-api-key': replica.key } : {}, signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) throw new Error(`${replica.label} /metrics answered ${response.status}`);
  return sampleOf(await response.text(), name, labels);
}

/** Requests of one subject a replica answered with success. */
const answered = (replica: Replica, subject: string) => metric(replica, 'tumen_rpc_request_duration_seconds_count', { subject, outcome: 'ok' });
/** Outbox rows a process's relay published to its stream. */
const published = (stream: string) => (replica: Replica) => metric(replica, 'tumen_outbox_relay_published_total', { stream });
const both = <T>(pair: [Replica, Replica], read: (r: Replica) => Promise<T>) => Promise.all(pair.map(read));

async function readyOn(url: string, what: string): Promise<void> {
  await eventually(async () => ((await fetch(`${url}/health/ready`).catch(() => null))?.status === 200 ? true : undefined), 60_000, `${what} to be ready`);
}

/** Submits `n` companies, alternating between the gateways, six at a time; returns their ids once all are accepted. */
async function submit(n: number, through: RestClient[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < n; start += 6) {
    const replies = await Promise.all(
      Array.from({ length: Math.min(6, n - start) }, (_, i) => through[(start + i) % through.length]!.post('/v1/companies', miningCompany(), partner.apiKey)),
    );
    expect(replies.filter((r) => r.status !== 201)).toEqual([]);
    ids.push(...replies.map((r) => r.body.id as string));
  }
  return ids;
}

/** Waits until a company's listing, read through `gateway`, holds its matches; returns the items. */
async function matchesOf(gateway: RestClient, id: string): Promise<{ id: string }[]> {
  return eventually(async () => {
    const response = await gateway.get(`/v1/companies/${id}/matches?includeProhibited=true`, partner.apiKey);
    return response.status === 200 && response.body.items.length > 0 ? (response.body.items as { id: string }[]) : undefined;
  }, MATCHED_MS, `the matches of ${id}`);
}

/** Each row of an owner's outbox by its event id, in outbox order. */
async function outboxIds(schema: 'companies' | 'sectors'): Promise<string[]> {
  const { rows } = await db.query<{ seq: string }>(`SELECT seq FROM ${schema}.outbox ORDER BY seq`);
  return rows.map((r) => `${schema}:${r.seq}`);
}

/** Waits until an owner's stream holds as many events as its outbox has rows (or more), and answers both, by event id. */
async function outboxAndStream(schema: 'companies' | 'sectors', stream: string, atLeast = 1): Promise<{ outbox: string[]; stream: string[] }> {
  return eventually(async () => {
    const [outbox, events] = await Promise.all([outboxIds(schema), probe.events(stream)]);
    return outbox.length >= atLeast && events.length >= outbox.length ? { outbox, stream: events.map((e) => e.id ?? '') } : undefined;
  }, 30_000, `every ${schema} outbox row on ${stream}`);
}

beforeAll(async () => {
  // A port range of its own: the clients of a server another test stops go on reconnecting to its
  // port, and would join these queue groups if this server took it.
  nats = await NatsServerProcess.start(4360, 4379);
  const ports = { companies: [await freePort(), await freePort()], sectors: [await freePort(), await freePort()], screening: [await freePort(), await freePort()] };
  const gatewayPort = await freePort();
  writeFileSync(servedList, derivedListFile(realList, (b) => b.referenceNumber !== ADDED.referenceNumber));
  platform = await Platform.start(
    'replicas',
    { REQUEST_TIMEOUT_MS: '5000', SANCTIONS_LIST_PATH: servedList },
    {
      natsUrl: nats.url,
      serviceEnv: {
        companies: { OPS_PORT: String(ports.companies[0]) },
        sectors: { OPS_PORT: String(ports.sectors[0]) },
        screening: { OPS_PORT: String(ports.screening[0]) },
      },
      replicas: {
        gateway: { PORT: String(gatewayPort) },
        companies: { OPS_PORT: String(ports.companies[1]) },
        sectors: { OPS_PORT: String(ports.sectors[1]) },
        screening: { OPS_PORT: String(ports.screening[1]) },
      },
    },
  );
  const second = new RestClient();
  second.baseUrl = `http://127.0.0.1:${gatewayPort}`;
  gateways.push(platform, second);
  replicas.gateway = [
    { label: 'gateway 1', process: platform.services.gateway, url: platform.baseUrl, key: platform.adminKey },
    { label: 'gateway 2', process: platform.replicas.gateway!, url: second.baseUrl, key: platform.adminKey },
  ];
  for (const name of ['companies', 'sectors', 'screening'] as const) {
    replicas[name] = [
      { label: `${name} 1`, process: platform.services[name], url: `http://127.0.0.1:${ports[name][0]}` },
      { label: `${name} 2`, process: platform.replicas[name]!, url: `http://127.0.0.1:${ports[name][1]}` },
    ];
  }
  await Promise.all(Object.values(replicas).flat().map((r) => readyOn(r.url, r.label)));
  probe = await platform.jetstream();
  db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  partner = await platform.createPartner('Replicas partner');
}, 150_000);

afterAll(async () => {
  await db?.end();
  await probe?.close();
  await platform?.stop();
  await nats?.dispose();
  rmSync(listDir, { recursive: true, force: true });
}, 60_000);

describe('two replicas of the gateway, companies, sectors and screening', () => {
  it(`accept ${COMPANIES} companies submitted half through each gateway, each readable with its matches through either`, async () => {
    submitted.push(...(await submit(COMPANIES, gateways)));
    expect(new Set(submitted).size).toBe(COMPANIES);

    for (const [i, id] of submitted.entries()) {
      // Read first through the gateway it was not submitted through, then through the other.
      const other = gateways[(i + 1) % 2]!;
      const same = gateways[i % 2]!;
      const items = await matchesOf(other, id);
      const again = await same.get(`/v1/companies/${id}/matches?includeProhibited=true`, partner.apiKey);
      expect(again.status).toBe(200);
      // The same matches, from the one matching process, whichever gateway asks.
      expect(again.body.items.map((m: { id: string }) => m.id)).toEqual(items.map((m) => m.id));
      for (const gateway of gateways) expect((await gateway.get(`/v1/companies/${id}`, partner.apiKey)).status).toBe(200);
    }

    // Each gateway took its half of the submissions.
    const accepted = await Promise.all(
      replicas.gateway.map((g) => metric(g, 'tumen_http_request_duration_seconds_count', { method: 'POST', route: '/v1/companies', status: '201' })),
    );
    expect(accepted).toEqual([COMPANIES / 2, COMPANIES / 2]);
  }, 150_000);

  it('share the requests of each queue group: both replicas of companies, sectors and screening answer', async () => {
    const list = sectorSubjects('mining').opportunityList;
    const before = { sectors: await both(replicas.sectors, (r) => answered(r, list)), screening: await both(replicas.screening, (r) => answered(r, ScreeningSubjects.nameCheck)) };
    const rounds = 12;
    for (let i = 0; i < rounds; i += 1) {
      for (const gateway of gateways) {
        expect((await gateway.get('/v1/opportunities?sector=mining&limit=5', partner.apiKey)).status).toBe(200);
        expect((await gateway.post('/v1/screening/check', { name: `Kim Chol ${i}` }, platform.adminKey)).status).toBe(200);
      }
    }
    const after = { sectors: await both(replicas.sectors, (r) => answered(r, list)), screening: await both(replicas.screening, (r) => answered(r, ScreeningSubjects.nameCheck)) };
    const creates = await both(replicas.companies, (r) => answered(r, CompaniesSubjects.companyCreate));
    const screened = await both(replicas.screening, (r) => answered(r, ScreeningSubjects.partiesScreen));
    process.stdout.write(
      `replicas: company.create ${creates.join('+')}, opportunity.list ${after.sectors.map((n, i) => n - before.sectors[i]!).join('+')}, ` +
        `name.check ${after.screening.map((n, i) => n - before.screening[i]!).join('+')}, parties.screen ${screened.join('+')}\n`,
    );

    // Every submission was created once, by one replica or the other, and each created some.
    expect(creates[0]! + creates[1]!).toBe(COMPANIES);
    for (const n of creates) expect(n).toBeGreaterThan(0);
    for (const name of ['sectors', 'screening'] as const) {
      const done = after[name].map((n, i) => n - before[name][i]!);
      expect(done[0]! + done[1]!).toBe(rounds * gateways.length);
      for (const n of done) expect(n).toBeGreaterThan(0);
    }
    // Matching's screening of the submitted companies went to the queue group too, and what the two
    // processes audited meanwhile forms one intact chain.
    expect(screened[0]! + screened[1]!).toBeGreaterThan(0);
    const audit = await gateways[1]!.get('/v1/audit/verify', platform.adminKey);
    expect(audit.status).toBe(200);
    expect(audit.body).toMatchObject({ valid: true, firstBroken: null });
    expect(audit.body.entries).toBeGreaterThan(0);
  }, 60_000);

  it('screen with the list in force whichever process answers, once one of them has put a new list in force', async () => {
    const check = async (gateway: RestClient) => {
      const response = await gateway.post('/v1/screening/check', { name: ADDED.name }, platform.adminKey);
      expect(response.status).toBe(200);
      const designated = (response.body.hits as { referenceNumber: string; strength: string }[]).filter((h) => h.strength === 'designated').map((h) => h.referenceNumber);
      return { listVersion: response.body.listVersion as string, designatesAdded: designated.includes(ADDED.referenceNumber) };
    };
    const started = await gateways[0]!.get('/v1/screening/list', platform.adminKey);
    expect(started.status).toBe(200);
    for (const gateway of gateways) expect(await check(gateway)).toEqual({ listVersion: started.body.version, designatesAdded: false });

    // The real list adds the entity: one process (whichever NATS hands the refresh to) puts it in force.
    writeFileSync(servedList, realList);
    const refreshed = await gateways[0]!.post('/v1/screening/list/refresh', {}, platform.adminKey);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.outcome).toBe('in_force');
    const added = refreshed.body.version as string;
    expect(added).not.toBe(started.body.version);
    const refreshedBy = await both(replicas.screening, (r) => answered(r, ScreeningSubjects.listRefresh));
    expect([...refreshedBy].sort()).toEqual([0, 1]);
    const other = replicas.screening[refreshedBy[0] === 1 ? 1 : 0];

    // At once, through either gateway and from either process, every check is made against it.
    const otherBefore = await answered(other, ScreeningSubjects.nameCheck);
    for (let i = 0; i < 8; i += 1) for (const gateway of gateways) expect(await check(gateway)).toEqual({ listVersion: added, designatesAdded: true });
    for (const gateway of gateways) expect((await gateway.get('/v1/screening/list', platform.adminKey)).body.version).toBe(added);
    // The process that did not refresh answered some of those checks.
    expect((await answered(other, ScreeningSubjects.nameCheck)) - otherBefore).toBeGreaterThan(0);
  }, 60_000);

  it('publish each outbox from one process at a time, each row once, and the other companies process takes over when the active one stops', async () => {
    // The sectors' seed, written at boot while both sectors processes started, went out once, by one of them.
    const sectors = await outboxAndStream('sectors', OpportunityEvents.stream);
    expect(sectors.stream).toEqual(sectors.outbox);
    expect([...(await both(replicas.sectors, published(OpportunityEvents.stream)))].sort((a, b) => a - b)).toEqual([0, sectors.outbox.length]);

    const before = await outboxAndStream('companies', CompanyEvents.stream, COMPANIES);
    // Each outbox row is on the stream exactly once, in outbox order.
    expect(before.stream).toEqual(before.outbox);
    // One process published all of them; the other, running all along, none.
    const counts = await both(replicas.companies, published(CompanyEvents.stream));
    expect([...counts].sort((a, b) => a - b)).toEqual([0, before.outbox.length]);
    const active = replicas.companies[counts[0]! > 0 ? 0 : 1];
    const standby = replicas.companies[counts[0]! > 0 ? 1 : 0];
    const standbyCreates = await answered(standby, CompaniesSubjects.companyCreate);

    await active.process.kill('SIGTERM');
    expect(active.process.exitCode).toBe(0);

    const later = await submit(TAKEOVER_COMPANIES, gateways);
    submitted.push(...later);
    // The standby, now alone, created them, and published every row written since.
    expect((await answered(standby, CompaniesSubjects.companyCreate)) - standbyCreates).toBe(TAKEOVER_COMPANIES);
    const after = await outboxAndStream('companies', CompanyEvents.stream, before.outbox.length + TAKEOVER_COMPANIES);
    expect(after.stream).toEqual(after.outbox);
    expect(await published(CompanyEvents.stream)(standby)).toBe(after.outbox.length - before.outbox.length);
    for (const [i, id] of later.entries()) await matchesOf(gateways[(i + 1) % 2]!, id);
  }, 120_000);

  it('go on answering when either replica of a service stops', async () => {
    const cases = [
      // The second sectors process stops: the first answers the opportunity lists alone.
      {
        stopped: replicas.sectors[1],
        survivor: replicas.sectors[0],
        subject: sectorSubjects('mining').opportunityList,
        ask: (gateway: RestClient) => gateway.get('/v1/opportunities?sector=mining&limit=5', partner.apiKey),
      },
      // The first screening process stops: the second answers the name checks alone.
      {
        stopped: replicas.screening[0],
        survivor: replicas.screening[1],
        subject: ScreeningSubjects.nameCheck,
        ask: (gateway: RestClient) => gateway.post('/v1/screening/check', { name: 'Pak Yong Sik' }, platform.adminKey),
      },
    ];
    for (const { stopped, survivor, subject, ask } of cases) {
      await stopped.process.kill('SIGTERM');
      expect({ stopped: stopped.label, exit: stopped.process.exitCode }).toEqual({ stopped: stopped.label, exit: 0 });
      const before = await answered(survivor, subject);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) for (const gateway of gateways) statuses.push((await ask(gateway)).status);
      expect(statuses).toEqual(statuses.map(() => 200));
      expect({ survivor: survivor.label, answered: (await answered(survivor, subject)) - before }).toEqual({ survivor: survivor.label, answered: statuses.length });
      expect((await gateways[0]!.get('/health')).status).toBe(200);
    }

    // The first gateway stops: the second answers alone, every service (one process each now) up behind it.
    await replicas.gateway[0].process.kill('SIGTERM');
    expect(replicas.gateway[0].process.exitCode).toBe(0);
    const second = gateways[1]!;
    const health = await second.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'up', down: [] });
    const accepted = () => metric(replicas.gateway[1], 'tumen_http_request_duration_seconds_count', { method: 'POST', route: '/v1/companies', status: '201' });
    const acceptedBefore = await accepted();
    const last = await submit(3, [second]);
    for (const id of last) expect((await matchesOf(second, id)).length).toBeGreaterThan(0);
    for (const id of submitted) expect((await second.get(`/v1/companies/${id}`, partner.apiKey)).status).toBe(200);
    expect((await accepted()) - acceptedBefore).toBe(last.length);
  }, 90_000);
});
