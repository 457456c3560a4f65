import { stringify } from 'csv-stringify/sync';
import { performance } from 'node:perf_hooks';
import type { CompanyView, ImportView } from '#contracts';
import type { BenchProcess } from './bench-process.js';
import type { GeneratedProfile } from './bench-data.generator.js';
import { pollUntil, sleep, type HttpClient } from './http-client.js';
import { summariseLatencies, type LatencySummary } from './latency-stats.js';

/** The profile fields an import's CSV carries, in the header's order (lists `;`-separated, people as JSON). */
const COLUMNS = [
  'name', 'inn', 'region', 'city', 'location.lat', 'location.lon', 'sectors', 'okved', 'hsCodes', 'capabilities',
  'employees', 'annualRevenueRub', 'exportExperienceYears', 'acceptsRubSettlement', 'owners', 'directors',
] as const;

/** Profiles as the CSV a partner's export would give: a header row of field names, one row per company. */
export function importCsv(profiles: readonly GeneratedProfile[]): string {
  const rows = profiles.map((p) => [
    p.name, p.inn, p.region, p.city, p.location?.lat ?? '', p.location?.lon ?? '',
    p.sectors.join(';'), p.okved.join(';'), p.hsCodes.join(';'), p.capabilities.join(';'),
    p.employees, p.annualRevenueRub, p.exportExperienceYears, p.acceptsRubSettlement,
    JSON.stringify(p.owners), JSON.stringify(p.directors),
  ]);
  return stringify([[...COLUMNS], ...rows], { cast: { boolean: (b) => String(b) } });
}

/** Samples a process's resident set every `intervalMs` from /proc: the phase's own peak, not the process's lifetime one (VmHWM). */
class RssSampler {
  private peakKb = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly process: BenchProcess) {}

  start(intervalMs = 50): number {
    const baseline = this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    return baseline;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakKb;
  }

  private sample(): number {
    const rss = this.process.memory()?.rssKb ?? 0;
    this.peakKb = Math.max(this.peakKb, rss);
    return rss;
  }
}

export interface ImportPhaseResult {
  rows: number;
  csvBytes: number;
  /** From the first byte sent to the 202: the gateway streamed, parsed, validated and staged every row. */
  uploadMs: number;
  /** From the first byte sent until every row had its result (stored, or rejected). */
  storedMs: number;
  /** From the first byte sent until matching had applied every stored company. */
  matchedMs: number;
  storedRowsPerSecond: number;
  matchedRowsPerSecond: number;
  counts: ImportView['counts'];
  gateway: { baselineRssKb: number; peakRssKb: number; growthKb: number };
  /** The floor: the same kind of profiles sent one POST /v1/companies each, `connections` at a time, through the same gateway and services. */
  floor: { companies: number; connections: number; companiesPerSecond: number; post: LatencySummary };
}

export interface ImportPhaseOptions {
  http: HttpClient;
  partnerKey: string;
  gateway: BenchProcess;
  profiles: readonly GeneratedProfile[];
  floorProfiles: readonly GeneratedProfile[];
  connections: number;
  /** Resolves once matching has applied every event up to now. */
  matchingCaughtUp: () => Promise<boolean>;
}

/**
 * A bulk import of `profiles` as one CSV body, against its floor: the same work submitted a
 * company at a time. The gateway must stream the body: its resident set during the import is
 * sampled, so its growth says whether it held the rows.
 */
export async function runImportPhase(o: ImportPhaseOptions): Promise<ImportPhaseResult> {
  const floor = await singlePosts(o);
  const csv = importCsv(o.profiles);
  const sampler = new RssSampler(o.gateway);
  const baselineRssKb = sampler.start();
  const sentAt = performance.now();
  const response = await fetch(`${o.http.baseUrl}/v1/companies/import`, {
    method: 'POST',
    headers: { 'x-api-key': o.partnerKey, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
    signal: AbortSignal.timeout(300_000),
  });
  const job = (await response.json()) as ImportView;
  const uploadMs = performance.now() - sentAt;
  if (response.status !== 202) throw new Error(`the import was refused: ${response.status} ${JSON.stringify(job)}`);
  const done = await pollUntil(async () => {
    const r = await o.http.get<ImportView>(`/v1/imports/${job.id}?limit=1`, o.partnerKey);
    return r.status === 200 && (r.body.status === 'done' || r.body.status === 'failed') ? r.body : undefined;
  }, 100, 600_000);
  const storedMs = performance.now() - sentAt;
  const peakRssKb = sampler.stop();
  if (!done || done.status !== 'done') throw new Error(`the import did not finish: ${JSON.stringify(done)}`);
  await pollUntil(async () => ((await o.matchingCaughtUp()) ? true : undefined), 100, 600_000);
  const matchedMs = performance.now() - sentAt;
  return {
    rows: o.profiles.length,
    csvBytes: Buffer.byteLength(csv),
    uploadMs,
    storedMs,
    matchedMs,
    storedRowsPerSecond: o.profiles.length / (storedMs / 1000),
    matchedRowsPerSecond: o.profiles.length / (matchedMs / 1000),
    counts: done.counts,
    gateway: { baselineRssKb, peakRssKb, growthKb: peakRssKb - baselineRssKb },
    floor,
  };
}

async function singlePosts(o: ImportPhaseOptions): Promise<ImportPhaseResult['floor']> {
  const queue = [...o.floorProfiles];
  const postMs: number[] = [];
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      for (let profile = queue.shift(); profile; profile = queue.shift()) {
        const sent = performance.now();
        const created = await o.http.post<CompanyView>('/v1/companies', profile, o.partnerKey);
        if (created.status !== 201) throw new Error(`floor POST failed: ${created.status} ${JSON.stringify(created.body)}`);
        postMs.push(performance.now() - sent);
      }
    }),
  );
  const elapsedS = (performance.now() - startedAt) / 1000;
  // Let matching take the floor's companies before the import starts, so the two do not overlap.
  await pollUntil(async () => ((await o.matchingCaughtUp()) ? true : undefined), 100, 600_000);
  await sleep(500);
  return { companies: o.floorProfiles.length, connections: o.connections, companiesPerSecond: o.floorProfiles.length / elapsedS, post: summariseLatencies(postMs) };
}
