import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#testing';
import { fittingMiningOpportunity, miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

let platform: Platform;
let partner: { id: string; apiKey: string };
let other: { id: string; apiKey: string };

const newKey = () => `key-${Math.random().toString(36).slice(2)}`;

function submit(body: unknown, apiKey: string, idempotencyKey?: string) {
  return platform.request('POST', '/v1/companies', { key: apiKey, body, headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey } });
}

function askIntroduction(matchId: string, idempotencyKey: string) {
  return platform.request('POST', `/v1/matches/${matchId}/introductions`, { key: partner.apiKey, body: {}, headers: { 'idempotency-key': idempotencyKey } });
}

/** The partner's companies of one INN. */
async function companiesWithInn(apiKey: string, inn: string): Promise<any[]> {
  const res = await platform.get('/v1/companies?limit=200', apiKey);
  expect(res.status).toBe(200);
  return res.body.items.filter((c: any) => c.inn === inn);
}

async function restart(service: 'companies' | 'screening'): Promise<void> {
  await platform.services[service].kill();
  platform.services[service].start();
  await platform.healthy(30_000);
}

beforeAll(async () => {
  platform = await Platform.start('idempotency');
  partner = await platform.createPartner('Retrying partner');
  other = await platform.createPartner('Other partner');
}, 90_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('Idempotency-Key on POST /v1/companies', () => {
  it('answers a retry with the first response and stores one company', async () => {
    const key = newKey();
    const profile = miningCompany();
    const first = await submit(profile, partner.apiKey, key);
    expect(first.status).toBe(201);
    const again = await submit(profile, partner.apiKey, key);
    expect(again.status).toBe(201);
    // The same bytes: the answer is kept as it was written.
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    // The same profile with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(profile).reverse());
    expect((await submit(reordered, partner.apiKey, key)).body).toEqual(first.body);
    expect((await companiesWithInn(partner.apiKey, profile.inn)).map((c) => c.id)).toEqual([first.body.id]);
    // Without a key, the same profile is a second submission: refused as a duplicate INN.
    expect((await submit(profile, partner.apiKey)).status).toBe(409);
  });

  it('creates one company for concurrent requests with one key', async () => {
    const key = newKey();
    const profile = miningCompany();
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit(profile, partner.apiKey, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await companiesWithInn(partner.apiKey, profile.inn)).length).toBe(1);
  });

  it('refuses the same key with a different body with 422, and does nothing', async () => {
    const key = newKey();
    const profile = miningCompany();
    expect((await submit(profile, partner.apiKey, key)).status).toBe(201);
    const changed = miningCompany();
    const res = await submit(changed, partner.apiKey, key);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      error: 'IDEMPOTENCY_KEY_REUSED',
      details: [{ field: 'Idempotency-Key', reason: 'was used within 24 h for a different request' }],
      correlationId: expect.any(String),
    });
    expect(await companiesWithInn(partner.apiKey, changed.inn)).toEqual([]);
  });

  it('keeps keys per partner: another partner may use the same key', async () => {
    const key = newKey();
    const profile = miningCompany();
    const mine = await submit(profile, partner.apiKey, key);
    const theirs = await submit(profile, other.apiKey, key);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.partnerId).toBe(other.id);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'two words'],
    ['a non-ASCII character', 'clé'],
  ])('refuses a key that is %s with 400 naming the header', async (_what, key) => {
    const res = await submit(miningCompany(), partner.apiKey, key);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);
  });

  it('still holds after the companies service restarts', async () => {
    const key = newKey();
    const profile = miningCompany();
    const first = await submit(profile, partner.apiKey, key);
    expect(first.status).toBe(201);
    await restart('companies');
    const again = await submit(profile, partner.apiKey, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await submit(miningCompany(), partner.apiKey, key)).status).toBe(422);
    expect((await companiesWithInn(partner.apiKey, profile.inn)).length).toBe(1);
  }, 60_000);
});

describe('Idempotency-Key on POST /v1/matches/:id/introductions', () => {
  let matchIds: string[];

  beforeAll(async () => {
    // Services with no goods: no rule covers them, so they are review (the introduction waits for an officer).
    const opportunities: string[] = [];
    for (const title of ['Advisory services for a mine', 'Survey services for a quarry']) {
      const res = await platform.post('/v1/opportunities', fittingMiningOpportunity({ title, hsCodes: [], direction: 'services' }), platform.adminKey);
      expect(res.status).toBe(201);
      opportunities.push(res.body.id);
    }
    const company = await submit(miningCompany(), partner.apiKey);
    expect(company.status).toBe(201);
    matchIds = await eventually(async () => {
      const res = await platform.get(`/v1/companies/${company.body.id}/matches?includeProhibited=true&limit=200`, partner.apiKey);
      const found = opportunities.map((o) => res.body.items?.find((m: any) => m.opportunityId === o && res.body.decisions[m.compliance.decisions.opportunity].screened)?.id);
      return found.every(Boolean) ? (found as string[]) : undefined;
    }, 20_000, 'both matches');
  }, 60_000);

  it('answers a retry with the first response, a different match under the key with 422, and holds after a restart of screening', async () => {
    const key = newKey();
    const first = await askIntroduction(matchIds[0], key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ matchId: matchIds[0], status: 'pending' });
    expect(await askIntroduction(matchIds[0], key)).toMatchObject({ status: 201, body: first.body });

    const reused = await askIntroduction(matchIds[1], key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    const mine = await platform.get('/v1/introductions?limit=200', partner.apiKey);
    expect(mine.body.items.filter((i: any) => i.matchId === matchIds[1])).toEqual([]);
    expect(mine.body.items.filter((i: any) => i.matchId === matchIds[0]).map((i: any) => i.id)).toEqual([first.body.id]);

    await restart('screening');
    expect(await askIntroduction(matchIds[0], key)).toMatchObject({ status: 201, body: first.body });
    expect((await askIntroduction(matchIds[1], key)).status).toBe(422);
    // A new key for the other match is a new request.
    expect((await askIntroduction(matchIds[1], newKey())).body).toMatchObject({ matchId: matchIds[1], status: 'pending' });
  }, 90_000);
});

describe('OpenAPI', () => {
  it('declares the Idempotency-Key header and the 422 and 429 answers of both routes', async () => {
    const docs = await platform.get('/docs-json');
    expect(docs.status).toBe(200);
    for (const path of ['/v1/companies', '/v1/matches/{id}/introductions']) {
      const operation = docs.body.paths[path].post;
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: false })]));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '422', '429']));
      expect(operation.responses['429'].headers['Retry-After']).toBeDefined();
    }
    // Routes without a key are never rate limited.
    expect(docs.body.paths['/health'].get.responses['429']).toBeUndefined();
  });
});
