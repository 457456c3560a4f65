import { describe, expect, it } from '@jest/globals';
import { rankCompanies, rankOpportunities, scoreMatch, scorePrepared } from './scoring.engine.js';
import { ScoringError } from './scoring.errors.js';
import { ALL_OPPORTUNITIES, company, opportunity, RUBRICS, SECTOR_FIXTURES } from './scoring.fixtures.js';
import { prepareCompany, prepareOpportunity, prepareRubric } from './scoring.prepare.js';
import type { MatchScore, SectorRubric } from './scoring.types.js';

const pairsOf = (f: (typeof SECTOR_FIXTURES)[number]) =>
  [f.good, f.poor].flatMap((c) => f.opportunities.map((o) => ({ c, o, label: `${c.id} × ${o.id}` })));

function hundredths(n: number): number {
  return Math.round(n * 100);
}

describe.each(SECTOR_FIXTURES.map((f) => [f.sector, f] as const))('scoreMatch in %s', (sector, fixture) => {
  const rubric = RUBRICS[sector];

  it.each(pairsOf(fixture))('$label: the breakdown adds up to the score', ({ c, o }) => {
    const match = scoreMatch(c, o, rubric);
    const sum = match.breakdown.reduce((acc, b) => acc + hundredths(b.contribution), 0);
    expect(hundredths(match.score)).toBe(sum);
    expect(match.score).toBe(sum / 100);
    expect(match).toMatchObject({ companyId: c.id, opportunityId: o.id, sector });
  });

  it.each(pairsOf(fixture))('$label: values in [0, 1], weights from the rubric, contribution = 100 × weight × value', ({ c, o }) => {
    const match = scoreMatch(c, o, rubric);
    expect(match.breakdown.map((b) => [b.criterion, b.weight])).toEqual(rubric.criteria.map((r) => [r.id, r.weight]));
    for (const b of match.breakdown) {
      expect(b.value).toBeGreaterThanOrEqual(0);
      expect(b.value).toBeLessThanOrEqual(1);
      expect(Math.abs(b.contribution - 100 * b.weight * b.value)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(hundredths(b.contribution)).toBe(Math.round(100 * b.contribution));
      expect(b.reason.length).toBeGreaterThan(5);
    }
    expect(match.score).toBeGreaterThanOrEqual(0);
    expect(match.score).toBeLessThanOrEqual(100);
  });

  it.each(pairsOf(fixture))('$label: the bare score equals the explained one', ({ c, o }) => {
    const explained = scoreMatch(c, o, rubric);
    const bare = scorePrepared(prepareCompany(c), prepareOpportunity(o), rubric, { explain: false });
    expect(bare).toBe(explained.score);
    expect(scoreMatch(prepareCompany(c), prepareOpportunity(o), rubric)).toEqual(explained);
  });

  it.each(fixture.opportunities.map((o) => [o.id, o] as const))(
    'the fitting company outranks the poor one on %s',
    (_id, o) => {
      expect(scoreMatch(fixture.good, o, rubric).score - scoreMatch(fixture.poor, o, rubric).score).toBeGreaterThan(10);
      expect(rankCompanies(o, [fixture.poor, fixture.good], rubric).map((m) => m.companyId)).toEqual([
        fixture.good.id,
        fixture.poor.id,
      ]);
    },
  );
});

describe('scoreMatch on a worked example', () => {
  it('scores the Primorye miner against the Rason coal mine at 99.50', () => {
    const mining = SECTOR_FIXTURES[0]!;
    const match = scoreMatch(mining.good, mining.opportunities[0]!, RUBRICS.mining);
    expect(match.breakdown.map((b) => [b.criterion, b.value, b.contribution])).toEqual([
      ['capability_coverage', 1, 25],
      ['product_fit', 1, 20],
      ['activity_fit', 1, 15],
      ['scale_fit', 1, 15],
      ['proximity', 1, 10],
      ['settlement', 1, 5],
      ['export_experience', 0.9499, 9.5],
    ]);
    expect(match.score).toBe(99.5);
  });

  it('takes weights from the rubric it is given', () => {
    const capabilityOnly: SectorRubric = {
      sector: 'mining',
      criteria: [{ id: 'capability_coverage', weight: 1, description: 'capabilities only' }],
      defaultOkved: [],
    };
    const c = company({ capabilities: ['a', 'b'] });
    const o = opportunity({ requiredCapabilities: ['a', 'b', 'c'] });
    const match = scoreMatch(c, o, capabilityOnly);
    expect(match.score).toBe(66.67);
    expect(match.breakdown).toEqual([
      {
        criterion: 'capability_coverage',
        weight: 1,
        value: 0.6667,
        contribution: 66.67,
        reason: 'covers 2 of 3 required capabilities: a, b; missing c',
      },
    ]);
  });

  it('rounds each contribution and sums the rounded contributions', () => {
    const thirds: SectorRubric = {
      sector: 'mining',
      criteria: [
        { id: 'capability_coverage', weight: 0.5, description: '' },
        { id: 'settlement', weight: 0.5, description: '' },
      ],
      defaultOkved: [],
    };
    const c = company({ capabilities: ['a'], acceptsRubSettlement: false });
    const o = opportunity({ requiredCapabilities: ['a', 'b', 'c'], settlementCurrencies: ['RUB'] });
    const match = scoreMatch(c, o, thirds);
    expect(match.breakdown.map((b) => b.contribution)).toEqual([16.67, 10]);
    expect(match.score).toBe(26.67);
  });
});

describe('activity fit against the activities the sector rubric publishes', () => {
  // A mining opportunity naming no OKVED2 codes, and a bulk port operator (52.24, among the mining sector's published activities).
  const o = opportunity({ id: 'o-no-okved', sector: 'mining' });
  const c = company({ id: 'c-port', sectors: ['mining'], okved: ['52.24'] });
  const ores: SectorRubric = { ...RUBRICS.mining, defaultOkved: ['05', '07'] };
  const activity = (m: MatchScore) => m.breakdown.find((b) => b.criterion === 'activity_fit');
  const published = {
    value: 1,
    contribution: 15,
    reason:
      'no OKVED2 codes on the opportunity, so mining defaults (05, 07, 08, 09, 28.92, 71.12.3, 46.72, 49.20, 52.24) apply: ' +
      'OKVED2 52.24 matches mining-relevant 52.24',
  };
  const oresOnly = { value: 0, contribution: 0, reason: "no OKVED2 codes on the opportunity, so mining defaults (05, 07) apply: none of the company's codes is close" };

  it('takes the activities from the rubric each score is given, for the same prepared pair in any order', () => {
    const pc = prepareCompany(c);
    const po = prepareOpportunity(o);
    for (const [rubric, expected] of [
      [RUBRICS.mining, published],
      [ores, oresOnly],
      [RUBRICS.mining, published],
      [prepareRubric(ores), oresOnly],
    ] as const) {
      const match = scorePrepared(pc, po, rubric);
      expect(activity(match)).toMatchObject(expected);
      expect(scorePrepared(pc, po, rubric, { explain: false })).toBe(match.score);
    }
    expect(scoreMatch(c, o, RUBRICS.mining).score - scoreMatch(c, o, ores).score).toBe(15);
  });

  it("ranks with each sector's own activities", () => {
    const both = company({ ...c, sectors: ['mining', 'automobile'], okved: ['52.24', '45.20'] });
    const car = opportunity({ id: 'o-car-no-okved', sector: 'automobile' });
    const activities = (rubrics: typeof RUBRICS) =>
      Object.fromEntries(rankOpportunities(both, [o, car], rubrics).map((m) => [m.opportunityId, activity(m)?.value]));
    expect(activities(RUBRICS)).toEqual({ 'o-no-okved': 1, 'o-car-no-okved': 1 });
    expect(activities({ ...RUBRICS, mining: ores })).toEqual({ 'o-no-okved': 0, 'o-car-no-okved': 1 });
    expect(activity(scoreMatch(both, car, RUBRICS.automobile))?.reason).toBe(
      'no OKVED2 codes on the opportunity, so automobile defaults (29, 29.10, 29.20, 29.31, 29.32, 28.30, 22.11, 45.11, 45.20, 45.31) apply: ' +
        'OKVED2 45.20 matches automobile-relevant 45.20',
    );
  });

  it('shares one parsed list between rubrics that publish the same activities', () => {
    expect(prepareRubric({ ...RUBRICS.mining }).sectorActivities).toBe(prepareRubric(RUBRICS.mining).sectorActivities);
    expect(prepareRubric(ores).sectorActivities).not.toBe(prepareRubric(RUBRICS.mining).sectorActivities);
    expect(prepareRubric(ores).sectorActivities.keys).toEqual(['05', '07']);
  });
});

describe('scoreMatch refusals', () => {
  const mining = SECTOR_FIXTURES[0]!;
  const badRubric = (criteria: SectorRubric['criteria'], defaultOkved: readonly string[] = ['05']): SectorRubric => ({ sector: 'mining', criteria, defaultOkved });

  it.each([
    {
      name: 'a company that does not declare the sector',
      run: () => scoreMatch(company({ sectors: ['electricity'] }), mining.opportunities[0]!, RUBRICS.mining),
      code: 'SECTOR_NOT_DECLARED',
    },
    {
      name: 'a rubric of another sector',
      run: () => scoreMatch(mining.good, mining.opportunities[0]!, RUBRICS.electricity),
      code: 'RUBRIC_SECTOR_MISMATCH',
    },
    {
      name: 'weights that do not sum to 1',
      run: () => scoreMatch(mining.good, mining.opportunities[0]!, badRubric([{ id: 'proximity', weight: 0.9, description: '' }])),
      code: 'INVALID_RUBRIC',
    },
    {
      name: 'a criterion listed twice',
      run: () =>
        scoreMatch(
          mining.good,
          mining.opportunities[0]!,
          badRubric([
            { id: 'proximity', weight: 0.5, description: '' },
            { id: 'proximity', weight: 0.5, description: '' },
          ]),
        ),
      code: 'INVALID_RUBRIC',
    },
    {
      name: 'an unknown criterion',
      run: () =>
        scoreMatch(
          mining.good,
          mining.opportunities[0]!,
          badRubric([{ id: 'charisma' as 'proximity', weight: 1, description: '' }]),
        ),
      code: 'INVALID_RUBRIC',
    },
    {
      name: 'a default OKVED2 activity that is not an OKVED2 code',
      run: () => scoreMatch(mining.good, mining.opportunities[0]!, badRubric(RUBRICS.mining.criteria, ['05', '5.1'])),
      code: 'INVALID_RUBRIC',
    },
    {
      name: 'default OKVED2 activities that are not a list',
      run: () => scoreMatch(mining.good, mining.opportunities[0]!, { ...RUBRICS.mining, defaultOkved: '05' as unknown as string[] }),
      code: 'INVALID_RUBRIC',
    },
    {
      name: 'a non-positive exchange rate',
      run: () => scoreMatch(mining.good, mining.opportunities[0]!, RUBRICS.mining, { rubPerUsd: 0 }),
      code: 'INVALID_OPTIONS',
    },
  ])('refuses $name with $code', ({ run, code }) => {
    expect(run).toThrow(ScoringError);
    expect(run).toThrow(expect.objectContaining({ code }) as unknown as Error);
  });
});

describe('rankOpportunities', () => {
  const [mining, automobile, electricity] = SECTOR_FIXTURES;
  const ids = (matches: MatchScore[]) => matches.map((m) => m.opportunityId);

  it('ranks only the sectors the company declares: a mining-only company gets no electricity results', () => {
    const ranked = rankOpportunities(mining!.good, ALL_OPPORTUNITIES, RUBRICS);
    expect(ids(ranked)).toEqual(['o-mining-rason-coal', 'o-mining-musan-iron']);
    expect(ranked.map((m) => m.score)).toEqual([99.5, 83.5]);
    expect(ranked.every((m) => m.sector === 'mining')).toBe(true);
  });

  it('ranks across every declared sector, best first', () => {
    const both = company({ ...electricity!.good, id: 'c-both', sectors: ['electricity', 'automobile'] });
    const ranked = rankOpportunities(both, ALL_OPPORTUNITIES, RUBRICS);
    expect(new Set(ranked.map((m) => m.sector))).toEqual(new Set(['electricity', 'automobile']));
    expect(ranked).toHaveLength(electricity!.opportunities.length + automobile!.opportunities.length);
    ranked.slice(1).forEach((m, i) => expect(m.score).toBeLessThanOrEqual(ranked[i]!.score));
    expect(ranked[0]!.opportunityId).toBe('o-elec-rason-grid');
  });

  it('breaks ties by opportunity id', () => {
    const base = mining!.opportunities[1]!;
    const twins = ['o-c', 'o-a', 'o-b'].map((id) => ({ ...base, id }));
    expect(ids(rankOpportunities(mining!.good, twins, RUBRICS))).toEqual(['o-a', 'o-b', 'o-c']);
  });

  it('applies minScore and limit', () => {
    const c = company({ ...mining!.good, sectors: ['mining', 'automobile', 'electricity'] });
    const all = rankOpportunities(c, ALL_OPPORTUNITIES, RUBRICS);
    expect(all).toHaveLength(6);
    expect(ids(rankOpportunities(c, ALL_OPPORTUNITIES, RUBRICS, { limit: 2 }))).toEqual(ids(all).slice(0, 2));
    const threshold = all[2]!.score;
    expect(ids(rankOpportunities(c, ALL_OPPORTUNITIES, RUBRICS, { minScore: threshold }))).toEqual(ids(all).slice(0, 3));
  });

  it('accepts prepared opportunities and gives the same result', () => {
    const prepared = ALL_OPPORTUNITIES.map(prepareOpportunity);
    expect(rankOpportunities(prepareCompany(mining!.good), prepared, RUBRICS)).toEqual(
      rankOpportunities(mining!.good, ALL_OPPORTUNITIES, RUBRICS),
    );
  });

  it('refuses a declared sector without a rubric', () => {
    const run = () => rankOpportunities(mining!.good, ALL_OPPORTUNITIES, { electricity: RUBRICS.electricity });
    expect(run).toThrow(expect.objectContaining({ code: 'RUBRIC_MISSING' }) as unknown as Error);
  });
});

describe('rankCompanies', () => {
  it('ranks only companies that declare the opportunity sector, ties by company id', () => {
    const [mining, , electricity] = SECTOR_FIXTURES;
    const o = mining!.opportunities[0]!;
    const twin = { ...mining!.good, id: 'c-a-twin' };
    const ranked = rankCompanies(o, [mining!.poor, electricity!.good, mining!.good, twin], RUBRICS.mining);
    expect(ranked.map((m) => m.companyId)).toEqual(['c-a-twin', 'c-mining-primorye', 'c-mining-moscow']);
  });
});
