import { readFileSync } from 'node:fs';
import { isDprkReference, parseConsolidatedList, type ListEntry } from '../../apps/screening/src/domain/list/index.js';
import { commonNameGroups } from '../../apps/screening/src/domain/names/common-name-tokens.js';
import { isWeakAlias, NameIndex } from '../../apps/screening/src/domain/names/name-index.js';
import { POSSIBLE_AT, searchList, type ListSnapshot } from '../../apps/screening/src/domain/screening/match-verdict.js';
import { countryCode, parseRecordedBirth, type SecondaryEvidence } from '../../apps/screening/src/domain/screening/secondary-evidence.js';
import { NAMES_PER_POPULATION, NEGATIVE_SEED, negativeNames, type NegativeName } from './negative-names.js';

/** The false-positive rate the negative set must stay under. */
const FP_GOAL = 0.003;

function snapshotOf(entries: readonly ListEntry[], weighNames: boolean): ListSnapshot {
  const index = new NameIndex({ weighNames });
  for (const e of entries) index.add({ id: e.referenceNumber, type: e.type, origin: e.nationalities[0] ?? e.regime, names: e.names });
  index.prepare();
  return { version: 'bench', index, entries: new Map(entries.map((e) => [e.referenceNumber, e])) };
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)} %`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** The evidence a negative name is queried with: its year of birth and its population's nationality. */
function evidenceOf(n: NegativeName): SecondaryEvidence {
  return { dateOfBirth: n.dateOfBirth, ...(n.nationality ? { nationality: n.nationality } : {}) };
}

/** A listed individual's own first readable date of birth and first nationality, as a query would give them. */
function ownEvidence(e: ListEntry): SecondaryEvidence {
  const birth = e.datesOfBirth.map((d) => ({ d, b: parseRecordedBirth(d) })).find((x) => x.b);
  const nationality = e.nationalities.map(countryCode).find((c) => c !== undefined);
  const dateOfBirth = birth ? (birth.b!.date ?? String(birth.b!.from === birth.b!.to ? birth.b!.from : Math.round((birth.b!.from + birth.b!.to) / 2))) : undefined;
  return { ...(dateOfBirth ? { dateOfBirth } : {}), ...(nationality ? { nationality } : {}) };
}

/**
 * d) Precision: false-positive rates on a negative set of common names (see negative-names.ts)
 * screened as directors are (individuals, review threshold), before and after weak aliases and
 * token rarity, without and with secondary evidence; and recall when every listed name is queried
 * exactly, without and with the entry's own date of birth and nationality.
 */
export function precisionBenchmark(xmlPath: string): void {
  const entries = parseConsolidatedList(readFileSync(xmlPath, 'utf8')).entries;
  const precise = snapshotOf(entries, true);
  const plain = snapshotOf(entries, false);
  const { names, leftOut } = negativeNames(entries.flatMap((e) => e.names.map((n) => n.value)));
  const populations = [...new Set(names.map((n) => n.population))];
  console.log(`\n== d) precision: a negative set of ${names.length} common names screened as directors (individuals, threshold ${POSSIBLE_AT}) ==`);
  console.log(
    `set: @faker-js/faker person tables, ${populations.length} populations × ${NAMES_PER_POPULATION} distinct names, seed ${NEGATIVE_SEED}; ` +
      `${leftOut.length} drawn names equal to a listed name left out${leftOut.length ? ` (${leftOut.join(', ')})` : ''}`,
  );
  console.log(`token rarity: table ${JSON.stringify(commonNameGroups())}; ${precise.index.tokenRarity.commonOnList} tokens common on the list itself`);
  type Tally = { n: number; plain: number; precise: number; evidence: number };
  const tallies = new Map<string, Tally>();
  const total: Tally = { n: 0, plain: 0, precise: 0, evidence: 0 };
  const examples: string[] = [];
  for (const n of names) {
    const t = tallies.get(n.population) ?? { n: 0, plain: 0, precise: 0, evidence: 0 };
    const before = searchList(plain, n.name, 'individual', 5).hits.length > 0;
    const after = searchList(precise, n.name, 'individual', 5);
    const withEvidence = searchList(precise, n.name, 'individual', 5, evidenceOf(n)).hits.length > 0;
    for (const x of [t, total]) {
      x.n += 1;
      if (before) x.plain += 1;
      if (after.hits.length > 0) x.precise += 1;
      if (withEvidence) x.evidence += 1;
    }
    if (after.hits.length > 0 && examples.length < 20) {
      const h = after.hits[0];
      examples.push(`${n.population} | ${n.name} | ${h.referenceNumber} ${h.listedName} (${h.nameKind}) ${h.score}${withEvidence ? '' : ' | cleared by evidence'}`);
    }
    tallies.set(n.population, t);
  }
  console.log(`${pad('population', 20)} ${pad('names', 6)} ${pad('before', 18)} ${pad('now, name only', 18)} now, with birth year and nationality`);
  const row = (label: string, t: Tally) =>
    console.log(`${pad(label, 20)} ${pad(String(t.n), 6)} ${pad(`${t.plain} (${pct(t.plain, t.n)})`, 18)} ${pad(`${t.precise} (${pct(t.precise, t.n)})`, 18)} ${t.evidence} (${pct(t.evidence, t.n)})`);
  for (const p of populations) row(p, tallies.get(p)!);
  row('ALL', total);
  console.log(
    `false-positive rate, name only: ${pct(total.precise, total.n)} (goal < ${pct(FP_GOAL * 1000, 1000)}: ${total.precise / total.n < FP_GOAL ? 'met' : 'MISSED'}); ` +
      `with secondary evidence: ${pct(total.evidence, total.n)}; before weak aliases and token rarity: ${pct(total.plain, total.n)}`,
  );
  if (examples.length) {
    console.log('possible hits left (name only):');
    for (const e of examples) console.log(`  ${e}`);
  }

  console.log(`\n-- every listed name queried exactly (no type), threshold ${POSSIBLE_AT}`);
  const kinds = new Map<string, { found: number; total: number; misses: string[] }>();
  let evidenceFound = 0;
  let evidenceTotal = 0;
  let evidenceRaised = 0;
  let scoreWithout = 0;
  let scoreWith = 0;
  for (const e of entries) {
    const own = e.type === 'individual' ? ownEvidence(e) : {};
    for (const n of e.names) {
      const kind = isWeakAlias(n) ? 'weak alias (Low)' : n.kind === 'alias' ? `alias (${n.quality ?? 'no quality'})` : n.kind;
      const tally = kinds.get(kind) ?? { found: 0, total: 0, misses: [] };
      tally.total += 1;
      const hit = searchList(precise, n.value, undefined, 50).hits.find((h) => h.referenceNumber === e.referenceNumber);
      if (hit) tally.found += 1;
      else tally.misses.push(`${e.referenceNumber} ${n.value}`);
      kinds.set(kind, tally);
      if (e.type === 'individual' && !isWeakAlias(n) && (own.dateOfBirth || own.nationality)) {
        evidenceTotal += 1;
        const withOwn = searchList(precise, n.value, undefined, 50, own).hits.find((h) => h.referenceNumber === e.referenceNumber);
        if (withOwn) evidenceFound += 1;
        if (hit && withOwn) {
          scoreWithout += hit.score;
          scoreWith += withOwn.score;
          if (withOwn.score > hit.score) evidenceRaised += 1;
        }
      }
    }
  }
  let nonWeakFound = 0;
  let nonWeakTotal = 0;
  for (const [kind, t] of kinds) {
    console.log(`${pad(kind, 26)} recall ${(t.found / t.total).toFixed(3)} (${t.found}/${t.total})${kind.startsWith('weak') ? '' : ', goal 1.000'}`);
    if (!kind.startsWith('weak')) {
      nonWeakFound += t.found;
      nonWeakTotal += t.total;
    }
    for (const m of t.misses.slice(0, 10)) console.log(`  miss: ${m}`);
  }
  console.log(`every non-weak name: recall ${(nonWeakFound / nonWeakTotal).toFixed(3)} (${nonWeakFound}/${nonWeakTotal}), goal 1.000: ${nonWeakFound === nonWeakTotal ? 'met' : 'MISSED'}`);
  console.log(
    `with the individual's own date of birth and nationality: recall ${(evidenceFound / evidenceTotal).toFixed(3)} (${evidenceFound}/${evidenceTotal}); ` +
      `mean score ${(scoreWithout / Math.max(1, evidenceFound)).toFixed(3)} → ${(scoreWith / Math.max(1, evidenceFound)).toFixed(3)}, raised for ${evidenceRaised} (the rest were at 1 already)`,
  );

  console.log(`\n-- DPRK individuals queried by their primary name misspelt (the last vowel of its longest word changed), threshold ${POSSIBLE_AT}`);
  const variantQueries: { query: string; entry: ListEntry }[] = [];
  for (const e of entries) {
    if (e.type !== 'individual' || !isDprkReference(e.referenceNumber)) continue;
    variantQueries.push({ query: misspelt(e.names.find((n) => n.kind === 'primary')!.value), entry: e });
  }
  const variant = (label: string, evidence: (e: ListEntry) => SecondaryEvidence, list = precise) => {
    let found = 0;
    let designated = 0;
    let scores = 0;
    for (const q of variantQueries) {
      const hit = searchList(list, q.query, 'individual', 50, evidence(q.entry)).hits.find((h) => h.referenceNumber === q.entry.referenceNumber);
      if (!hit) continue;
      found += 1;
      scores += hit.score;
      if (hit.strength === 'designated') designated += 1;
    }
    console.log(
      `${pad(label, 52)} found ${found}/${variantQueries.length} (${(found / variantQueries.length).toFixed(3)}), designated ${designated}, mean score of those found ${(scores / Math.max(1, found)).toFixed(3)}`,
    );
  };
  variant('name only, before weak aliases and token rarity', () => ({}), plain);
  variant('name only', () => ({}));
  variant("with the individual's own date of birth and nationality", ownEvidence);
  variant('with a year of birth 30 years off', (e) => {
    const own = ownEvidence(e);
    return own.dateOfBirth ? { dateOfBirth: String(Number(own.dateOfBirth.slice(0, 4)) + 30) } : {};
  });
  variant('with a year 30 years off and nationality SE', (e) => {
    const own = ownEvidence(e);
    return { ...(own.dateOfBirth ? { dateOfBirth: String(Number(own.dateOfBirth.slice(0, 4)) + 30) } : {}), nationality: 'SE' };
  });
}

const VOWEL_SWAP: Record<string, string> = { a: 'e', e: 'a', i: 'y', o: 'u', u: 'o', A: 'E', E: 'A', I: 'Y', O: 'U', U: 'O' };

/** The name with the last vowel of its longest word changed (Kim Yong Chol → Kim Yong Chul): a misspelling made the same way every run. */
function misspelt(name: string): string {
  const words = name.split(/(\s+|-)/u);
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest].length) longest = i;
  });
  const w = words[longest];
  for (let i = w.length - 1; i >= 0; i--) {
    const swap = VOWEL_SWAP[w[i]];
    if (swap) {
      words[longest] = w.slice(0, i) + swap + w.slice(i + 1);
      break;
    }
  }
  return words.join('');
}
