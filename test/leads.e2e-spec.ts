import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#testing';
import { EmbeddedPlatform } from './support/embedded.js';
import { innFrom } from './support/fixtures.js';

/**
 * Prohibited matches never crowd out the leads. An electricity company fits 60 opportunities that
 * supply transformers (HS 8504, prohibited by UNSC 2397 OP7) better than 6 that sell electricity
 * (HS 2716, review): all 6 must still be its leads, on the embedded default run, through REST.
 */
let platform: EmbeddedPlatform;
let partner: { id: string; apiKey: string };

const company = {
  name: 'OOO Dalnevostochnaya Setevaya Kompaniya',
  inn: innFrom(771234567),
  region: 'Primorsky Krai',
  city: 'Vladivostok',
  sectors: ['electricity'],
  okved: ['35.12', '27.11'],
  hsCodes: ['8504', '2716'],
  capabilities: ['power_transformers', 'substation_equipment', 'cross_border_interconnector'],
  employees: 1200,
  annualRevenueRub: 9_000_000_000,
  exportExperienceYears: 8,
  acceptsRubSettlement: true,
};

function opportunity(i: number, kind: 'transformers' | 'energy') {
  const transformers = kind === 'transformers';
  return {
    sector: 'electricity',
    title: transformers ? `Substation transformers lot ${i}` : `Electricity sales to Rason, contract ${i}`,
    description: transformers ? 'Power transformers for a substation in the Rason zone.' : 'Sale of electric power over the existing line.',
    site: { name: 'Rajin', lat: 42.25, lon: 130.3 },
    counterparty: { name: transformers ? `Rason substation works ${i}` : `Rason power buyer ${i}`, contact: `buyer-${kind}-${i}@example.invalid` },
    // The transformer lots fit the company in every respect; the energy sales only in part.
    requiredCapabilities: transformers ? ['power_transformers', 'substation_equipment'] : ['cross_border_interconnector', 'dispatch_automation', 'energy_audit'],
    hsCodes: transformers ? ['8504'] : ['2716'],
    okved: transformers ? ['27.11'] : ['35.14'],
    direction: 'supply_to_dprk',
    structure: 'contract',
    sizeUsd: transformers ? 4_000_000 : 40_000_000 + i,
    settlementCurrencies: ['RUB'],
    attributes: { generationType: transformers ? 'substation' : 'interconnector' },
  };
}

beforeAll(async () => {
  platform = await EmbeddedPlatform.start();
  const created = await platform.post('/v1/partners', { name: 'Primorye Chamber of Commerce' }, platform.adminKey);
  if (created.status !== 201) throw new Error(`partner: ${created.status} ${JSON.stringify(created.body)}`);
  partner = created.body;
}, 200_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('leads survive the gate (embedded default)', () => {
  const energyIds: string[] = [];
  const transformerIds: string[] = [];
  let companyId = '';

  it('lists all 6 admissible opportunities as leads, best first, with no prohibited one', async () => {
    for (let i = 0; i < 60; i++) {
      const r = await platform.post('/v1/opportunities', opportunity(i, 'transformers'), platform.adminKey);
      expect(r.status).toBe(201);
      transformerIds.push(r.body.id);
    }
    for (let i = 0; i < 6; i++) {
      const r = await platform.post('/v1/opportunities', opportunity(i, 'energy'), platform.adminKey);
      expect(r.status).toBe(201);
      energyIds.push(r.body.id);
    }
    const created = await platform.post('/v1/companies', company, partner.apiKey);
    expect(created.status).toBe(201);
    companyId = created.body.id;

    const leads = await eventually(async () => {
      const r = await platform.get(`/v1/companies/${companyId}/matches?limit=50`, partner.apiKey);
      if (r.status !== 200) return undefined;
      const energyLeads = r.body.items.filter((m: any) => energyIds.includes(m.opportunityId));
      // Until screening has answered for a party, its decision is an unscreened `review` (fail closed);
      // a busy machine can make that take a while, and matching screens it again.
      const screened = energyLeads.every((m: any) => r.body.decisions[m.compliance.decisions.opportunity]?.screened && r.body.decisions[m.compliance.decisions.company]?.screened);
      return energyLeads.length === energyIds.length && screened ? r.body : undefined;
    }, 30_000, 'the six admissible opportunities among the leads, their decisions screened');
    expect(leads.items.every((m: any) => m.compliance.verdict !== 'prohibited')).toBe(true);
    expect(leads.items.some((m: any) => transformerIds.includes(m.opportunityId))).toBe(false);
    const scores = leads.items.map((m: any) => m.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const energy = leads.items.filter((m: any) => energyIds.includes(m.opportunityId));
    for (const m of energy) {
      expect(m.compliance.verdict).toBe('review');
      expect(m.compliance.ruleIds).toEqual(['NO-UN-MEASURE-ELECTRICAL-ENERGY']);
      expect(leads.decisions[m.compliance.decisions.company]).toMatchObject({ kind: 'company', partyId: companyId, screened: true, verdict: 'clear' });
      expect(leads.decisions[m.compliance.decisions.opportunity]).toMatchObject({ kind: 'opportunity', partyId: m.opportunityId, screened: true, verdict: 'review' });
      const sum = m.breakdown.reduce((s: number, c: any) => s + c.contribution, 0);
      expect(Math.abs(sum - m.score)).toBeLessThan(0.011);
    }
    // The company's decision, the same for every match, is stated once; so is each rule.
    expect(new Set(leads.items.map((m: any) => m.compliance.decisions.company))).toEqual(new Set([expect.stringMatching(/^dc_/)]));
    expect(Object.keys(leads.decisions)).toHaveLength(1 + new Set(leads.items.map((m: any) => m.opportunityId)).size);
    expect(Object.keys(leads.rules)).toContain('NO-UN-MEASURE-ELECTRICAL-ENERGY');
    expect(leads.rules['NO-UN-MEASURE-ELECTRICAL-ENERGY']).toMatchObject({ id: 'NO-UN-MEASURE-ELECTRICAL-ENERGY', verdict: 'review' });
    expect(energy[0].compliance).not.toHaveProperty('rules');
  }, 60_000);

  it('merges in the prohibited ones, best first, with their rules, when asked for', async () => {
    const r = await platform.get(`/v1/companies/${companyId}/matches?limit=200&includeProhibited=true`, partner.apiKey);
    expect(r.status).toBe(200);
    const prohibited = r.body.items.filter((m: any) => m.compliance.verdict === 'prohibited');
    const admissible = r.body.items.filter((m: any) => m.compliance.verdict !== 'prohibited');
    expect(prohibited).toHaveLength(10);
    expect(prohibited.every((m: any) => transformerIds.includes(m.opportunityId) || !energyIds.includes(m.opportunityId))).toBe(true);
    for (const id of energyIds) expect(admissible.map((m: any) => m.opportunityId)).toContain(id);
    const scores = r.body.items.map((m: any) => m.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(r.body.rules['UNSC-2397-OP7-SUPPLY-MACHINERY']).toMatchObject({ resolution: expect.stringContaining('2397'), verdict: 'prohibited' });
    // The best prohibited matches outscore the best lead: without classes they would have filled every slot.
    expect(prohibited[0].score).toBeGreaterThan(Math.max(...admissible.filter((m: any) => energyIds.includes(m.opportunityId)).map((m: any) => m.score)));
  });

  it("lists the company in an admissible opportunity's reverse view", async () => {
    const r = await platform.get(`/v1/opportunities/${energyIds[0]}/matches?limit=200`, platform.adminKey);
    expect(r.status).toBe(200);
    expect(r.body.items.map((m: any) => m.companyId)).toContain(companyId);
    expect(r.body.items.every((m: any) => m.compliance.verdict !== 'prohibited')).toBe(true);
    const barred = await platform.get(`/v1/opportunities/${transformerIds[0]}/matches?limit=200`, platform.adminKey);
    expect(barred.body.items.map((m: any) => m.companyId)).not.toContain(companyId);
  });

  it('previews the same leads for the unsaved profile', async () => {
    const r = await platform.post('/v1/matchmaking/preview?limit=50', { ...company, inn: innFrom(771234568) }, partner.apiKey);
    expect(r.status).toBe(200);
    for (const id of energyIds) expect(r.body.items.map((m: any) => m.opportunityId)).toContain(id);
    expect(r.body.items.every((m: any) => m.compliance.verdict !== 'prohibited')).toBe(true);
  });
});
