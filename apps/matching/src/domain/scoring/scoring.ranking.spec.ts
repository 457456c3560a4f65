import { describe, expect, it } from '@jest/globals';
import { activityFit } from './scoring.criteria.js';
import { OpportunityColumns, rankColumnScores, rankCompanies, rankOpportunities, rankOpportunityScores, scoreIfAtLeast, scorePrepared, type RankOptions } from './scoring.engine.js';
import { RUBRICS, seededRandom, syntheticCompany, syntheticOpportunity } from './scoring.fixtures.js';
import { prepareCompany, prepareOpportunity, prepareRubric, type PreparedCompany, type PreparedOpportunity, type PreparedRubric } from './scoring.prepare.js';
import { SECTOR_IDS, type CompanyProfile, type MatchScore, type Opportunity, type SectorId, type SectorRubric } from './scoring.types.js';

const random = seededRandom(7);
const SECTORS: readonly SectorId[] = SECTOR_IDS;
const RAJIN_SITE = { name: 'Rajin port', lat: 42.25559, lon: 130.28308 };

/** Synthetic companies with the awkward cases mixed in: no location, no revenue or staff, one sector, nothing declared. */
function companies(): CompanyProfile[] {
  const out = Array.from({ length: 150 }, (_, i): CompanyProfile => {
    const c = syntheticCompany(i, random);
    return {
      ...c,
      location: i % 9 === 0 ? undefined : c.location,
      region: i % 5 === 0 ? 'Khabarovsk Krai' : i % 8 === 0 ? 'Sakhalin Oblast' : c.region,
      annualRevenueRub: i % 11 === 0 ? 0 : c.annualRevenueRub,
      employees: i % 13 === 0 ? 0 : c.employees,
      sectors: i % 7 === 0 ? [SECTORS[i % 3]!] : i % 10 === 3 ? ['mining', 'electricity'] : c.sectors,
      capabilities: i % 17 === 0 ? [] : c.capabilities,
      hsCodes: i % 19 === 0 ? [] : i % 6 === 0 ? [...c.hsCodes, '8429.52.100'] : c.hsCodes,
      okved: i % 19 === 0 ? [] : i % 4 === 0 ? [...c.okved, '29.10.2'] : c.okved,
    };
  });
  return [...out, ...out.slice(0, 30).map((c, i) => ({ ...c, id: i % 2 === 0 ? `${c.id}-twin` : `b-${c.id}` }))];
}

/** Synthetic opportunities with the awkward cases mixed in, and twins under other ids so that scores tie. */
function opportunities(): Opportunity[] {
  const out = Array.from({ length: 240 }, (_, i): Opportunity => {
    const o = syntheticOpportunity(i, random);
    return {
      ...o,
      site: i % 14 === 0 ? RAJIN_SITE : o.site,
      requiredCapabilities: i % 6 === 0 ? [] : i % 9 === 0 ? [...o.requiredCapabilities, o.requiredCapabilities[0]!] : o.requiredCapabilities,
      hsCodes: i % 8 === 0 ? [] : o.hsCodes,
      okved: i % 15 === 0 ? ['29.10.2', '35.1'] : o.okved,
      sizeUsd: i % 12 === 0 ? 0 : o.sizeUsd,
      settlementCurrencies: [[], ['rub'], ['RUB'], ['USD', 'EUR'], o.settlementCurrencies][i % 10] ?? o.settlementCurrencies,
    };
  });
  return [...out, ...out.slice(0, 45).map((o, i) => ({ ...o, id: i % 2 === 0 ? `${o.id}-twin` : `a-${o.id}` }))];
}

function rubric(sector: SectorId, criteria: [SectorRubric['criteria'][number]['id'], number][], defaultOkved: string[]): SectorRubric {
  return { sector, criteria: criteria.map(([id, weight]) => ({ id, weight, description: id })), defaultOkved };
}

/**
 * Rubrics that leave criteria out, give some nothing, and split weights into thirds, and publish
 * other activities than the published rubrics (none at all for mining), so that every score below
 * also checks that activity fit uses the activities of the rubric it is scored with.
 */
const PARTIAL_RUBRICS: Record<SectorId, SectorRubric> = {
  mining: rubric('mining', [
    ['capability_coverage', 0.5],
    ['product_fit', 0.3],
    ['settlement', 0.2],
  ], []),
  automobile: rubric('automobile', [
    ['scale_fit', 0.333333],
    ['proximity', 0.333333],
    ['export_experience', 0.333334],
    ['capability_coverage', 0],
  ], ['45']),
  electricity: rubric('electricity', [
    ['activity_fit', 0.45],
    ['proximity', 0.35],
    ['capability_coverage', 0.2],
  ], ['35', '27.1']),
};

const COMPANIES = companies();
const OPPORTUNITIES = opportunities();
const PREPARED_COMPANIES = COMPANIES.map(prepareCompany);
const PREPARED_OPPORTUNITIES = OPPORTUNITIES.map(prepareOpportunity);

/** A ranking as "id score" lines, quick to compare and readable when they differ. */
function lines(matches: readonly MatchScore[], idOf: (m: MatchScore) => string): string[] {
  return matches.map((m) => `${idOf(m)} ${m.score}`);
}

function byScoreThenId(idOf: (m: MatchScore) => string) {
  return (a: MatchScore, b: MatchScore) => b.score - a.score || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);
}

/** Every pair a ranking considers, scored one by one with the explained scorer. */
function explainedPairs(rubrics: Record<SectorId, SectorRubric>, rubPerUsd: number): MatchScore[][] {
  return PREPARED_COMPANIES.map((pc) =>
    PREPARED_OPPORTUNITIES.filter((po) => pc.sectors.has(po.sector)).map((po) =>
      scorePrepared(pc, po, rubrics[po.sector], { rubPerUsd }),
    ),
  );
}

/** The best matches by the plain rule: at least minScore, best score first, then smallest id, at most limit. */
function reference(matches: readonly MatchScore[], options: RankOptions, idOf: (m: MatchScore) => string): MatchScore[] {
  const { minScore = 0, limit = Number.POSITIVE_INFINITY } = options;
  return matches
    .filter((m) => m.score >= minScore)
    .sort(byScoreThenId(idOf))
    .slice(0, limit);
}

/** Option sets to rank with; the last one puts minScore exactly on a score that occurs. */
function optionSets(scores: readonly number[]): RankOptions[] {
  const sorted = [...scores].sort((a, b) => b - a);
  const onAScore = sorted[Math.min(12, sorted.length - 1)] ?? 50;
  return [{ limit: 1 }, { limit: 7 }, { limit: 20, minScore: 55 }, { limit: 40 }, { minScore: onAScore }];
}

/** How many reference cuts fall inside a run of equal scores, so that the id decides what is kept. */
function tiesAtTheCut(matches: readonly MatchScore[], limit: number, idOf: (m: MatchScore) => string): number {
  const sorted = [...matches].sort(byScoreThenId(idOf));
  return sorted.length > limit && sorted[limit - 1]!.score === sorted[limit]!.score ? 1 : 0;
}

describe.each([
  ['published rubrics', RUBRICS, 90],
  ['partial rubrics at 30 RUB/USD', PARTIAL_RUBRICS, 30],
] as const)('ranking with %s matches a plain ranking of explained scores', (_name, rubrics, rubPerUsd) => {
  const pairs = explainedPairs(rubrics, rubPerUsd);
  const byOpportunity = new Map<string, MatchScore[]>();
  for (const m of pairs.flat()) {
    const list = byOpportunity.get(m.opportunityId);
    if (list) list.push(m);
    else byOpportunity.set(m.opportunityId, [m]);
  }
  const opportunityId = (m: MatchScore) => m.opportunityId;
  const companyId = (m: MatchScore) => m.companyId;

  it('gives every pair the same bare score as the explained one', () => {
    PREPARED_COMPANIES.forEach((pc, i) => {
      const opportunitiesOf = PREPARED_OPPORTUNITIES.filter((po) => pc.sectors.has(po.sector));
      const bare = opportunitiesOf.map((po) => scorePrepared(pc, po, rubrics[po.sector], { rubPerUsd, explain: false }));
      expect(bare).toEqual(pairs[i]!.map((m) => m.score));
    });
  });

  it('measures opportunities naming no OKVED2 codes against the activities of the rubric each pair is scored with', () => {
    let measured = 0;
    PREPARED_COMPANIES.forEach((pc, i) => {
      const opportunitiesOf = PREPARED_OPPORTUNITIES.filter((po) => pc.sectors.has(po.sector));
      opportunitiesOf.forEach((po, k) => {
        const fit = pairs[i]![k]!.breakdown.find((b) => b.criterion === 'activity_fit');
        if (!po.okvedFromSectorDefault || fit === undefined) return;
        expect([po.id, fit.value]).toEqual([po.id, Math.round(activityFit(pc, po, rubrics[po.sector]).value * 1e4) / 1e4]);
        measured++;
      });
    });
    expect(measured).toBeGreaterThan(1000);
  });

  it('ranks opportunities for every company as the plain ranking does, ties by id', () => {
    let cutsInTies = 0;
    PREPARED_COMPANIES.forEach((pc, i) => {
      const matches = pairs[i]!;
      for (const options of optionSets(matches.map((m) => m.score))) {
        const ranked = rankOpportunities(pc, PREPARED_OPPORTUNITIES, rubrics, { ...options, rubPerUsd });
        const expected = reference(matches, options, opportunityId);
        expect(lines(ranked, opportunityId)).toEqual(lines(expected, opportunityId));
        if (i % 10 === 0) expect(ranked).toEqual(expected);
        if (options.limit !== undefined) cutsInTies += tiesAtTheCut(matches, options.limit, opportunityId);
      }
    });
    expect(cutsInTies).toBeGreaterThan(10);
  });

  it('ranks bare scores exactly as the explained ranking, without the breakdown', () => {
    PREPARED_COMPANIES.forEach((pc, i) => {
      for (const options of optionSets(pairs[i]!.map((m) => m.score))) {
        const explained = rankOpportunities(pc, PREPARED_OPPORTUNITIES, rubrics, { ...options, rubPerUsd });
        const bare = rankOpportunityScores(pc, PREPARED_OPPORTUNITIES, rubrics, { ...options, rubPerUsd });
        expect(bare).toEqual(explained.map(({ breakdown: _b, ...score }) => score));
      }
    });
  });

  it('ranks over column sets exactly as over the opportunities themselves', () => {
    const columns = SECTORS.map((sector) => new OpportunityColumns(sector, PREPARED_OPPORTUNITIES.filter((po) => po.sector === sector)));
    PREPARED_COMPANIES.forEach((pc, i) => {
      for (const options of optionSets(pairs[i]!.map((m) => m.score))) {
        const plain = rankOpportunityScores(pc, PREPARED_OPPORTUNITIES, rubrics, { ...options, rubPerUsd });
        expect(rankColumnScores(pc, columns, rubrics, { ...options, rubPerUsd })).toEqual(plain);
      }
    });
  });

  it('scores a pair only when it reaches the score asked for', () => {
    const prepared = Object.fromEntries(SECTORS.map((s) => [s, prepareRubric(rubrics[s])])) as Record<SectorId, PreparedRubric>;
    PREPARED_COMPANIES.forEach((pc, i) => {
      for (const m of pairs[i]!.filter((_, k) => k % 7 === 0)) {
        const po = PREPARED_OPPORTUNITIES.find((o) => o.id === m.opportunityId)!;
        const rubric = prepared[po.sector];
        expect(scoreIfAtLeast(pc, po, rubric, m.score, { rubPerUsd })).toBe(m.score);
        expect(scoreIfAtLeast(pc, po, rubric, Math.max(0, m.score - 5), { rubPerUsd })).toBe(m.score);
        expect(scoreIfAtLeast(pc, po, rubric, m.score + 0.01, { rubPerUsd })).toBe(-1);
      }
    });
  });

  it('ranks companies for every opportunity as the plain ranking does, ties by id', () => {
    let cutsInTies = 0;
    PREPARED_OPPORTUNITIES.forEach((po, j) => {
      const matches = byOpportunity.get(po.id) ?? [];
      for (const options of optionSets(matches.map((m) => m.score))) {
        const ranked = rankCompanies(po, PREPARED_COMPANIES, rubrics[po.sector], { ...options, rubPerUsd });
        const expected = reference(matches, options, companyId);
        expect(lines(ranked, companyId)).toEqual(lines(expected, companyId));
        if (j % 10 === 0) expect(ranked).toEqual(expected);
        if (options.limit !== undefined) cutsInTies += tiesAtTheCut(matches, options.limit, companyId);
      }
    });
    expect(cutsInTies).toBeGreaterThan(10);
  });

  it('gives the same rankings for raw companies and opportunities as for prepared ones', () => {
    for (let i = 0; i < COMPANIES.length; i += 15) {
      const options = { limit: 15, minScore: 40, rubPerUsd };
      expect(rankOpportunities(COMPANIES[i]!, OPPORTUNITIES, rubrics, options)).toEqual(
        rankOpportunities(PREPARED_COMPANIES[i]!, PREPARED_OPPORTUNITIES, rubrics, options),
      );
    }
    for (let j = 0; j < OPPORTUNITIES.length; j += 25) {
      const o = OPPORTUNITIES[j]!;
      const options = { limit: 15, minScore: 40, rubPerUsd };
      expect(rankCompanies(o, COMPANIES, rubrics[o.sector], options)).toEqual(
        rankCompanies(PREPARED_OPPORTUNITIES[j]!, PREPARED_COMPANIES, rubrics[o.sector], options),
      );
    }
  });
});

describe('ranking edge cases', () => {
  const pc: PreparedCompany = PREPARED_COMPANIES[1]!;
  const po: PreparedOpportunity = PREPARED_OPPORTUNITIES[1]!;

  it('keeps a match scoring exactly minScore and drops one a hundredth below', () => {
    const [best] = rankOpportunities(pc, PREPARED_OPPORTUNITIES, RUBRICS, { limit: 1 });
    expect(rankOpportunities(pc, PREPARED_OPPORTUNITIES, RUBRICS, { minScore: best!.score }).map((m) => m.score)).toEqual(
      expect.arrayContaining([best!.score]),
    );
    expect(rankOpportunities(pc, PREPARED_OPPORTUNITIES, RUBRICS, { minScore: best!.score + 0.01 })).toEqual([]);
  });

  it('ranks nothing when minScore is 100 and nobody is perfect', () => {
    const [best] = rankCompanies(po, PREPARED_COMPANIES, RUBRICS[po.sector], { limit: 1 });
    expect(best!.score).toBeLessThan(100);
    expect(rankCompanies(po, PREPARED_COMPANIES, RUBRICS[po.sector], { minScore: 100 })).toEqual([]);
  });
});
