/**
 * Throughput of the scoring engine on synthetic data; not run by the tests.
 * Build with `npx tsc -p tsconfig.build.json --outDir /tmp/sc-build`, then run
 * `node --expose-gc /tmp/sc-build/apps/matching/src/domain/scoring/scoring.microbench.js`
 * (with --expose-gc, garbage left by building the data set is collected before each measurement).
 */
import { rankCompanies, rankOpportunities, scorePrepared } from './scoring.engine.js';
import { RUBRICS } from './scoring.fixtures.js';
import { prepareCompany, prepareOpportunity, type PreparedCompany, type PreparedOpportunity } from './scoring.prepare.js';
import type { CompanyProfile, Opportunity, SectorId } from './scoring.types.js';

const SECTORS: readonly SectorId[] = ['mining', 'automobile', 'electricity'];
const CAPABILITIES = Array.from({ length: 40 }, (_, i) => `capability_${i}`);
const HS = ['842952', '842911', '8429', '2701', '2601', '8474', '870421', '8708', '4011', '850423', '8544', '8535', '85', '84'];
const OKVED = ['05.10', '07.10', '09.90', '28.92', '29.10', '29.32', '45.31', '35.11', '35.12', '27.12', '42.22', '46.90'];

let seed = 42;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(items: readonly T[], n: number): T[] {
  return Array.from({ length: n }, () => items[Math.floor(random() * items.length)]!);
}

function syntheticCompany(i: number): CompanyProfile {
  return {
    id: `c-${String(i).padStart(6, '0')}`,
    name: `Company ${i}`,
    region: random() < 0.3 ? 'Primorsky Krai' : 'Moscow',
    city: 'Somewhere',
    location: random() < 0.9 ? { lat: 42 + random() * 14, lon: 37 + random() * 100 } : undefined,
    sectors: [...SECTORS],
    okved: pick(OKVED, 1 + Math.floor(random() * 3)),
    hsCodes: pick(HS, 1 + Math.floor(random() * 4)),
    capabilities: pick(CAPABILITIES, 2 + Math.floor(random() * 6)),
    employees: Math.floor(random() * 5000),
    annualRevenueRub: random() * 5e10,
    exportExperienceYears: Math.floor(random() * 15),
    acceptsRubSettlement: random() < 0.8,
  };
}

function syntheticOpportunity(i: number): Opportunity {
  return {
    id: `o-${String(i).padStart(6, '0')}`,
    sector: SECTORS[i % 3]!,
    title: `Opportunity ${i}`,
    site: { name: `Site ${i}`, lat: 38 + random() * 5, lon: 124.5 + random() * 6 },
    requiredCapabilities: pick(CAPABILITIES, 1 + Math.floor(random() * 5)),
    hsCodes: pick(HS, 1 + Math.floor(random() * 3)),
    okved: random() < 0.5 ? pick(OKVED, 1 + Math.floor(random() * 2)) : undefined,
    sizeUsd: 1e5 + random() * 5e7,
    settlementCurrencies: random() < 0.7 ? ['RUB', 'CNY'] : ['CNY'],
  };
}

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Runs `run` once to warm up, then three times, and reports the fastest run in CPU time of this
 * process (user + system), which other processes on a busy machine do not inflate.
 */
function time<T>(label: string, pairs: number, run: () => T): T {
  let result = run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    const start = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  const rate = Math.round((pairs / best) * 1000);
  console.log(`${label.padEnd(58)} ${best.toFixed(1).padStart(8)} ms CPU ${rate.toLocaleString('en-US').padStart(12)} per s`);
  return result;
}

const rawOpportunities = Array.from({ length: 30_000 }, (_, i) => syntheticOpportunity(i));
const rawCompanies = Array.from({ length: 100_000 }, (_, i) => syntheticCompany(i));

const opportunities: PreparedOpportunity[] = time('prepare 30,000 opportunities', 30_000, () =>
  rawOpportunities.map(prepareOpportunity),
);
const companies: PreparedCompany[] = time('prepare 100,000 companies', 100_000, () => rawCompanies.map(prepareCompany));

const company = companies[0]!;
const opportunity = opportunities[0]!;
const rubric = RUBRICS[opportunity.sector];

time('rankOpportunities: 1 company × 30,000 prepared, top 50', 30_000, () =>
  rankOpportunities(company, opportunities, RUBRICS, { limit: 50 }),
);
time('rankOpportunities: 1 company × 30,000 raw, top 50', 30_000, () =>
  rankOpportunities(company, rawOpportunities, RUBRICS, { limit: 50 }),
);
time('rankCompanies: 1 opportunity × 100,000 prepared, top 50', 100_000, () =>
  rankCompanies(opportunity, companies, rubric, { limit: 50 }),
);
time('scorePrepared explain:false, 100,000 pairs', 100_000, () => {
  let sum = 0;
  for (const c of companies) sum += scorePrepared(c, opportunity, rubric, { explain: false });
  return sum;
});
time('scorePrepared explained, 10,000 pairs', 10_000, () => {
  let n = 0;
  for (let i = 0; i < 10_000; i++) n += scorePrepared(companies[i]!, opportunity, rubric).breakdown.length;
  return n;
});
