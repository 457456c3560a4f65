import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { CompanyView, MatchList, MatchingStatusReply, OpportunityView, SectorId, SectorView } from '#contracts';
import { createTestDatabase } from '#testing';
import {
  prepareCompany,
  prepareOpportunity,
  prepareRubric,
  rankOpportunities,
  type PreparedOpportunity,
  type RubricsBySector,
} from '../../apps/matching/src/domain/scoring/index.js';
import {
  generateOpportunityInput,
  generateProfile,
  toCompanyView,
  toOpportunityView,
  vocabulariesFrom,
} from './bench-data.generator.js';
import { parseBenchOptions, type BenchOptions } from './bench-options.js';
import { BenchProcess, clockTicksPerSecond } from './bench-process.js';
import { formatReport, type BenchResults, type FanOutResult, type ProfileRecord } from './bench-report.js';
import { outboxHeads, seedCompanies, seedOpportunities } from './bulk-seeder.js';
import { runImportPhase } from './import-phase.js';
import { summariseProfile, type CpuProfile } from './cpu-profile.summary.js';
import { HttpClient, pollUntil, sleep } from './http-client.js';
import { runLoad, type LoadRequest } from './http-load.js';
import { median, summariseLatencies } from './latency-stats.js';
import { describeMachine } from './machine-description.js';
import { MatchingProgress } from './matching-progress.js';
import { NatsRpcClient } from './nats-rpc.client.js';
import { PhaseCpuMeter } from './phase-cpu.js';
import { ReadinessWatcher } from './readiness-watcher.js';
import { SeededRandom } from '#testing';
import { rubricWeights, sqlPeerMatches, SQL_PEER_QUERY } from './sql-peer.query.js';

/** Every service but matching, which runs as `--matching-replicas` processes. */
const SERVICES = ['screening', 'sectors', 'companies', 'gateway'] as const;
type ServiceName = (typeof SERVICES)[number] | 'matching';
const NATS_SERVER = process.env.BENCH_NATS_SERVER ?? '/usr/sbin/nats-server';
const SANCTIONS_LIST_PATH = process.env.BENCH_SANCTIONS_LIST_PATH ?? resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const MATCHES_PER_COMPANY = 50;
const MATCH_FLOOR_SCORE = 10;
/** Matches a listing shows unless asked for more. */
const DEFAULT_LISTING = 20;
const READY_PROBE_MS = 20;
const SECTORS: readonly SectorId[] = ['mining', 'automobile', 'electricity'];
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = resolve(process.cwd(), 'bench/results');
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');
const LOG_DIR = join(RESULTS_DIR, 'logs');

const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
const t0 = performance.now();

/** Everything the run started, stopped in reverse order whatever happens. */
class Teardown {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];
  readonly processes: BenchProcess[] = [];

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  track(p: BenchProcess): BenchProcess {
    this.processes.push(p);
    return p;
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      await step.run().catch((error: Error) => log(`teardown of ${step.name} failed: ${error.message}`));
    }
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const teardown = new Teardown();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void teardown.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => teardown.processes.forEach((p) => p.killNow()));
  try {
    const results = await run(options, teardown);
    process.stdout.write(formatReport(results));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const replicas = options.matchingReplicas > 1 ? `-r${options.matchingReplicas}` : '';
    const file = join(RESULTS_DIR, `${results.startedAt.slice(0, 10)}-${options.mode}${replicas}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\nwritten ${file}\n`);
  } finally {
    await teardown.run();
  }
}

async function run(options: BenchOptions, teardown: Teardown): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  log(`mode ${options.mode}: ${options.companies} companies, ${options.opportunitiesPerSector * 3} opportunities, ${options.matchingReplicas} matching replica(s)`);

  const natsPort = await freePort();
  const natsConfig = join(tmpdir(), `platform-bench-nats-${natsPort}.conf`);
  // JetStream with file storage, as deployed: the relays publish the seeded outboxes to it.
  const natsStore = mkdtempSync(join(tmpdir(), 'platform-bench-js-'));
  teardown.add('nats store', async () => rmSync(natsStore, { recursive: true, force: true }));
  writeFileSync(
    natsConfig,
    `listen: 127.0.0.1:${natsPort}\njetstream: { store_dir: "${natsStore}" }\n${options.natsMaxPayload ? `max_payload: ${options.natsMaxPayload}\n` : ''}`,
  );
  const nats = teardown.track(new BenchProcess('nats', NATS_SERVER, ['-c', natsConfig], {}));
  nats.start();
  teardown.add('nats', () => nats.stop());
  await waitForPort(natsPort, 10_000);
  const natsUrl = `nats://127.0.0.1:${natsPort}`;

  const db = await createTestDatabase(`bench_${options.mode}`);
  teardown.add('database', () => db.drop());
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  teardown.add('pool', () => pool.end());

  const port = await freePort();
  const adminKey = `bench-admin-${randomBytes(12).toString('hex')}`;
  if (options.profile) mkdirSync(PROFILE_DIR, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const env: Record<string, string> = {
    NATS_URL: natsUrl,
    DATABASE_URL: db.url,
    ADMIN_API_KEY: adminKey,
    PORT: String(port),
    REQUEST_TIMEOUT_MS: '10000',
    OUTBOX_RELAY_POLL_MS: '200',
    MATCHING_POLL_MS: '200',
    SEED_ON_EMPTY: 'false',
    MATCHES_PER_COMPANY: String(MATCHES_PER_COMPANY),
    MATCH_FLOOR_SCORE: String(MATCH_FLOOR_SCORE),
    LOG_LEVEL: 'warn',
    BENCH_PROFILE_DIR: PROFILE_DIR,
    SANCTIONS_LIST_PATH,
    // The benchmark drives the gateway as fast as it answers, with few keys.
    RATE_LIMIT_PER_MINUTE: '1000000000',
  };
  const serviceProcess = (service: ServiceName, name: string, extraEnv: Record<string, string> = {}) => {
    const args = [
      ...(options.profile ? ['--import', join(HERE, 'cpu-profiler.preload.js')] : []),
      resolve(process.cwd(), `dist/apps/${service}/src/main.js`),
    ];
    const file = name.replaceAll(' ', '-');
    const p = teardown.track(new BenchProcess(name, process.execPath, args, { ...env, ...extraEnv, BENCH_PROFILE_NAME: file }, join(LOG_DIR, `${file}.log`)));
    teardown.add(name, () => p.stop());
    return p;
  };
  const services = Object.fromEntries(SERVICES.map((name) => [name, serviceProcess(name, name)])) as Record<(typeof SERVICES)[number], BenchProcess>;
  // One replica keeps the name the benchmark always gave matching; several are `matching r0`, `matching r1`…
  const replicas = Array.from({ length: options.matchingReplicas }, (_, i) =>
    serviceProcess('matching', options.matchingReplicas === 1 ? 'matching' : `matching r${i}`, {
      MATCHING_REPLICAS: String(options.matchingReplicas),
      MATCHING_REPLICA: String(i),
    }),
  );
  const processes = [...SERVICES.map((name) => services[name]), ...replicas];
  const processesOf = (name: ServiceName) => (name === 'matching' ? replicas : [services[name]]);

  const http = new HttpClient(`http://127.0.0.1:${port}`);
  const rpc = await NatsRpcClient.connect(natsUrl);
  teardown.add('nats client', () => rpc.close());

  for (const name of ['screening', 'sectors', 'companies', 'gateway'] as const) services[name].start();
  const sectorViews = await pollUntil(async () => {
    const r = await http.get<SectorView[]>('/v1/sectors', adminKey);
    return r.status === 200 ? r.body : undefined;
  }, 200, 60_000);
  if (!sectorViews) throw new Error(`the gateway and sectors did not come up:\n${tails(processes)}`);
  const screeningReady = await pollUntil(async () => {
    const v = await rpc.request<{ listVersion: string | null }>('screening.v1.versions.get', {}, 2_000);
    return v.listVersion ? v : undefined;
  }, 200, 60_000);
  if (!screeningReady) throw new Error(`screening did not load the sanctions list:\n${tails(processes)}`);
  const partners: { id: string; apiKey: string }[] = [];
  for (let i = 0; i < options.partners; i++) {
    const created = await pollUntil(async () => {
      const r = await http.post<{ id: string; apiKey: string }>('/v1/partners', { name: `Bench partner ${i + 1}` }, adminKey);
      return r.status === 201 ? r.body : undefined;
    }, 200, 30_000);
    if (!created) throw new Error(`cannot create partners:\n${tails(processes)}`);
    partners.push(created);
  }
  const keyOf = new Map(partners.map((p) => [p.id, p.apiKey]));

  log('generating the data set');
  const vocabularies = vocabulariesFrom(sectorViews);
  const rng = new SeededRandom(options.seed);
  const baseTime = Date.parse('2025-01-01T00:00:00Z');
  const companies: CompanyView[] = Array.from({ length: options.companies }, (_, i) =>
    toCompanyView(generateProfile(rng, i + 1, vocabularies, options.wideSector), rng.uuid(), partners[i % partners.length]!.id, new Date(baseTime + i * 1000).toISOString()),
  );
  const opportunities: OpportunityView[] = [];
  for (let i = 0; i < options.opportunitiesPerSector; i++) {
    for (const sector of SECTORS) {
      opportunities.push(toOpportunityView(generateOpportunityInput(rng, sector, vocabularies.get(sector)!), rng.uuid(), new Date(baseTime + opportunities.length * 1000).toISOString()));
    }
  }

  log('seeding PostgreSQL');
  const seedStart = performance.now();
  await seedOpportunities(pool, opportunities);
  await seedCompanies(pool, companies, (done) => {
    if (done % 20_000 === 0) log(`  ${done} companies`);
  });
  const seedMs = performance.now() - seedStart;
  await pool.query('ANALYZE companies.company; ANALYZE sectors.opportunity; ANALYZE companies.outbox; ANALYZE sectors.outbox');
  const heads = await outboxHeads(pool);
  const opportunitiesBySector = countBy(opportunities, (o) => o.sector);
  const pairs = companies.reduce((sum, c) => sum + c.sectors.reduce((s, sector) => s + (opportunitiesBySector.get(sector) ?? 0), 0), 0);
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s; ${pairs.toLocaleString('en')} company × opportunity pairs`);

  const profiles: ProfileRecord[] = [];
  const profiler = new PhaseProfiler(options.profile, processesOf, profiles);
  const progress = new MatchingProgress(pool, rpc, options.matchingReplicas);
  const replicaCpu = new PhaseCpuMeter(replicas);

  // 4. Full rebuild: matching starts on the seeded outboxes and catches up.
  log(`full rebuild: starting matching (${replicas.length} replica(s))`);
  const rebuildStart = performance.now();
  replicaCpu.start('rebuild');
  for (const replica of replicas) replica.start();
  // The summed status answers once every replica does.
  const firstStatus = await pollUntil(() => rpc.request<MatchingStatusReply>('matching.v1.status.get', {}, 2_000), 100, 120_000);
  if (!firstStatus) throw new Error(`matching did not answer:\n${tails(processes)}`);
  const bootMs = performance.now() - rebuildStart;
  await profiler.start('rebuild', ['matching', 'screening']);
  const totalEvents = companies.length + opportunities.length;
  let lastProgressLog = 0;
  const caughtUp = await pollUntil(async () => {
    if (performance.now() - lastProgressLog > 15_000) {
      lastProgressLog = performance.now();
      const applied = await progress.applied();
      log(`  rebuild: ${applied.total}/${totalEvents} events (companies ${applied.companies}, opportunities ${applied.opportunities})`);
    }
    return (await progress.reached(heads)) ? true : undefined;
  }, 250, options.rebuildTimeoutS * 1000);
  const rebuildMs = performance.now() - rebuildStart;
  const rebuildCpu = replicaCpu.stop('rebuild');
  await profiler.stop('rebuild', ['matching', 'screening']);
  const applied = await progress.applied();
  const rebuild = {
    caughtUp: caughtUp === true,
    totalMs: rebuildMs,
    bootMs,
    events: totalEvents,
    eventsApplied: applied.total,
    pairs,
    pairsPerSecond: caughtUp ? pairs / (rebuildMs / 1000) : Number.NaN,
    extrapolatedTotalMs: caughtUp ? rebuildMs : applied.total > 0 ? (rebuildMs * totalEvents) / applied.total : Number.NaN,
    storedMatches: await count(pool, 'SELECT count(*) AS n FROM matching.match'),
    classes: Object.fromEntries(
      (await pool.query<{ prohibited: boolean; n: string }>('SELECT prohibited, count(*) AS n FROM matching.match GROUP BY prohibited')).rows.map((r) => [r.prohibited ? 'prohibited' : 'leads', Number(r.n)]),
    ),
    decisions: Object.fromEntries(
      (await pool.query<{ kind: string; verdict: string; n: string }>(`SELECT kind, record->>'verdict' AS verdict, count(*) AS n FROM matching.party_decision GROUP BY 1, 2`)).rows.map((r) => [`${r.kind} ${r.verdict}`, Number(r.n)]),
    ),
    auditEntries: await count(pool, `SELECT count(*) AS n FROM screening.audit_log WHERE decision_id IS NOT NULL`),
    companiesWithMatches: await count(pool, 'SELECT count(DISTINCT company_id) AS n FROM matching.match'),
    matchingCpuS: rebuildCpu.cpuS,
    // An estimate, not a measurement: each replica on a machine of its own, waiting for nothing shared.
    machinePerReplicaEstimateMs: Math.max(...rebuildCpu.cpuS) * 1000,
  };
  log(`rebuild ${rebuild.caughtUp ? 'done' : 'NOT done'} in ${(rebuildMs / 1000).toFixed(1)} s: ${applied.total}/${totalEvents} events, ${rebuild.storedMatches} matches stored`);
  log(`  matching CPU: ${rebuildCpu.cpuS.map((s, i) => `r${i} ${s.toFixed(1)} s`).join(', ')}`);
  if (!rebuild.caughtUp) {
    log('waiting for matching to finish the backlog before measuring the rest (up to the same timeout again)');
    await pollUntil(async () => ((await progress.reached(heads)) ? true : undefined), 1_000, options.rebuildTimeoutS * 1000);
  }

  // Leads per company: what a partner's default listing (20 matches, prohibited ones hidden) shows.
  const leadsPerCompany = await leadsShown(pool, companies.map((c) => c.id), DEFAULT_LISTING);
  const listingSample = new SeededRandom(options.seed + 5).sample(companies, 200);
  let listingAgrees = 0;
  for (const c of listingSample) {
    const r = await http.get<MatchList>(`/v1/companies/${c.id}/matches`, keyOf.get(c.partnerId));
    if (r.status === 200 && r.body.items.length === leadsPerCompany.byCompany.get(c.id)) listingAgrees++;
  }
  const leads = { ...leadsPerCompany.summary, listingSample: listingSample.length, listingAgrees };
  log(`leads per company in the default listing: mean ${leads.mean.toFixed(1)}, median ${leads.median}, ≥ 10 for ${(leads.atLeast10Share * 100).toFixed(1)} % (REST agrees for ${listingAgrees}/${listingSample.length})`);

  // 1. Match read under load, and the floor through the same gateway → NATS → service hop.
  const readRng = new SeededRandom(options.seed + 1);
  const pickRead = (): LoadRequest => {
    const c = companies[Math.floor(readRng.next() * companies.length)]!;
    return { path: `/v1/companies/${c.id}/matches`, headers: { 'x-api-key': keyOf.get(c.partnerId)! } };
  };
  const partnerKey = partners[0]!.apiKey;
  const warmRead = pickRead();
  const warm = await http.get<MatchList>(warmRead.path, warmRead.headers!['x-api-key']);
  const sampleRead = await http.get<MatchList>(`/v1/companies/${companies[0]!.id}/matches`, keyOf.get(companies[0]!.partnerId));
  const readBytes = Buffer.byteLength(JSON.stringify(sampleRead.body));
  writeFileSync(join(LOG_DIR, 'sample-read.json'), `${JSON.stringify(sampleRead.body, null, 2)}\n`);
  log(`match read: ${options.connections} connections × ${options.readDurationS} s (warm-up status ${warm.status}, ${readBytes} B for ${sampleRead.body.items.length} leads)`);
  await profiler.start('read', ['gateway', 'companies', 'matching']);
  replicaCpu.start('read');
  const read = await runLoad(http.baseUrl, options.connections, options.readDurationS, pickRead);
  replicaCpu.stop('read');
  await profiler.stop('read', ['gateway', 'companies', 'matching']);
  const floorRoute = '/v1/echo';
  const floorLabel = 'GET /v1/echo (gateway → NATS → matching echo, no work)';
  log(`floor: ${floorLabel}`);
  const floor = await runLoad(http.baseUrl, options.connections, options.readDurationS, () => ({ path: floorRoute, headers: { 'x-api-key': partnerKey } }));
  const sizedFloor = {
    bytes: readBytes,
    ...(await runLoad(http.baseUrl, options.connections, options.readDurationS, () => ({ path: `${floorRoute}?bytes=${readBytes}`, headers: { 'x-api-key': partnerKey } }))),
  };
  const httpOnly = await runLoad(http.baseUrl, options.connections, Math.min(5, options.readDurationS), () => ({ path: '/v1/_bench/unrouted', headers: { 'x-api-key': partnerKey } }));

  // 2. Submission to matches ready.
  log(`submissions: ${options.submitRate}/s for ${options.submitDurationS} s`);
  const submitRng = new SeededRandom(options.seed + 2);
  const submissions = options.submitRate * options.submitDurationS;
  const profilesToSubmit = Array.from({ length: submissions }, (_, i) => generateProfile(submitRng, options.companies + 1 + i, vocabularies));
  const readiness = new ReadinessWatcher(pool, READY_PROBE_MS);
  await profiler.start('submit', ['gateway', 'companies', 'matching', 'screening']);
  replicaCpu.start('submit');
  const submitStart = performance.now();
  const outcomes = await Promise.all(
    profilesToSubmit.map(async (profile, i) => {
      await sleep(submitStart + (i * 1000) / options.submitRate - performance.now());
      const sentAt = performance.now();
      const key = partners[i % partners.length]!.apiKey;
      const created = await http.post<CompanyView>('/v1/companies', profile, key).catch(() => undefined);
      const createdAt = performance.now();
      if (created?.status !== 201) return { ok: false as const, status: created?.status ?? 0 };
      const ready = await readiness.watch(
        created.body.id,
        async () => {
          const r = await http.get<MatchList>(`/v1/companies/${created.body.id}/matches?limit=1&includeProhibited=true`, key);
          return r.status === 200 && r.body.items.length > 0;
        },
        30_000,
      );
      return { ok: true as const, sentAt, createdAt, postMs: createdAt - sentAt, readyMs: ready === undefined ? undefined : ready - createdAt, company: created.body };
    }),
  );
  readiness.stop();
  await profiler.stop('submit', ['gateway', 'companies', 'matching', 'screening']);
  const accepted = outcomes.filter((o) => o.ok);
  const readyTimes = accepted.flatMap((o) => (o.readyMs === undefined ? [] : [o.readyMs]));
  const submitSpanS = accepted.length ? (Math.max(...accepted.map((o) => o.createdAt)) - submitStart) / 1000 : Number.NaN;
  const submit = {
    targetRate: options.submitRate,
    attempted: submissions,
    accepted: accepted.length,
    rejected: outcomes.filter((o) => !o.ok).map((o) => (o.ok ? 0 : o.status)),
    achievedRate: accepted.length / submitSpanS,
    post: summariseLatencies(accepted.map((o) => o.postMs)),
    ready: summariseLatencies(readyTimes),
    neverReady: accepted.length - readyTimes.length,
  };
  const submitted = accepted.map((o) => o.company);
  log(`submissions: ${accepted.length}/${submissions} accepted, ready p50 ${submit.ready.p50.toFixed(0)} ms, p99 ${submit.ready.p99.toFixed(0)} ms`);
  // The submissions' CPU ends once every replica has applied them all, those never seen ready included.
  await pollUntil(async () => ((await progress.reached(await outboxHeads(pool))) ? true : undefined), 200, 120_000);
  replicaCpu.stop('submit');

  // 3. Reverse fan-out: one new opportunity per sector.
  const fanOut: FanOutResult[] = [];
  const fanRng = new SeededRandom(options.seed + 3);
  const allCompanies = [...companies, ...submitted];
  for (const sector of SECTORS) {
    const candidates = allCompanies.filter((c) => c.sectors.includes(sector)).length;
    await profiler.start(`fanout-${sector}`, ['matching', 'screening']);
    replicaCpu.start(`fanout-${sector}`);
    const sentAt = performance.now();
    const created = await http.post<OpportunityView>('/v1/opportunities', generateOpportunityInput(fanRng, sector, vocabularies.get(sector)!), adminKey);
    const createdAt = performance.now();
    if (created.status !== 201) throw new Error(`opportunity creation failed: ${created.status} ${JSON.stringify(created.body)}`);
    const seqRow = await pool.query<{ seq: string }>('SELECT max(seq) AS seq FROM sectors.outbox WHERE aggregate_id = $1', [created.body.id]);
    const seq = Number(seqRow.rows[0]!.seq);
    const appliedAt = await progress.sectorApplied(sector, seq, 5, 300_000);
    replicaCpu.stop(`fanout-${sector}`);
    const visibleAt = await pollUntil(async () => {
      const r = await http.get<MatchList>(`/v1/opportunities/${created.body.id}/matches?limit=1&includeProhibited=true`, adminKey);
      return r.status === 200 && r.body.items.length > 0 ? performance.now() : undefined;
    }, 10, 5_000);
    await profiler.stop(`fanout-${sector}`, ['matching', 'screening']);
    const appliedMs = appliedAt === undefined ? Number.NaN : appliedAt - createdAt;
    const stored = await count(pool, 'SELECT count(*) AS n FROM matching.match WHERE opportunity_id = $1', [created.body.id]);
    fanOut.push({
      sector,
      candidates,
      postMs: createdAt - sentAt,
      appliedMs,
      visibleMs: visibleAt === undefined ? Number.NaN : visibleAt - createdAt,
      companiesPerSecond: candidates / (appliedMs / 1000),
      storedFor: stored,
    });
    log(`fan-out ${sector}: ${candidates} companies in ${appliedMs.toFixed(0)} ms, stored for ${stored}`);
    await sleep(500);
  }
  // 4. Bulk import: one CSV of `importRows` companies against the same profiles POSTed one at a time.
  log(`bulk import: ${options.importRows} rows as one CSV, floor ${options.importFloorCompanies} single POSTs on ${options.connections} connections`);
  const importRng = new SeededRandom(options.seed + 5);
  const importSerial = options.companies + submissions + 1;
  const importProfiles = Array.from({ length: options.importRows }, (_, i) => generateProfile(importRng, importSerial + i, vocabularies));
  const floorProfiles = Array.from({ length: options.importFloorCompanies }, (_, i) => generateProfile(importRng, importSerial + options.importRows + i, vocabularies));
  await profiler.start('import', ['gateway', 'companies', 'matching']);
  replicaCpu.start('import');
  const bulkImport = await runImportPhase({
    http,
    partnerKey: partners[0]!.apiKey,
    gateway: services.gateway,
    profiles: importProfiles,
    floorProfiles,
    connections: options.connections,
    matchingCaughtUp: async () => progress.reached(await outboxHeads(pool)),
  });
  replicaCpu.stop('import');
  await profiler.stop('import', ['gateway', 'companies', 'matching']);
  log(
    `bulk import: ${bulkImport.rows} rows stored in ${(bulkImport.storedMs / 1000).toFixed(1)} s (${bulkImport.storedRowsPerSecond.toFixed(0)} rows/s; floor ${bulkImport.floor.companiesPerSecond.toFixed(0)} companies/s by single POSTs), ` +
      `matched in ${(bulkImport.matchedMs / 1000).toFixed(1)} s; gateway RSS ${(bulkImport.gateway.baselineRssKb / 1024).toFixed(0)} → peak ${(bulkImport.gateway.peakRssKb / 1024).toFixed(0)} MiB`,
  );

  const statusStart = performance.now();
  const status = await rpc.request<MatchingStatusReply>('matching.v1.status.get', {});
  const statusMs = performance.now() - statusStart;

  // 5. SQL peer against the engine, in process and through the platform.
  log('SQL peer');
  const peerRng = new SeededRandom(options.seed + 4);
  const peerCompanies = peerRng.sample(companies, options.sqlPeerCompanies);
  const weights = rubricWeights(sectorViews);
  await sqlPeerMatches(pool, peerCompanies[0]!.id, weights, MATCH_FLOOR_SCORE, MATCHES_PER_COMPANY);
  const rubrics: RubricsBySector = Object.fromEntries(sectorViews.map((s) => [s.id, prepareRubric({ sector: s.id, criteria: s.criteria, defaultOkved: s.defaultOkved })]));
  const prepared = new Map<SectorId, PreparedOpportunity[]>(SECTORS.map((s) => [s, opportunities.filter((o) => o.sector === s).map((o) => prepareOpportunity(o))]));
  const sqlMs: number[] = [];
  const engineMs: number[] = [];
  const previewMs: number[] = [];
  const singleReadMs: number[] = [];
  const agreement: { companyId: string; sqlMs: number; engineMs: number; sqlTop: number; engineTop: number; overlapTop10: number; topScoreDiff: number }[] = [];
  for (const company of peerCompanies) {
    let start = performance.now();
    const peer = await sqlPeerMatches(pool, company.id, weights, MATCH_FLOOR_SCORE, MATCHES_PER_COMPANY);
    sqlMs.push(performance.now() - start);
    start = performance.now();
    const ranked = rankOpportunities(prepareCompany(company), company.sectors.flatMap((s) => prepared.get(s)!), rubrics, {
      minScore: MATCH_FLOOR_SCORE,
      limit: MATCHES_PER_COMPANY,
    });
    engineMs.push(performance.now() - start);
    const { id: _id, partnerId: _p, locationSource: _l, version: _v, createdAt: _c, updatedAt: _u, ...profile } = company;
    start = performance.now();
    const preview = await http.post<MatchList>(`/v1/matchmaking/preview?limit=${MATCHES_PER_COMPANY}&includeProhibited=true`, profile, keyOf.get(company.partnerId));
    if (preview.status === 200) previewMs.push(performance.now() - start);
    start = performance.now();
    const stored = await http.get<MatchList>(`/v1/companies/${company.id}/matches?limit=${MATCHES_PER_COMPANY}&includeProhibited=true`, keyOf.get(company.partnerId));
    if (stored.status === 200) singleReadMs.push(performance.now() - start);
    const engineTop = new Set(ranked.slice(0, 10).map((r) => r.opportunityId));
    agreement.push({
      companyId: company.id,
      sqlMs: sqlMs[sqlMs.length - 1]!,
      engineMs: engineMs[engineMs.length - 1]!,
      sqlTop: peer[0]?.score ?? 0,
      engineTop: ranked[0]?.score ?? 0,
      overlapTop10: peer.slice(0, 10).filter((p) => engineTop.has(p.id)).length / Math.max(1, Math.min(10, ranked.length)),
      topScoreDiff: Math.abs((peer[0]?.score ?? 0) - (ranked[0]?.score ?? 0)),
    });
  }
  const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${SQL_PEER_QUERY}`, [peerCompanies[0]!.id, weights, MATCH_FLOOR_SCORE, MATCHES_PER_COMPANY]);
  const sqlPeer = {
    companies: peerCompanies.length,
    sqlMedianMs: median(sqlMs),
    engineInProcessMedianMs: median(engineMs),
    previewOverRestMedianMs: median(previewMs),
    storedReadP50Ms: read.latencyMs.p50,
    storedReadSingleMedianMs: median(singleReadMs),
    meanTop10Overlap: agreement.reduce((s, a) => s + a.overlapTop10, 0) / agreement.length,
    meanTopScoreDiff: agreement.reduce((s, a) => s + a.topScoreDiff, 0) / agreement.length,
    plan: plan.rows.map((r) => r['QUERY PLAN']),
    samples: agreement,
  };

  // 6. Peak memory of each service, and of each matching replica.
  const memory = Object.fromEntries(processes.map((p) => [p.name, p.memory()]));
  const machine = await describeMachine(pool, natsVersion());
  const errors = Object.fromEntries(processes.map((p) => [p.name, errorLines(p.log)]));

  return {
    startedAt,
    durationS: (performance.now() - t0) / 1000,
    command: benchCommand(options),
    options,
    machine,
    dataSet: {
      companies: companies.length,
      opportunities: opportunities.length,
      opportunitiesBySector: Object.fromEntries(opportunitiesBySector),
      companiesBySector: Object.fromEntries(SECTORS.map((s) => [s, companies.filter((c) => c.sectors.includes(s)).length])),
      farEastShare: companies.filter((c) => /Primorsky|Khabarovsk|Amur|Jewish|Sakhalin|Kamchatka|Magadan|Chukotka|Sakha|Buryatia|Zabaykalsky/.test(c.region)).length / companies.length,
      seedMs,
      matchesPerCompany: MATCHES_PER_COMPANY,
      matchFloorScore: MATCH_FLOOR_SCORE,
    },
    leads,
    read: { ...read, responseBytes: readBytes, route: 'GET /v1/companies/:id/matches (the default listing: leads)' },
    floor: { route: floorRoute, label: floorLabel, ...floor },
    httpOnly,
    sizedFloor,
    submit,
    fanOut,
    bulkImport,
    rebuild,
    sqlPeer,
    memory,
    matchingReplicas: { count: replicas.length, clockTicksPerSecond: clockTicksPerSecond(), phases: replicaCpu.phases },
    status: { ...status, latencyMs: statusMs },
    profiles,
    serviceErrors: errors,
  };
}

/** Sends SIGWINCH to start and stop the preloaded profiler of services, and summarises what they wrote. */
class PhaseProfiler {
  constructor(
    private readonly enabled: boolean,
    private readonly processesOf: (name: ServiceName) => readonly BenchProcess[],
    private readonly records: ProfileRecord[],
  ) {}

  async start(_phase: string, names: readonly ServiceName[]): Promise<void> {
    if (!this.enabled) return;
    for (const p of names.flatMap(this.processesOf)) p.signal('SIGWINCH');
    await sleep(50);
  }

  async stop(phase: string, names: readonly ServiceName[]): Promise<void> {
    if (!this.enabled) return;
    const before = new Set(readdirSync(PROFILE_DIR));
    const processes = names.flatMap(this.processesOf);
    for (const p of processes) p.signal('SIGWINCH');
    for (const p of processes) {
      // The preload names its files after BENCH_PROFILE_NAME: the process's name, spaces as dashes.
      const name = p.name.replaceAll(' ', '-');
      const file = await pollUntil(async () => readdirSync(PROFILE_DIR).find((f) => f.startsWith(`${name}-`) && f.endsWith('.cpuprofile') && !before.has(f)), 100, 30_000);
      if (!file) continue;
      await sleep(200);
      const target = join(PROFILE_DIR, `${phase}-${name}.cpuprofile`);
      renameSync(join(PROFILE_DIR, file), target);
      const summary = summariseProfile(JSON.parse(readFileSync(target, 'utf8')) as CpuProfile, 12);
      this.records.push({ phase, service: p.name, file: target, ...summary });
    }
  }
}

/** The command line that reproduces the run, as the report heads it. */
function benchCommand(options: BenchOptions): string {
  const args = [...(options.mode === 'quick' ? ['--quick'] : []), ...(options.matchingReplicas > 1 ? [`--matching-replicas=${options.matchingReplicas}`] : [])];
  return `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

/** How many leads each company's default listing shows (its stored leads, at most `listing`), and their summary. */
async function leadsShown(pool: pg.Pool, companyIds: readonly string[], listing: number) {
  const rows = await pool.query<{ company_id: string; n: string }>(`SELECT company_id, count(*) AS n FROM matching.match WHERE NOT prohibited GROUP BY company_id`);
  const stored = new Map(rows.rows.map((r) => [r.company_id, Number(r.n)]));
  const byCompany = new Map(companyIds.map((id) => [id, Math.min(listing, stored.get(id) ?? 0)]));
  const shown = [...byCompany.values()].sort((a, b) => a - b);
  const storedLeads = companyIds.map((id) => stored.get(id) ?? 0);
  return {
    byCompany,
    summary: {
      companies: shown.length,
      mean: shown.reduce((s, n) => s + n, 0) / shown.length,
      median: shown[Math.floor(shown.length / 2)] ?? 0,
      atLeast10Share: shown.filter((n) => n >= 10).length / shown.length,
      withNone: shown.filter((n) => n === 0).length,
      storedLeadsMean: storedLeads.reduce((s, n) => s + n, 0) / storedLeads.length,
    },
  };
}

async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const r = await pool.query<{ n: string }>(sql, params);
  return Number(r.rows[0]?.n ?? 0);
}

function countBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, number> {
  const m = new Map<K, number>();
  for (const item of items) m.set(key(item), (m.get(key(item)) ?? 0) + 1);
  return m;
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const open = await pollUntil(
    () =>
      new Promise<true | undefined>((done) => {
        const socket = new Socket();
        socket.once('connect', () => (socket.destroy(), done(true)));
        socket.once('error', () => (socket.destroy(), done(undefined)));
        socket.connect(port, '127.0.0.1');
      }),
    100,
    timeoutMs,
  );
  if (!open) throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

function natsVersion(): string {
  try {
    return `${execFileSync(NATS_SERVER, ['--version'], { encoding: 'utf8' }).trim()} (own process on loopback)`;
  } catch {
    return 'nats-server (version unknown)';
  }
}

function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => /"level":(50|60)|Error|error/.test(l))
    .slice(-5)
    .map((l) => l.slice(0, 400));
}

function tails(processes: readonly BenchProcess[]): string {
  return processes.map((p) => `--- ${p.name}\n${p.log.slice(-1500)}`).join('\n');
}

await main().catch((error: Error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
