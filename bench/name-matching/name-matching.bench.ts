import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareNames, DEFAULT_MATCH_THRESHOLD } from '../../apps/screening/src/domain/names/name-comparison.js';
import { isDprkReference, parseConsolidatedList } from '../../apps/screening/src/domain/list/index.js';
import { NameIndex, type NameIndexEntry } from '../../apps/screening/src/domain/names/name-index.js';
import { binaryMetrics, type BinaryMetrics } from './binary-metrics.js';
import { parseCsvRecords } from './csv-parser.js';
import { indexOfList, originalScriptQueries, recallOf, type RecallMiss, type RecallQuery, type RecallResult } from './index-recall.js';
import { unListEntries } from './un-list-names.js';
import { precisionBenchmark } from './precision.js';

const DATA = path.resolve(process.cwd(), '../shared/data');
const CASES = process.env.NAME_BENCH_CASES ?? path.join(DATA, 'name-pairs/nomenklatura-name-bench-cases.csv');
const LOGICV2 = process.env.NAME_BENCH_LOGICV2 ?? path.join(path.dirname(CASES), 'nomenklatura-name-bench-logicv2-frozen.csv');
const DPRK_PAIRS = process.env.NAME_BENCH_DPRK_PAIRS ?? path.join(DATA, 'name-pairs/un-dprk-primary-alias-pairs.csv');
const UN_XML = process.env.NAME_BENCH_UN_XML ?? path.join(DATA, 'un-sc-consolidated-list/consolidated.xml');
const LOGICV2_THRESHOLD = 0.7;
const TIMED_QUERIES = 5000;

interface Case {
  group: string;
  schema: string;
  name1: string;
  name2: string;
  expected: boolean;
  category: string;
  notes: string;
  ours: number;
  logicV2?: number;
}

const HANGUL = /[\uac00-\ud7a3]/u;
const CYRILLIC = /[\u0400-\u04ff]/u;
const KOREAN_NOTE = /\b(Korean|KP|KR|DPRK)\b/u;

function caseKey(schema: string, a: string, b: string): string {
  return `${schema}\u0000${a}\u0000${b}`;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}

function metricsLine(label: string, ours: BinaryMetrics, ref: BinaryMetrics | undefined): string {
  const refPart = ref ? `${fmt(ref.precision)} ${fmt(ref.recall)} ${fmt(ref.f1)}` : '  -     -     -  ';
  const delta = ref ? (ours.f1 - ref.f1 >= 0 ? '+' : '') + fmt(ours.f1 - ref.f1) : '';
  return `${pad(label, 34)} ${String(ours.n).padStart(4)}  ${fmt(ours.precision)} ${fmt(ours.recall)} ${fmt(ours.f1)}   ${refPart}  ${delta}`;
}

function pairBenchmark(threshold: number): void {
  const refScores = new Map<string, number>();
  const refRows = parseCsvRecords(readFileSync(LOGICV2, 'utf8'));
  for (const r of refRows) refScores.set(caseKey(r.schema, r.name1, r.name2), Number(r.score));
  const refOwn = binaryMetrics(
    refRows.map((r) => ({ expected: r.is_match.trim().toLowerCase() === 'true', predicted: Number(r.score) >= LOGICV2_THRESHOLD })),
  );
  const cases: Case[] = parseCsvRecords(readFileSync(CASES, 'utf8')).map((r) => ({
    group: r.case_group,
    schema: r.schema,
    name1: r.name1,
    name2: r.name2,
    expected: r.is_match.trim().toLowerCase() === 'true',
    category: r.category || '(none)',
    notes: r.notes,
    ours: compareNames(r.name1, r.name2).score,
    logicV2: refScores.get(caseKey(r.schema, r.name1, r.name2)),
  }));
  const withRef = cases.filter((c) => c.logicV2 !== undefined);
  const ours = (cs: Case[]) => binaryMetrics(cs.map((c) => ({ expected: c.expected, predicted: c.ours >= threshold })));
  const ref = (cs: Case[]) =>
    binaryMetrics(cs.map((c) => ({ expected: c.expected, predicted: (c.logicV2 ?? 0) >= LOGICV2_THRESHOLD })));

  console.log(`\n== a) labelled pairs: ${cases.length} cases (${withRef.length} with a logic-v2 score) ==`);
  console.log(`ours at threshold ${threshold}, logic-v2 (frozen scores) at ${LOGICV2_THRESHOLD}; rows compared are those with a logic-v2 score`);
  console.log(`${pad('group', 34)}    n  ours: P     R     F1     logic-v2: P R F1   ΔF1`);
  const line = (label: string, cs: Case[]) => {
    const r = cs.filter((c) => c.logicV2 !== undefined);
    if (r.length > 0) console.log(metricsLine(label, ours(r), ref(r)));
  };
  line('OVERALL', cases);
  console.log(
    `logic-v2 on its own ${refOwn.n} frozen rows: P ${fmt(refOwn.precision)} R ${fmt(refOwn.recall)} F1 ${fmt(refOwn.f1)} (cases that occur twice in the case file are counted twice above)`,
  );
  console.log(metricsLine('overall, all cases (ours only)', ours(cases), undefined));
  console.log('-- per script');
  line('Korean (Hangul or Korean notes)', cases.filter((c) => HANGUL.test(c.name1 + c.name2) || KOREAN_NOTE.test(c.notes)));
  line('Hangul pairs', cases.filter((c) => HANGUL.test(c.name1 + c.name2)));
  line('Cyrillic pairs', cases.filter((c) => CYRILLIC.test(c.name1 + c.name2)));
  console.log('-- per case group');
  for (const g of [...new Set(cases.map((c) => c.group))]) line(g, cases.filter((c) => c.group === g));
  console.log('-- per schema');
  for (const s of [...new Set(cases.map((c) => c.schema))]) line(s, cases.filter((c) => c.schema === s));
  console.log('-- per category (5 or more cases)');
  for (const cat of [...new Set(cases.map((c) => c.category))]) {
    const cs = cases.filter((c) => c.category === cat);
    if (cs.length >= 5) line(cat, cs);
  }
  if (process.env.NAME_BENCH_VERBOSE) {
    console.log('-- disagreements with the labels');
    for (const c of cases) {
      const predicted = c.ours >= threshold;
      if (predicted !== c.expected) {
        console.log(`${predicted ? 'FP' : 'FN'} ${c.ours.toFixed(3)} lv2=${c.logicV2 ?? '-'} ${c.group} | ${c.name1} | ${c.name2}`);
      }
    }
  }
}

function printMisses(misses: readonly RecallMiss[], describe: (m: RecallMiss) => string): void {
  console.log(`misses (${misses.length}):`);
  for (const m of misses) console.log(`  ${describe(m)}`);
}

function bestHitText(m: RecallMiss): string {
  return m.bestHit ? `best hit ${m.bestHit.entryId} ${m.bestHit.score.toFixed(3)} ${m.bestHit.matchedName}` : 'no hit';
}

function recallLine(label: string, r: RecallResult, goal?: string): string {
  const value = r.total === 0 ? 'n/a' : fmt(r.recall);
  return `${pad(label, 62)} recall ${value} (${r.found}/${r.total})${goal ? `, goal ${goal}` : ''}`;
}

function aliasRecall(threshold: number): void {
  const rows = parseCsvRecords(readFileSync(DPRK_PAIRS, 'utf8'));
  const list = parseConsolidatedList(readFileSync(UN_XML, 'utf8')).entries;
  const product = indexOfList(list);
  const primaryOnlyList = indexOfList(list, ['primary']);
  const primaryOnly = new NameIndex();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.reference_number)) continue;
    seen.add(r.reference_number);
    primaryOnly.add({
      id: r.reference_number,
      type: r.entry_type === 'individual' ? 'individual' : 'entity',
      names: [{ value: r.primary_name, kind: 'primary' }],
    });
  }
  const aliasRows = rows.filter((r) => r.alias_quality === 'Good' || r.alias_quality === 'a.k.a.');
  const aliasQueries: RecallQuery[] = aliasRows.map((r) => ({ query: r.alias_name, expectedId: r.reference_number, label: r.alias_quality }));
  const primaryOf = new Map(rows.map((r) => [r.reference_number, r.primary_name]));

  console.log(`\n== b) recall of UN DPRK aliases (Good, a.k.a.: ${aliasQueries.length} queries) at threshold ${threshold} ==`);
  const inProduct = recallOf(product, aliasQueries, threshold);
  console.log(recallLine(`(i) product index: whole list, ${product.size} names (all kinds)`, inProduct, '1.000'));
  const inPrimary = recallOf(primaryOnly, aliasQueries, threshold);
  console.log(recallLine(`(ii) primary-only index: ${primaryOnly.size} DPRK primary names`, inPrimary));
  if (inProduct.misses.length > 0) {
    console.log('(i) product index');
    printMisses(inProduct.misses, (m) => `${m.expectedId} ${m.label} | ${m.query} | ${bestHitText(m)}`);
  }
  console.log('(ii) primary-only index');
  printMisses(inPrimary.misses, (m) => {
    const primary = primaryOf.get(m.expectedId) ?? '';
    return `${m.expectedId} ${m.label} | ${m.query} | primary ${primary} | pair score ${compareNames(m.query, primary).score.toFixed(3)}`;
  });

  const hangulQueries = originalScriptQueries(list, (e) => isDprkReference(e.referenceNumber), HANGUL);
  console.log(`(iii) DPRK entries queried by their Hangul original-script name: ${hangulQueries.length} queries`);
  if (hangulQueries.length === 0) {
    const withOriginal = list.filter((e) => e.names.some((n) => n.kind === 'original-script')).length;
    console.log(`  the list gives no Hangul original-script name for any DPRK entry (${withOriginal} entries of all regimes have one): nothing to measure`);
  }
  console.log(recallLine('  against the product index', recallOf(product, hangulQueries, threshold)));
  console.log(recallLine(`  against a primary-only index of the whole list (${primaryOnlyList.size})`, recallOf(primaryOnlyList, hangulQueries, threshold)));
  const allOriginal = originalScriptQueries(list, () => true, /\S/u);
  const originalInPrimary = recallOf(primaryOnlyList, allOriginal, threshold);
  console.log(`(iii, wider) every entry queried by its original-script name (any script, ${allOriginal.length} queries)`);
  console.log(recallLine('  against the product index', recallOf(product, allOriginal, threshold)));
  console.log(recallLine('  against a primary-only index of the whole list', originalInPrimary));
  const scripts = new Map<string, { found: number; total: number }>();
  const missed = new Set(originalInPrimary.misses.map((m) => `${m.expectedId}\u0000${m.query}`));
  for (const q of allOriginal) {
    const s = scriptName(q.query);
    const tally = scripts.get(s) ?? { found: 0, total: 0 };
    tally.total += 1;
    if (!missed.has(`${q.expectedId}\u0000${q.query}`)) tally.found += 1;
    scripts.set(s, tally);
  }
  console.log(`  primary-only by script: ${[...scripts].map(([s, t]) => `${s} ${t.found}/${t.total}`).join(', ')}`);
}

function scriptName(text: string): string {
  if (HANGUL.test(text)) return 'Hangul';
  if (CYRILLIC.test(text)) return 'Cyrillic';
  if (/[\u0600-\u06ff]/u.test(text)) return 'Arabic';
  if (/[\u4e00-\u9fff]/u.test(text)) return 'Han';
  return 'other';
}

function timing(threshold: number): void {
  const entries: NameIndexEntry[] = unListEntries(readFileSync(UN_XML, 'utf8'));
  const buildStart = performance.now();
  const index = new NameIndex();
  for (const e of entries) index.add(e);
  const added = performance.now();
  index.prepare();
  const prepared = performance.now();
  const pool: string[] = [];
  for (const e of entries) for (const n of e.names) pool.push(n.value);
  for (const r of parseCsvRecords(readFileSync(CASES, 'utf8'))) pool.push(r.name1, r.name2);
  const queries: string[] = [];
  for (let i = 0; queries.length < TIMED_QUERIES; i = (i + 7919) % pool.length) queries.push(pool[i]);
  for (const q of queries.slice(0, 200)) index.search(q, { threshold });
  const scoredBefore = index.candidatesScoredTotal;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let hits = 0;
  for (const q of queries) hits += index.search(q, { threshold }).length;
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const scored = index.candidatesScoredTotal - scoredBefore;
  console.log(`\n== c) search speed: ${queries.length} queries against the UN consolidated list ==`);
  console.log(
    `${entries.length} entries, ${index.size} names indexed in ${(added - buildStart).toFixed(0)} ms, prepared for search in ${(prepared - added).toFixed(0)} ms`,
  );
  console.log(`mean ${((elapsed * 1000) / queries.length).toFixed(1)} µs per query (wall clock), ${((cpu.user + cpu.system) / queries.length).toFixed(1)} µs CPU time per query`);
  console.log(`${(scored / queries.length).toFixed(1)} of ${index.size} names scored per query on average; ${hits} hits`);
}

const threshold = Number(process.env.NAME_BENCH_THRESHOLD ?? DEFAULT_MATCH_THRESHOLD);
pairBenchmark(threshold);
aliasRecall(threshold);
precisionBenchmark(UN_XML);
timing(threshold);
