import { describe, expect, it } from '@jest/globals';
import { rankCompanies, rankOpportunities, scoreMatch, scorePrepared } from './scoring.engine.js';
import { ScoringError } from './scoring.errors.js';
import { ALL_OPPORTUNITIES, company, opportunity, RUBRICS, SECTOR_FIXTURES } from './scoring.fixtures.js';
import { prepareCompany, prepareOpportunity } from './scoring.prepare.js';
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
    };
    const c = company({ capabilities: ['a'], acceptsRubSettlement: false });
    const o = opportunity({ requiredCapabilities: ['a', 'b', 'c'], settlementCurrencies: ['RUB'] });
    const match = scoreMatch(c, o, thirds);
    expect(match.breakdown.map((b) => b.contribution)).toEqual([16.67, 10]);
    expect(match.score).toBe(26.67);
  });
});

describe('scoreMatch refusals', () => {
  const mining = SECTOR_FIXTURES[0]!;
  const badRubric = (criteria: SectorRubric['criteria']): SectorRubric => ({ sector: 'mining', criteria });

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
