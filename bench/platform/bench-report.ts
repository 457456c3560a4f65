import type { MatchingReplicaStatus } from '#contracts';
import type { BenchOptions } from './bench-options.js';
import type { ProcessMemory } from './bench-process.js';
import type { ProfileSummary } from './cpu-profile.summary.js';
import type { LoadResult } from './http-load.js';
import type { ImportPhaseResult } from './import-phase.js';
import type { LatencySummary } from './latency-stats.js';
import type { MachineDescription } from './machine-description.js';
import type { PhaseCpu } from './phase-cpu.js';

/** One new opportunity scored against the companies of its sector. */
export interface FanOutResult {
  sector: string;
  candidates: number;
  postMs: number;
  /** From the 201 to matching's cursor passing the opportunity's outbox event: every replica's, with several. */
  appliedMs: number;
  /** From the 201 to its first match being readable over REST (NaN when it entered no company's best list). */
  visibleMs: number;
  companiesPerSecond: number;
  storedFor: number;
}

/** A CPU profile of one service during one phase, summarised. */
export interface ProfileRecord extends ProfileSummary {
  phase: string;
  service: string;
  file: string;
}

/** Everything one run measured; written as JSON under bench/results. */
export interface BenchResults {
  startedAt: string;
  durationS: number;
  command: string;
  options: BenchOptions;
  machine: MachineDescription;
  dataSet: {
    companies: number;
    opportunities: number;
    opportunitiesBySector: Record<string, number>;
    companiesBySector: Record<string, number>;
    farEastShare: number;
    seedMs: number;
    matchesPerCompany: number;
    matchFloorScore: number;
  };
  /** What a partner's default listing shows per company (leads only, at most 20). */
  leads: { companies: number; mean: number; median: number; atLeast10Share: number; withNone: number; storedLeadsMean: number; listingSample: number; listingAgrees: number };
  read: LoadResult & { responseBytes: number; route?: string };
  floor: LoadResult & { route: string; label: string };
  httpOnly: LoadResult;
  /** The same echo hop carrying a body as large as a read's: the floor of moving those bytes. */
  sizedFloor?: LoadResult & { bytes: number };
  submit: {
    targetRate: number;
    attempted: number;
    accepted: number;
    rejected: number[];
    achievedRate: number;
    post: LatencySummary;
    ready: LatencySummary;
    neverReady: number;
  };
  fanOut: FanOutResult[];
  /** Absent from results recorded before the import phase existed. */
  bulkImport?: ImportPhaseResult;
  rebuild: {
    caughtUp: boolean;
    totalMs: number;
    bootMs: number;
    events: number;
    eventsApplied: number;
    pairs: number;
    pairsPerSecond: number;
    extrapolatedTotalMs: number;
    storedMatches: number;
    /** Stored matches by class: leads and prohibited. */
    classes: Record<string, number>;
    /** Party decisions by kind and verdict. */
    decisions: Record<string, number>;
    /** Audit entries of party decisions. */
    auditEntries: number;
    companiesWithMatches: number;
    /** CPU seconds of each matching replica from its start to the rebuild's end, by replica index. */
    matchingCpuS: number[];
    /** An estimate, not a measurement: with a machine per replica the rebuild takes at least the busiest replica's CPU seconds. */
    machinePerReplicaEstimateMs: number;
  };
  sqlPeer: {
    companies: number;
    sqlMedianMs: number;
    engineInProcessMedianMs: number;
    previewOverRestMedianMs: number;
    storedReadP50Ms: number;
    storedReadSingleMedianMs: number;
    meanTop10Overlap: number;
    meanTopScoreDiff: number;
    plan: string[];
    samples: { companyId: string; sqlMs: number; engineMs: number; sqlTop: number; engineTop: number; overlapTop10: number; topScoreDiff: number }[];
  };
  /** By process: each service, and each matching replica (`matching` alone, or `matching r0`, `matching r1`…). */
  memory: Record<string, ProcessMemory | undefined>;
  /** The matching processes and the CPU seconds each spent over each phase (`cpuS` by replica index). */
  matchingReplicas: { count: number; clockTicksPerSecond: number; phases: PhaseCpu[] };
  status: Record<string, unknown> & { latencyMs: number };
  profiles: ProfileRecord[];
  serviceErrors: Record<string, string[]>;
}

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '—');
const n1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? `${n0(x)} ms` : `${x.toFixed(1)} ms`) : '—');
const mib = (kb: number | undefined) => (kb === undefined || !Number.isFinite(kb) ? '—' : `${n0(kb / 1024)} MiB`);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const cpuS = (s: number) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : '—');
const perReplica = (values: readonly number[]) => values.map((v, i) => `r${i} ${cpuS(v)}`).join(', ');

/** What each replica answered in the summed status, if it says. */
function replicaStatuses(status: Record<string, unknown>): MatchingReplicaStatus[] {
  return Array.isArray(status.replicas) ? (status.replicas as MatchingReplicaStatus[]) : [];
}

/** The printed table: every figure, the ratios, and each target's verdict at this scale. */
export function formatReport(r: BenchResults): string {
  const rows: [string, string][] = [];
  const section = (title: string) => rows.push([`— ${title}`, '']);
  const row = (label: string, value: string) => rows.push([`  ${label}`, value]);
  const readRatio = r.read.requestsPerSecond / r.floor.requestsPerSecond;
  const p99Ratio = r.read.latencyMs.p99 / r.floor.latencyMs.p99;
  const fanMax = Math.max(...r.fanOut.map((f) => f.appliedMs));

  section(`data set (${r.options.mode}, seed ${r.options.seed})`);
  row('companies / opportunities', `${n0(r.dataSet.companies)} / ${n0(r.dataSet.opportunities)} (${Object.entries(r.dataSet.opportunitiesBySector).map(([s, n]) => `${s} ${n0(n)}`).join(', ')})`);
  row('companies by sector', Object.entries(r.dataSet.companiesBySector).map(([s, n]) => `${s} ${n0(n)}`).join(', '));
  row('Russian Far East share', `${n1(100 * r.dataSet.farEastShare)} %`);
  row('seeding through SQL', ms(r.dataSet.seedMs));

  section('0. leads per company (the default listing: 20 matches, prohibited hidden)');
  row('mean / median', `${n1(r.leads.mean)} / ${r.leads.median} (stored leads per company: mean ${n1(r.leads.storedLeadsMean)})`);
  row('companies with ≥ 10 leads listed', `${n1(100 * r.leads.atLeast10Share)} % (${n0(r.leads.withNone)} of ${n0(r.leads.companies)} with none)`);
  row('REST listing agrees with the store', `${r.leads.listingAgrees} of ${r.leads.listingSample} sampled companies`);

  section('1. match read: GET /v1/companies/:id/matches (default listing)');
  row('requests/s', `${n0(r.read.requestsPerSecond)} (${r.options.connections} connections, ${r.read.durationS} s, non-2xx ${r.read.non2xx}, errors ${r.read.errors})`);
  row('latency p50 / p99', `${ms(r.read.latencyMs.p50)} / ${ms(r.read.latencyMs.p99)} (${n0(r.read.responseBytes)} B body)`);
  row('floor used', r.floor.label);
  row('floor requests/s', `${n0(r.floor.requestsPerSecond)} (non-2xx ${r.floor.non2xx})`);
  row('floor p50 / p99', `${ms(r.floor.latencyMs.p50)} / ${ms(r.floor.latencyMs.p99)}`);
  if (r.sizedFloor) {
    const sized = r.sizedFloor;
    row(`echo carrying ${n0(sized.bytes)} B`, `${n0(sized.requestsPerSecond)} req/s, p50 ${ms(sized.latencyMs.p50)}, p99 ${ms(sized.latencyMs.p99)} (read ÷ this: ${n1((100 * r.read.requestsPerSecond) / sized.requestsPerSecond)} %)`);
  }
  row('gateway alone (unrouted 404)', `${n0(r.httpOnly.requestsPerSecond)} req/s, p50 ${ms(r.httpOnly.latencyMs.p50)}, p99 ${ms(r.httpOnly.latencyMs.p99)}`);
  row('read ÷ floor throughput', `${n1(100 * readRatio)} %  (target ≥ 50 %: ${verdict(readRatio >= 0.5)})`);
  row('read ÷ floor p99', `${readRatio ? n1(p99Ratio) : '—'} ×  (target ≤ 2 ×: ${verdict(p99Ratio <= 2)})`);

  section(`2. submission → matches readable (${r.submit.targetRate}/s target)`);
  row('accepted / attempted', `${r.submit.accepted} / ${r.submit.attempted}${r.submit.rejected.length ? ` (rejected statuses ${[...new Set(r.submit.rejected)].join(', ')})` : ''}`);
  row('submissions/s achieved', n1(r.submit.achievedRate));
  row('POST latency p50 / p99', `${ms(r.submit.post.p50)} / ${ms(r.submit.post.p99)}`);
  row('201 → matches p50 / p99', `${ms(r.submit.ready.p50)} / ${ms(r.submit.ready.p99)} (never ready: ${r.submit.neverReady}; SQL probe every 20 ms, then one REST read)`);
  row('target p99 < 1 s', verdict(r.submit.ready.p99 < 1000 && r.submit.neverReady === 0));

  section('3. reverse fan-out: one new opportunity');
  for (const f of r.fanOut) {
    row(f.sector, `${n0(f.candidates)} companies scored in ${ms(f.appliedMs)} = ${n0(f.companiesPerSecond)} companies/s; stored for ${n0(f.storedFor)}; first match readable ${ms(f.visibleMs)}`);
  }
  const slowest = Math.min(...r.fanOut.map((f) => f.companiesPerSecond));
  row('target 100,000 in < 2 s', `${verdict(slowest >= 50_000)}: at ${n0(slowest)} companies/s, 100,000 take ${ms((100_000 / slowest) * 1000)} (slowest of ${ms(fanMax)} measured)`);

  if (r.bulkImport) {
    const b = r.bulkImport;
    section(`3b. bulk import: POST /v1/companies/import, one CSV of ${n0(b.rows)} rows (${mib(b.csvBytes / 1024)})`);
    row('body read, parsed and staged (202)', ms(b.uploadMs));
    row('every row stored', `${ms(b.storedMs)} = ${n0(b.storedRowsPerSecond)} rows/s (${Object.entries(b.counts).map(([k, v]) => `${k} ${n0(v)}`).join(', ')})`);
    row('every row matched', `${ms(b.matchedMs)} = ${n0(b.matchedRowsPerSecond)} rows/s`);
    row('floor: single POST /v1/companies', `${n0(b.floor.companiesPerSecond)} companies/s (${n0(b.floor.companies)} on ${b.floor.connections} connections, p50 ${ms(b.floor.post.p50)}, p99 ${ms(b.floor.post.p99)})`);
    row('import ÷ floor (rows stored per second)', `${n1((100 * b.storedRowsPerSecond) / b.floor.companiesPerSecond)} %`);
    row('gateway RSS during the import', `${mib(b.gateway.baselineRssKb)} before, peak ${mib(b.gateway.peakRssKb)} (+${mib(b.gateway.growthKb)}; sampled every 50 ms)`);
  }

  section('4. full rebuild from the outboxes');
  row('caught up', r.rebuild.caughtUp ? `yes, ${ms(r.rebuild.totalMs)} (of which boot ${ms(r.rebuild.bootMs)})` : `NO: ${n0(r.rebuild.eventsApplied)} of ${n0(r.rebuild.events)} events in ${ms(r.rebuild.totalMs)}; extrapolated ${ms(r.rebuild.extrapolatedTotalMs)}`);
  row('pairs / pairs per second', `${n0(r.rebuild.pairs)} / ${n0(r.rebuild.pairsPerSecond)}`);
  row('stored matches', `${n0(r.rebuild.storedMatches)} for ${n0(r.rebuild.companiesWithMatches)} companies`);
  row('stored by class', Object.entries(r.rebuild.classes).map(([v, n]) => `${v} ${n0(n)}`).join(', '));
  row('party decisions', `${Object.entries(r.rebuild.decisions).map(([v, n]) => `${v} ${n0(n)}`).join(', ')}; ${n0(r.rebuild.auditEntries)} audit entries`);
  row('target < 5 min', verdict(r.rebuild.caughtUp && r.rebuild.totalMs < 300_000));
  row(`matching CPU (${r.matchingReplicas.count} replica${r.matchingReplicas.count > 1 ? 's' : ''})`, `${perReplica(r.rebuild.matchingCpuS)} over ${ms(r.rebuild.totalMs)} wall`);
  row('a machine per replica (estimate)', `≥ ${ms(r.rebuild.machinePerReplicaEstimateMs)}: bounded below by the busiest replica's CPU seconds; not measured`);

  section(`5. SQL peer: one company's best ${r.dataSet.matchesPerCompany}, median of ${r.sqlPeer.companies}`);
  row('single SQL query in PostgreSQL', ms(r.sqlPeer.sqlMedianMs));
  row('engine in process (same work)', `${ms(r.sqlPeer.engineInProcessMedianMs)} → SQL is ${n1(r.sqlPeer.sqlMedianMs / r.sqlPeer.engineInProcessMedianMs)} × slower (apples to apples)`);
  row('preview over REST (on demand)', `${ms(r.sqlPeer.previewOverRestMedianMs)} → SQL is ${n1(r.sqlPeer.sqlMedianMs / r.sqlPeer.previewOverRestMedianMs)} × slower`);
  row('stored read, one at a time', `${ms(r.sqlPeer.storedReadSingleMedianMs)} → SQL is ${n1(r.sqlPeer.sqlMedianMs / r.sqlPeer.storedReadSingleMedianMs)} × slower (what a user waits for)`);
  row('stored read p50 under load', `${ms(r.sqlPeer.storedReadP50Ms)} (50 connections; not comparable with one query)`);
  row('SQL ≈ engine', `top-10 overlap ${n1(100 * r.sqlPeer.meanTop10Overlap)} %, |Δ best score| ${r.sqlPeer.meanTopScoreDiff.toFixed(2)}`);
  row('target ≥ 10 × faster', verdict(r.sqlPeer.sqlMedianMs / r.sqlPeer.storedReadSingleMedianMs >= 10));

  section('6. peak memory (VmHWM)');
  for (const [name, m] of Object.entries(r.memory)) row(name, `${mib(m?.peakRssKb)} (now ${mib(m?.rssKb)})`);
  row('matching status over NATS', `${ms(r.status.latencyMs)}`);

  section(`7. matching replicas: CPU seconds per phase (utime + stime, in steps of 1/${r.matchingReplicas.clockTicksPerSecond} s)`);
  for (const replica of replicaStatuses(r.status)) {
    row(`r${replica.replica} holds`, `${replica.partitions.length} partitions, ${n0(replica.companies)} companies, ${n0(replica.matches)} matches`);
  }
  for (const p of r.matchingReplicas.phases) {
    const busiest = Math.max(...p.cpuS);
    row(p.phase, `${perReplica(p.cpuS)} over ${ms(p.wallMs)} wall (busiest ${n1((100 * busiest) / (p.wallMs / 1000))} % of a core)`);
  }

  for (const p of r.profiles) {
    section(`profile ${p.phase} / ${p.service} (${ms(p.totalMs)} sampled)`);
    for (const a of p.byArea.slice(0, 6)) row(a.area, `${n1(a.pct)} %`);
    for (const f of p.topFunctions.slice(0, 6)) row(f.fn, `${n1(f.pct)} %`);
  }

  const width = Math.max(...rows.map(([l]) => l.length));
  const machine = `${r.machine.cpuModel} × ${r.machine.cpuCount}, ${r.machine.totalMemoryGiB} GiB, ${r.machine.os}, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}, ${r.machine.nats}`;
  return [
    '',
    `Tumen platform benchmark — ${r.command} — ${r.startedAt}`,
    machine,
    '',
    ...rows.map(([l, v]) => (v ? `${l.padEnd(width)}  ${v}` : l)),
    '',
    `total ${n1(r.durationS)} s`,
    '',
  ].join('\n');
}
