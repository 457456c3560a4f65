import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

let platform: Platform;
let partnerA: { id: string; apiKey: string };
let partnerB: { id: string; apiKey: string };

/** Every stored match of a company, prohibited ones included (nearly all DPRK trade is prohibited). */
async function matchesOf(companyId: string, key: string, query = '?includeProhibited=true&limit=200'): Promise<any[]> {
  return eventually(async () => {
    const res = await platform.get(`/v1/companies/${companyId}/matches${query}`, key);
    return res.status === 200 && res.body.items.length > 0 ? res.body.items : undefined;
  }, 10_000, `matches of ${companyId}`);
}

beforeAll(async () => {
  platform = await Platform.start('e2e');
  partnerA = await platform.createPartner('Partner A');
  partnerB = await platform.createPartner('Partner B');
}, 60_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('a partner submits a company and reads explained matches', () => {
  it('stores the profile and ranks matches whose contributions add up to the score', async () => {
    const created = await platform.post('/v1/companies', miningCompany(), partnerA.apiKey);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ partnerId: partnerA.id, version: 1, locationSource: 'gazetteer' });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const matches = await matchesOf(created.body.id, partnerA.apiKey);
    for (const m of matches) {
      expect(m.sector).toBe('mining');
      expect(['prohibited', 'exemption_required', 'review', 'clear']).toContain(m.compliance.verdict);
      expect(m.compliance.rulesVersion).toBe('1.0.0');
      expect(m.compliance.listVersion).toEqual(expect.any(String));
      const sum = m.breakdown.reduce((s: number, c: any) => s + c.contribution, 0);
      expect(Math.abs(sum - m.score)).toBeLessThan(0.011);
      expect(m.breakdown.map((c: any) => c.criterion).sort()).toEqual(
        ['activity_fit', 'capability_coverage', 'export_experience', 'product_fit', 'proximity', 'scale_fit', 'settlement'],
      );
      expect(m.opportunity.counterparty).not.toHaveProperty('contact');
    }
    const scores = matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by sector, minimum score and limit', async () => {
    const created = await platform.post('/v1/companies', miningCompany({ sectors: ['mining', 'electricity'] }), partnerA.apiKey);
    const all = await matchesOf(created.body.id, partnerA.apiKey);
    expect(new Set(all.map((m) => m.sector))).toEqual(new Set(['mining', 'electricity']));
    const mining = await platform.get(`/v1/companies/${created.body.id}/matches?sector=mining&limit=3&includeProhibited=true`, partnerA.apiKey);
    expect(mining.status).toBe(200);
    expect(mining.body.items.length).toBeLessThanOrEqual(3);
    expect(mining.body.items.every((m: any) => m.sector === 'mining')).toBe(true);
    const floor = all[Math.floor(all.length / 2)].score;
    const high = await platform.get(`/v1/companies/${created.body.id}/matches?minScore=${floor}&includeProhibited=true`, partnerA.apiKey);
    expect(high.body.items.every((m: any) => m.score >= floor)).toBe(true);
  });

  it('publishes sectors with weights summing to 1 and their vocabularies', async () => {
    const res = await platform.get('/v1/sectors', partnerA.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.map((s: any) => s.id)).toEqual(['mining', 'automobile', 'electricity']);
    for (const sector of res.body) {
      const total = sector.criteria.reduce((s: number, c: any) => s + c.weight, 0);
      expect(Math.abs(total - 1)).toBeLessThan(1e-9);
      expect(sector.capabilities.length).toBeGreaterThan(5);
    }
  });

  it('lists the seeded catalogue without counterparty contacts', async () => {
    const res = await platform.get('/v1/opportunities?sector=automobile&limit=100', partnerA.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(10);
    expect(res.body.items.every((o: any) => o.counterparty.contact === undefined)).toBe(true);
  });

  it('previews an unsaved profile without storing it', async () => {
    const before = await platform.get('/v1/companies', partnerA.apiKey);
    const res = await platform.post('/v1/matchmaking/preview?limit=5&includeProhibited=true', miningCompany(), partnerA.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(5);
    expect(res.body.items[0].compliance.listVersion).toEqual(expect.any(String));
    const after = await platform.get('/v1/companies', partnerA.apiKey);
    expect(after.body.items.map((c: any) => c.id)).toEqual(before.body.items.map((c: any) => c.id));
  });

  it('re-scores a changed company and removes the matches of a deleted one', async () => {
    const created = await platform.post('/v1/companies', miningCompany({ sectors: ['mining'] }), partnerA.apiKey);
    await matchesOf(created.body.id, partnerA.apiKey);
    const patched = await platform.request('PATCH', `/v1/companies/${created.body.id}`, {
      key: partnerA.apiKey,
      body: { sectors: ['electricity'], capabilities: [] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    await eventually(async () => {
      const res = await platform.get(`/v1/companies/${created.body.id}/matches?includeProhibited=true`, partnerA.apiKey);
      return res.body.items.length > 0 && res.body.items.every((m: any) => m.sector === 'electricity') ? true : undefined;
    }, 10_000, 're-scored matches');
    const deleted = await platform.request('DELETE', `/v1/companies/${created.body.id}`, { key: partnerA.apiKey });
    expect(deleted.status).toBe(200);
    expect((await platform.get(`/v1/companies/${created.body.id}/matches`, partnerA.apiKey)).status).toBe(404);
  });

  it('scores a newly published opportunity against existing companies, and forgets a deleted one', async () => {
    const company = await platform.post('/v1/companies', miningCompany(), partnerA.apiKey);
    await matchesOf(company.body.id, partnerA.apiKey);
    const opportunity = await platform.post(
      '/v1/opportunities',
      {
        sector: 'mining',
        title: 'Ore beneficiation line for an iron ore mine near Musan',
        description: 'Opportunity to supply and commission a magnetic separation line.',
        site: { name: 'Musan', lat: 42.2306, lon: 129.2256 },
        counterparty: { name: 'Musan mining complex operator (DPRK)', contact: 'liaison@example.invalid' },
        requiredCapabilities: ['open_pit_mining', 'ore_beneficiation'],
        hsCodes: ['842952', '2601'],
        direction: 'supply_to_dprk',
        structure: 'contract',
        sizeUsd: 20_000_000,
        settlementCurrencies: ['RUB'],
        attributes: { mineral: 'iron_ore', annualTonnage: 500000 },
      },
      platform.adminKey,
    );
    expect(opportunity.status).toBe(201);
    const forOpportunity = await eventually(async () => {
      const res = await platform.get(`/v1/opportunities/${opportunity.body.id}/matches?limit=200&includeProhibited=true`, platform.adminKey);
      return res.body.items.some((m: any) => m.companyId === company.body.id) ? res.body.items : undefined;
    }, 10_000, 'reverse matches');
    expect(forOpportunity[0].company).toHaveProperty('name');
    const admin = await platform.get(`/v1/opportunities/${opportunity.body.id}`, platform.adminKey);
    expect(admin.body.counterparty.contact).toBe('liaison@example.invalid');
    const partner = await platform.get(`/v1/opportunities/${opportunity.body.id}`, partnerA.apiKey);
    expect(partner.body.counterparty.contact).toBeUndefined();

    expect((await platform.request('DELETE', `/v1/opportunities/${opportunity.body.id}`, { key: platform.adminKey })).status).toBe(200);
    await eventually(async () => {
      const res = await platform.get(`/v1/companies/${company.body.id}/matches?limit=200&includeProhibited=true`, partnerA.apiKey);
      return res.body.items.every((m: any) => m.opportunityId !== opportunity.body.id) ? true : undefined;
    }, 10_000, 'matches of the deleted opportunity to go');
  });

  it('serves OpenAPI with the request schemas', async () => {
    const res = await platform.get('/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/companies', '/v1/companies/{id}/matches', '/v1/matchmaking/preview']));
    expect(res.body.components.schemas.CompanyProfileDto.properties).toHaveProperty('inn');
    for (const [path, method] of [['/v1/companies/{id}/matches', 'get'], ['/v1/opportunities/{id}/matches', 'get'], ['/v1/matchmaking/preview', 'post']]) {
      expect(res.body.paths[path][method].responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/MatchList' });
    }
    expect(res.body.components.schemas.MatchList.required).toEqual(['items', 'rules', 'decisions']);
    expect(res.body.components.schemas.ListedMatch.properties.compliance.properties).toHaveProperty('decisions');
    const health = res.body.paths['/health'].get.responses;
    expect(Object.keys(health).sort()).toEqual(['200', '503']);
    expect(health['503'].content['application/json'].schema.properties.messaging.enum).toEqual(['up', 'reconnecting', 'down']);
  });

  it('echoes through the gateway → NATS → matching hop, with a body of the size asked for', async () => {
    expect((await platform.get('/v1/echo', partnerA.apiKey)).body).toEqual({ service: 'matching' });
    const sized = await platform.get('/v1/echo?bytes=60000', partnerA.apiKey);
    expect(sized.status).toBe(200);
    expect(JSON.stringify(sized.body).length).toBe(60000);
    const bad = await platform.get('/v1/echo?bytes=-1', partnerA.apiKey);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('bytes');
  });
});

describe('bad input is refused with the field and the reason, and nothing is stored', () => {
  const cases: [string, Record<string, unknown> | string, string][] = [
    ['a missing name', { name: undefined }, 'name'],
    ['a wrong-typed employees', { employees: 'many' }, 'employees'],
    ['negative employees', { employees: -5 }, 'employees'],
    ['a bad INN check digit', { inn: '7707083890' }, 'inn'],
    ['an unknown sector', { sectors: ['fishing'] }, 'sectors'],
    ['an unknown capability', { capabilities: ['time_travel'] }, 'capabilities.0'],
    ['a malformed HS code', { hsCodes: ['84a9'] }, 'hsCodes'],
    ['an unknown field', { favouriteColour: 'red' }, 'favouriteColour'],
  ];

  it.each(cases)('%s', async (_label, overrides, field) => {
    const before = (await platform.get('/v1/companies?limit=1&offset=0', partnerB.apiKey)).body.total;
    expect(before).toEqual(expect.any(Number));
    const res = await platform.post('/v1/companies', { ...miningCompany(), ...(overrides as object) }, partnerB.apiKey);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(res.body.correlationId).toEqual(expect.any(String));
    expect((await platform.get('/v1/companies?limit=1&offset=0', partnerB.apiKey)).body.total).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await platform.request('POST', '/v1/companies', { key: partnerB.apiKey, rawBody: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', reason: 'is not valid JSON' }]);
  });

  it('refuses a 5 MB body', async () => {
    const res = await platform.post('/v1/companies', { ...miningCompany(), name: 'x'.repeat(5 * 1024 * 1024) }, partnerB.apiKey);
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a request without a valid key', async () => {
    expect((await platform.get('/v1/companies')).status).toBe(401);
    expect((await platform.get('/v1/companies', 'tmn_not-a-key')).status).toBe(401);
    expect((await platform.post('/v1/partners', { name: 'Sneaky' }, partnerA.apiKey)).status).toBe(403);
  });
});

describe('a partner never sees another partner’s data', () => {
  it('answers 404 to read, change, delete and matches of another partner’s company', async () => {
    const own = await platform.post('/v1/companies', miningCompany(), partnerA.apiKey);
    expect(own.status).toBe(201);
    const id = own.body.id;
    expect((await platform.get(`/v1/companies/${id}`, partnerB.apiKey)).status).toBe(404);
    expect((await platform.get(`/v1/companies/${id}/matches`, partnerB.apiKey)).status).toBe(404);
    expect((await platform.request('PATCH', `/v1/companies/${id}`, { key: partnerB.apiKey, body: { employees: 1 } })).status).toBe(404);
    expect((await platform.request('DELETE', `/v1/companies/${id}`, { key: partnerB.apiKey })).status).toBe(404);
    const listed = await platform.get('/v1/companies?limit=200', partnerB.apiKey);
    expect(listed.body.items.some((c: any) => c.id === id)).toBe(false);
    expect((await platform.get(`/v1/companies/${id}`, partnerA.apiKey)).body.employees).toBe(850);
    expect((await platform.get(`/v1/companies/${id}`, platform.adminKey)).status).toBe(200);
  });
});

describe('failures and recovery', () => {
  it('loses no profile submitted while matching is down', async () => {
    await platform.services.matching.kill();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await platform.post('/v1/companies', miningCompany(), partnerA.apiKey);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    platform.services.matching.start();
    for (const id of ids) expect((await matchesOf(id, partnerA.apiKey)).length).toBeGreaterThan(0);
  }, 40_000);

  it('answers 503 while a downstream service is down, and recovers by itself', async () => {
    await platform.services.companies.kill();
    const started = Date.now();
    const res = await platform.post('/v1/companies', miningCompany(), partnerA.apiKey);
    expect([503, 504]).toContain(res.status);
    expect(Date.now() - started).toBeLessThan(5_000);
    const health = await platform.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.down).toContain('companies');
    platform.services.companies.start();
    await platform.healthy();
    expect((await platform.post('/v1/companies', miningCompany(), partnerA.apiKey)).status).toBe(201);
  }, 40_000);
});
