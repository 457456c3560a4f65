/**
 * Throughput of the scoring engine on synthetic data; not run by the tests.
 * Build with `npm run build`, then run
 * `node --expose-gc dist/apps/matching/src/domain/scoring/scoring.microbench.js` from the
 * repository root (scoring imports #contracts and #reference, which package.json maps into dist/;
 * with --expose-gc, garbage left by building the data set is collected before each measurement,
 * and the clock starts once the collector's background threads are done with it).
 */
import { rankCompanies, rankOpportunities, scorePrepared } from './scoring.engine.js';
import { RUBRICS, seededRandom, syntheticCompany, syntheticOpportunity } from './scoring.fixtures.js';
import { prepareCompany, prepareOpportunity, type PreparedCompany, type PreparedOpportunity } from './scoring.prepare.js';

const random = seededRandom(42);

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Sleeps until the process has used no CPU for 10 ms (at most a second): after a full collection
 * V8 goes on sweeping the heap on background threads for tens of milliseconds of CPU, which
 * process.cpuUsage would otherwise bill to the code measured next.
 */
function settle(): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (let slept = 0; slept < 1000; slept += 10) {
    const start = process.cpuUsage();
    Atomics.wait(cell, 0, 0, 10);
    const used = process.cpuUsage(start);
    if (used.user + used.system < 500) return;
  }
}

/**
 * Runs `run` once to warm up, then three times, and reports the fastest run in CPU time of this
 * process (user + system), which other processes on a busy machine do not inflate.
 */
function time<T>(label: string, pairs: number, run: () => T): T {
  let result = run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    settle();
    const start = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  const rate = Math.round((pairs / best) * 1000);
  console.log(`${label.padEnd(58)} ${best.toFixed(1).padStart(8)} ms CPU ${rate.toLocaleString('en-US').padStart(12)} per s`);
  return result;
}

const rawOpportunities = Array.from({ length: 30_000 }, (_, i) => syntheticOpportunity(i, random));
const rawCompanies = Array.from({ length: 100_000 }, (_, i) => syntheticCompany(i, random));

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
