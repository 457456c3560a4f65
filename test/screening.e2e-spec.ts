import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually } from '#testing';
import { fittingMiningOpportunity, miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

let platform: Platform;
let partner: { id: string; apiKey: string };
/** A compliance officer: introductions are decided by officers, each with their own key. */
let officer: { id: string; apiKey: string };
let secondOfficer: { id: string; apiKey: string };

async function publish(overrides: Record<string, unknown>): Promise<string> {
  const res = await platform.post('/v1/opportunities', fittingMiningOpportunity(overrides), platform.adminKey);
  if (res.status !== 201) throw new Error(`opportunity refused: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await platform.post('/v1/companies', miningCompany(overrides), partner.apiKey);
  if (res.status !== 201) throw new Error(`company refused: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The stored match of a company and an opportunity, once matching has screened it (or, with `screened: false`, once stored at all). */
async function matchOf(companyId: string, opportunityId: string, screened = true): Promise<any> {
  return eventually(async () => {
    const res = await platform.get(`/v1/companies/${companyId}/matches?includeProhibited=true&limit=200`, partner.apiKey);
    const decisionsOf = (m: any) => ({ company: res.body.decisions[m.compliance.decisions.company], opportunity: res.body.decisions[m.compliance.decisions.opportunity] });
    const match = res.body.items?.find((m: any) => m.opportunityId === opportunityId && (!screened || (decisionsOf(m).company.screened && decisionsOf(m).opportunity.screened)));
    // The listing states each rule and decision once for all its matches.
    return match && { ...match, citedRules: match.compliance.ruleIds.map((id: string) => res.body.rules[id]), citedDecisions: decisionsOf(match) };
  }, 15_000, `match ${companyId}/${opportunityId}`);
}

const ruleIds = (m: any) => m.compliance.ruleIds;

let ids: Record<string, string> = {};

beforeAll(async () => {
  platform = await Platform.start('screening_e2e');
  partner = await platform.createPartner('Screening partner');
  officer = (await platform.post('/v1/officers', { name: 'Olga Sokolova' }, platform.adminKey)).body;
  secondOfficer = (await platform.post('/v1/officers', { name: 'Pavel Lebedev' }, platform.adminKey)).body;
  ids = {
    machinery: await publish({ title: 'Excavators for an iron ore mine', hsCodes: ['8429'] }),
    listedCounterparty: await publish({ title: 'Ore concentrate line', counterparty: { name: 'Korea Mining Development Trading Corporation', contact: 'komid@example.invalid' } }),
    coalPurchase: await publish({ title: 'Buying anthracite from a DPRK mine', hsCodes: ['2701'], direction: 'procurement_from_dprk', attributes: { mineral: 'anthracite', annualTonnage: 100000 } }),
    jointVenture: await publish({ title: 'Iron ore mining joint venture', hsCodes: [], structure: 'joint_venture', direction: 'investment' }),
    rajinCoal: await publish({
      title: 'Forwarding Russian coal through Rajin',
      site: { name: 'Rajin port', lat: 42.2464, lon: 130.2806 },
      hsCodes: ['2701'],
      direction: 'services',
      attributes: { mineral: 'coal', annualTonnage: 1000000, originCountry: 'RU' },
    }),
    unclassified: await publish({ title: 'Advisory services for a mine', hsCodes: [], direction: 'services' }),
  };
}, 90_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('every match is screened against the UN DPRK regime', () => {
  let company: string;
  beforeAll(async () => {
    company = await submit();
  });

  it('prohibits supplying HS 8429 machinery to the DPRK, citing the machinery rule', async () => {
    const m = await matchOf(company, ids.machinery);
    expect(m.compliance.verdict).toBe('prohibited');
    expect(ruleIds(m)).toContain('UNSC-2397-OP7-SUPPLY-MACHINERY');
    expect(m.compliance.rulesVersion).toBe('1.0.0');
  });

  it('prohibits a match whose counterparty is a listed DPRK entity, citing its reference', async () => {
    const m = await matchOf(company, ids.listedCounterparty);
    expect(m.compliance.verdict).toBe('prohibited');
    expect(m.compliance.listHits).toEqual(expect.arrayContaining([expect.objectContaining({ party: 'counterparty', referenceNumber: 'KPe.001', strength: 'designated' })]));
  });

  it('prohibits buying DPRK coal', async () => {
    const m = await matchOf(company, ids.coalPurchase);
    expect(m.compliance.verdict).toBe('prohibited');
    expect(ruleIds(m)).toContain('UNSC-2371-OP8-PROCURE-COAL-IRON');
  });

  it('prohibits a joint venture', async () => {
    const m = await matchOf(company, ids.jointVenture);
    expect(m.compliance.verdict).toBe('prohibited');
    expect(ruleIds(m)).toContain('UNSC-2375-OP18-JOINT-VENTURE');
  });

  it('holds Russian-origin coal shipped out through Rajin for a 1718 Committee exemption, with its conditions', async () => {
    const m = await matchOf(company, ids.rajinCoal);
    expect(m.compliance.verdict).toBe('exemption_required');
    const rule = m.citedRules.find((r: any) => r.id === 'UNSC-2371-OP8-RAJIN-COAL-TRANSIT');
    expect(rule).toMatchObject({ verdict: 'exemption_required', evidence: 'GK', verified: false });
    expect(rule.conditions.length).toBeGreaterThan(0);
  });

  it('sends an opportunity with no classifiable activity to review', async () => {
    const m = await matchOf(company, ids.unclassified);
    expect(m.compliance.verdict).toBe('review');
  });

  it('hides prohibited matches from listings unless asked for', async () => {
    await matchOf(company, ids.machinery);
    const shown = await platform.get(`/v1/companies/${company}/matches?limit=200`, partner.apiKey);
    expect(shown.body.items.every((m: any) => m.compliance.verdict !== 'prohibited')).toBe(true);
    expect(shown.body.items.some((m: any) => m.opportunityId === ids.machinery)).toBe(false);
  });

  it('prohibits every match of a company whose director is a listed DPRK individual', async () => {
    const listed = await submit({ directors: [{ name: 'Yun Ho-jin' }] });
    const m = await matchOf(listed, ids.unclassified);
    expect(m.compliance.verdict).toBe('prohibited');
    expect(m.compliance.listHits).toEqual(expect.arrayContaining([expect.objectContaining({ party: 'director', referenceNumber: 'KPi.001' })]));
    const all = await platform.get(`/v1/companies/${listed}/matches?includeProhibited=true&limit=200`, partner.apiKey);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((x: any) => x.compliance.verdict === 'prohibited')).toBe(true);
  });
});

describe('introductions: the only way to a counterparty contact', () => {
  let company: string;
  beforeAll(async () => {
    company = await submit();
  });

  it('refuses a prohibited match with 451 and the rules behind it, and audits the refusal', async () => {
    const m = await matchOf(company, ids.machinery);
    const res = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(res.status).toBe(451);
    expect(res.body.error).toBe('PROHIBITED');
    expect(res.body.details.rules.map((r: any) => r.id)).toContain('UNSC-2397-OP7-SUPPLY-MACHINERY');
    expect(JSON.stringify(res.body)).not.toContain('ore-works@example.invalid');
    const audit = await platform.get('/v1/audit?kind=introduction.refused.prohibited&limit=500', platform.adminKey);
    expect(audit.body.items.some((e: any) => e.inputs.matchId === m.id && e.ruleIds.includes('UNSC-2397-OP7-SUPPLY-MACHINERY'))).toBe(true);
  });

  it('holds a review match until an officer approves it, then gives the contact', async () => {
    const m = await matchOf(company, ids.unclassified);
    const held = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('pending');
    expect(held.body.counterparty).toBeUndefined();
    const pending = await platform.get('/v1/introductions?status=pending', platform.adminKey);
    expect(pending.body.items.map((i: any) => i.id)).toContain(held.body.id);
    const askedAgain = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(askedAgain.body).toMatchObject({ id: held.body.id, status: 'pending' });
    const decided = await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true, note: 'checked by compliance' }, officer.apiKey);
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('granted');
    const seen = await platform.get(`/v1/introductions/${held.body.id}`, partner.apiKey);
    expect(seen.body.counterparty.contact).toBe('ore-works@example.invalid');
    const again = await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: false }, officer.apiKey);
    expect(again.status).toBe(409);
  });

  it('needs the exemption reference to approve an exemption_required introduction', async () => {
    const m = await matchOf(company, ids.rajinCoal);
    const held = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(held.body.status).toBe('pending');
    const without = await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true }, officer.apiKey);
    expect(without.status).toBe(400);
    expect(without.body.details).toEqual([expect.objectContaining({ field: 'exemptionReference' })]);
    const first = await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true, exemptionReference: '1718-EXEMPTION-TEST-001' }, officer.apiKey);
    expect(first.body).toMatchObject({ status: 'pending', approvals: [expect.objectContaining({ exemptionReference: '1718-EXEMPTION-TEST-001' })] });
    const withRef = await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true, exemptionReference: '1718-EXEMPTION-TEST-001' }, secondOfficer.apiKey);
    expect(withRef.body).toMatchObject({ status: 'granted', exemptionReference: '1718-EXEMPTION-TEST-001' });
    const audit = await platform.get('/v1/audit?kind=introduction.granted&limit=500', platform.adminKey);
    expect(audit.body.items.some((e: any) => e.inputs.introductionId === held.body.id && e.details.exemptionReference === '1718-EXEMPTION-TEST-001' && e.actor === `officer:${secondOfficer.id}`)).toBe(true);
  });

  it('lets no other partner see an introduction', async () => {
    const other = await platform.createPartner('Other partner');
    const m = await matchOf(company, ids.unclassified);
    const mine = await platform.get('/v1/introductions', partner.apiKey);
    const intro = mine.body.items.find((i: any) => i.matchId === m.id);
    expect((await platform.get(`/v1/introductions/${intro.id}`, other.apiKey)).status).toBe(404);
    expect((await platform.post(`/v1/matches/${m.id}/introductions`, {}, other.apiKey)).status).toBe(404);
  });
});

describe('admin screening tools and the audit log', () => {
  it('checks a name against the list with explained hits', async () => {
    const res = await platform.post('/v1/screening/check', { name: 'Paek Chang Ho' }, platform.adminKey);
    expect(res.status).toBe(200);
    expect(res.body.hits[0]).toMatchObject({ referenceNumber: 'KPi.006' });
    expect(res.body.hits[0].explanation).toMatch(/→/);
  });

  it('reports the list in force with the DPRK counts of the file', async () => {
    const xml = readFileSync(resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml'), 'utf8');
    const kpi = xml.match(/<REFERENCE_NUMBER>\s*KPi\./g)!.length;
    const kpe = xml.match(/<REFERENCE_NUMBER>\s*KPe\./g)!.length;
    const res = await platform.get('/v1/screening/list', platform.adminKey);
    expect(res.body.version).toEqual(expect.any(String));
    expect(res.body.counts.byRegime.DPRK).toEqual({ individual: kpi, entity: kpe });
  });

  it("audits each party's decision once, and a match cites both", async () => {
    const company = await submit();
    const m = await matchOf(company, ids.machinery);
    const { company: companyDecision, opportunity: opportunityDecision } = m.citedDecisions;
    const opportunityEntries = (await platform.get(`/v1/audit?decision=${opportunityDecision.id}`, platform.adminKey)).body.items;
    expect(opportunityEntries).toHaveLength(1);
    expect(opportunityEntries[0]).toMatchObject({ kind: 'opportunity.decision', verdict: 'prohibited', rulesVersion: '1.0.0', actor: 'matching' });
    expect(opportunityEntries[0].ruleIds).toContain('UNSC-2397-OP7-SUPPLY-MACHINERY');
    expect(opportunityEntries[0].inputs).toMatchObject({ id: ids.machinery, direction: 'supply_to_dprk', hsCodes: expect.arrayContaining(['8429']) });
    const companyEntries = (await platform.get(`/v1/audit?decision=${companyDecision.id}`, platform.adminKey)).body.items;
    expect(companyEntries).toHaveLength(1);
    expect(companyEntries[0]).toMatchObject({ kind: 'company.decision', verdict: companyDecision.verdict, inputs: { id: company, name: expect.any(String) } });
  });

  it('is admin-only', async () => {
    expect((await platform.get('/v1/audit', partner.apiKey)).status).toBe(403);
    expect((await platform.post('/v1/screening/check', { name: 'x' }, partner.apiKey)).status).toBe(403);
  });
});

describe('screening down: fail closed', () => {
  it('decides a new company review until screening answers, holds introductions durably, and screens them once it is back', async () => {
    await platform.services.screening.kill();
    const company = await submit();
    const m = await matchOf(company, ids.machinery, false);
    // The company is not screened yet (review); the opportunity's own decision, given before, still prohibits it.
    expect(m.citedDecisions.company).toMatchObject({ screened: false, verdict: 'review', listVersion: null });
    expect(m.citedDecisions.opportunity).toMatchObject({ screened: true, verdict: 'prohibited' });
    expect(m.compliance.verdict).toBe('prohibited');
    expect(m.compliance.reasons).toEqual(expect.arrayContaining([expect.stringContaining('not screened yet')]));

    const held = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({ status: 'held', matchId: m.id, heldAt: expect.any(String), reason: expect.stringContaining('screening is unavailable') });
    expect(JSON.stringify(held.body)).not.toContain('@example.invalid');
    const again = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(again.status).toBe(202);
    expect(again.body.heldAt).toBe(held.body.heldAt);

    const review = await matchOf(company, ids.unclassified, false);
    expect(review.compliance.verdict).toBe('review');
    const heldReview = await platform.post(`/v1/matches/${review.id}/introductions`, {}, partner.apiKey);
    expect(heldReview.status).toBe(202);
    expect(heldReview.body.status).toBe('held');
    expect(JSON.stringify(heldReview.body)).not.toContain('@example.invalid');

    await platform.services.matching.kill();
    platform.services.matching.start();
    await matchOf(company, ids.machinery, false);

    platform.services.screening.start();
    await platform.healthy(30_000);
    const screened = await matchOf(company, ids.machinery);
    expect(screened.compliance.verdict).toBe('prohibited');

    const refusal = await eventually(async () => {
      const audit = await platform.get('/v1/audit?kind=introduction.refused.prohibited&limit=500', platform.adminKey);
      return audit.body.items?.find((e: any) => e.inputs.matchId === m.id);
    }, 20_000, 'the held prohibited introduction to be refused and audited');
    expect(refusal.ruleIds).toContain('UNSC-2397-OP7-SUPPLY-MACHINERY');
    expect(refusal.actor).toBe(`partner:${partner.id}`);

    const pending = await eventually(async () => {
      const mine = await platform.get('/v1/introductions?limit=200', partner.apiKey);
      return mine.body.items?.find((i: any) => i.matchId === review.id);
    }, 20_000, 'the held review introduction to reach screening');
    expect(pending.status).toBe('pending');
    expect(pending.counterparty).toBeUndefined();
    const mine = await platform.get('/v1/introductions?limit=200', partner.apiKey);
    expect(mine.body.items.filter((i: any) => i.matchId === review.id)).toHaveLength(1);
    expect(mine.body.items.some((i: any) => i.matchId === m.id)).toBe(false);
  }, 120_000);
});
