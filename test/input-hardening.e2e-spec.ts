import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { eventually } from '#testing';
import { miningCompany, miningOpportunity } from './support/fixtures.js';
import { Platform, type ApiResponse } from './support/platform.js';

let platform: Platform;
let partner: { id: string; apiKey: string };
let other: { id: string; apiKey: string };

function opportunity(overrides: Record<string, unknown> = {}) {
  return miningOpportunity({ description: 'Opportunity created by the input-hardening test.', ...overrides });
}

const fields = (res: ApiResponse) => (res.body?.details ?? []).map((d: { field: string }) => d.field);

/** Asserts a 400 VALIDATION_FAILED that names `field`, and returns the reason given for it. */
function refused(res: ApiResponse, field: string): string {
  expect({ status: res.status, error: res.body?.error }).toEqual({ status: 400, error: 'VALIDATION_FAILED' });
  expect(fields(res)).toContain(field);
  return res.body.details.find((d: { field: string }) => d.field === field).reason;
}

async function counts() {
  const companies = (await platform.get('/v1/companies?limit=1&offset=0', platform.adminKey)).body.total as number;
  const opportunities = (await platform.get('/v1/opportunities?limit=1&offset=0', platform.adminKey)).body.total as number;
  return { companies, opportunities };
}

function send(method: string, path: string, body: Buffer | string, headers: Record<string, string>, key = partner.apiKey) {
  return fetch(`${platform.baseUrl}${path}`, { method, headers: { 'x-api-key': key, ...headers }, body, signal: AbortSignal.timeout(15_000) }).then(
    async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }) as ApiResponse,
  );
}

let before: Awaited<ReturnType<typeof counts>>;

beforeAll(async () => {
  platform = await Platform.start('input_e2e');
  partner = await platform.createPartner('Input partner');
  other = await platform.createPartner('Other input partner');
  before = await counts();
}, 60_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('nested objects must be objects (1)', () => {
  it.each([
    ['site', []],
    ['counterparty', []],
    ['site', 'Musan'],
  ])('refuses an opportunity whose %s is %j', async (field, value) => {
    const res = await platform.post('/v1/opportunities', opportunity({ [field]: value }), platform.adminKey);
    expect(refused(res, field)).toBe(`${field} must be an object`);
  });

  it('refuses a company whose location is an array, on create and on PATCH', async () => {
    expect(refused(await platform.post('/v1/companies', miningCompany({ location: [] }), partner.apiKey), 'location')).toBe('location must be an object');
    const created = await platform.post('/v1/companies', miningCompany(), partner.apiKey);
    expect(created.status).toBe(201);
    const patched = await platform.request('PATCH', `/v1/companies/${created.body.id}`, { key: partner.apiKey, body: { location: [] } });
    refused(patched, 'location');
    expect((await platform.get(`/v1/companies/${created.body.id}`, partner.apiKey)).body.locationSource).toBe('gazetteer');
    expect((await platform.request('DELETE', `/v1/companies/${created.body.id}`, { key: partner.apiKey })).status).toBe(200);
  });

  it.each([
    ['owners', [[]], 'each value in owners must be an object'],
    ['owners', [null], 'each value in owners must be an object'],
    ['directors', [[{ name: 'Ivan Petrov' }]], 'each value in directors must be an object'],
  ])('refuses a company whose %s is %j, naming the field', async (field, value, reason) => {
    expect(refused(await platform.post('/v1/companies', miningCompany({ [field]: value }), partner.apiKey), field)).toBe(reason);
  });

  it('refuses nested arrays in the introduction decision and the name check', async () => {
    refused(await platform.post('/v1/screening/check', { name: ['Paek Chang Ho'] }, platform.adminKey), 'name');
    // Introductions are decided by compliance officers (the admin key is refused before the body is validated).
    const officer = await platform.post('/v1/officers', { name: 'Input officer' }, platform.adminKey);
    refused(await platform.post('/v1/introductions/00000000-0000-4000-8000-000000000000/decision', { approve: [true] }, officer.body.apiKey), 'approve');
  });
});

describe('strings are trimmed before their length is checked (4)', () => {
  it.each(['name', 'region', 'city'])('refuses a company whose %s is only whitespace', async (field) => {
    refused(await platform.post('/v1/companies', miningCompany({ [field]: '   \t ' }), partner.apiKey), field);
  });

  it('refuses an owner or director name of whitespace, and an opportunity title of whitespace', async () => {
    refused(await platform.post('/v1/companies', miningCompany({ owners: [{ name: '  ', sharePct: 10 }] }), partner.apiKey), 'owners.0.name');
    refused(await platform.post('/v1/companies', miningCompany({ directors: [{ name: ' ' }] }), partner.apiKey), 'directors.0.name');
    refused(await platform.post('/v1/opportunities', opportunity({ title: '     ' }), platform.adminKey), 'title');
  });

  it('refuses whitespace on PATCH, of a company and of an opportunity', async () => {
    const created = await platform.post('/v1/companies', miningCompany(), partner.apiKey);
    refused(await platform.request('PATCH', `/v1/companies/${created.body.id}`, { key: partner.apiKey, body: { name: '   ' } }), 'name');
    refused(await platform.request('PATCH', `/v1/companies/${created.body.id}`, { key: partner.apiKey, body: { city: '  ' } }), 'city');
    const published = await platform.post('/v1/opportunities', opportunity(), platform.adminKey);
    expect(published.status).toBe(201);
    refused(await platform.request('PATCH', `/v1/opportunities/${published.body.id}`, { key: platform.adminKey, body: { title: '   ' } }), 'title');
    expect((await platform.get(`/v1/opportunities/${published.body.id}`, platform.adminKey)).body.title).toBe('Ore beneficiation line near Musan');
    await platform.request('DELETE', `/v1/companies/${created.body.id}`, { key: partner.apiKey });
    await platform.request('DELETE', `/v1/opportunities/${published.body.id}`, { key: platform.adminKey });
  });

  it('stores a name trimmed, and a one-line field with a line break is refused', async () => {
    const created = await platform.post('/v1/companies', miningCompany({ name: '  OOO Trimmed Name  ', directors: [{ name: ' Ivan Petrov ' }] }), partner.apiKey);
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('OOO Trimmed Name');
    expect(created.body.directors).toEqual([{ name: 'Ivan Petrov' }]);
    await platform.request('DELETE', `/v1/companies/${created.body.id}`, { key: partner.apiKey });
    expect(refused(await platform.post('/v1/companies', miningCompany({ name: 'OOO Two\nLines' }), partner.apiKey), 'name')).toBe('name must be a single line');
  });
});

describe('no input gives a 500 (5)', () => {
  it.each([
    ['a NUL byte in the name', { name: 'OOO Nul\u0000Byte' }, 'name', 'U+0000'],
    ['a NUL byte in an owner name', { owners: [{ name: 'Nul\u0000Owner', sharePct: 5 }] }, 'owners.0.name', 'U+0000'],
    ['a control character in the city', { city: 'Vladi\u0007vostok' }, 'city', 'U+0007'],
    ['an unpaired surrogate in the name', { name: 'OOO \ud800 Surrogate' }, 'name', 'U+D800'],
    ['an unpaired low surrogate in the region', { region: 'Primorsky \udfff' }, 'region', 'U+DFFF'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, field, codePoint) => {
    expect(refused(await platform.post('/v1/companies', miningCompany(overrides), partner.apiKey), field)).toContain(codePoint);
  });

  it('refuses a NUL byte in an opportunity, in its attributes and in a PATCH', async () => {
    refused(await platform.post('/v1/opportunities', opportunity({ description: 'nul \u0000' }), platform.adminKey), 'description');
    refused(await platform.post('/v1/opportunities', opportunity({ attributes: { mineral: 'iron\u0000ore', annualTonnage: 1 } }), platform.adminKey), 'attributes.mineral');
    const created = await platform.post('/v1/companies', miningCompany(), partner.apiKey);
    refused(await platform.request('PATCH', `/v1/companies/${created.body.id}`, { key: partner.apiKey, body: { name: 'Nul\u0000' } }), 'name');
    await platform.request('DELETE', `/v1/companies/${created.body.id}`, { key: partner.apiKey });
  });

  it('refuses JSON nested 5,000 deep with 400 on the body, and the gateway keeps serving', async () => {
    const deep = `{"name": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await platform.request('POST', '/v1/companies', { key: partner.apiKey, rawBody: deep, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', reason: 'nests deeper than 32 levels' }]);
    const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const patch = await platform.request('PATCH', '/v1/companies/00000000-0000-4000-8000-000000000000', { key: partner.apiKey, rawBody: deepObject, headers: { 'content-type': 'application/json' } });
    expect(patch.status).toBe(400);
    expect(fields(patch)).toEqual(['body']);
    expect((await platform.get('/health')).status).toBe(200);
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name": "OOO '), Buffer.from([0xc0, 0x80, 0xff]), Buffer.from('"}')]);
    const res = await send('POST', '/v1/screening/check', bytes, { 'content-type': 'application/json' }, platform.adminKey);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', reason: 'is not valid UTF-8' }]);
  });

  it('refuses a NUL byte in a query parameter, naming it', async () => {
    refused(await platform.get('/v1/audit?kind=%00', platform.adminKey), 'kind');
    refused(await platform.get('/v1/companies?limit=%00', partner.apiKey), 'limit');
    refused(await platform.get('/v1/introductions?status=%00', partner.apiKey), 'status');
  });

  it('refuses a query parameter given twice, instead of joining the values', async () => {
    expect(refused(await platform.get('/v1/audit?kind=match.verdicts&kind=match.verdicts', platform.adminKey), 'kind')).toBe('must be given once');
    expect(refused(await platform.get('/v1/companies?limit=5&limit=5', partner.apiKey), 'limit')).toBe('must be given once');
  });

  it('refuses a badly percent-encoded path with 400 naming the path', async () => {
    refused(await platform.get('/v1/companies/%zz', partner.apiKey), 'path');
  });

  it('says what is wrong with a previewed name containing NUL, instead of blaming the screening service', async () => {
    const res = await platform.post('/v1/matchmaking/preview', miningCompany({ name: 'OOO Preview\u0000' }), partner.apiKey);
    expect(refused(res, 'name')).toContain('U+0000');
  });

  it('refuses a NUL byte in the name check', async () => {
    refused(await platform.post('/v1/screening/check', { name: 'Paek\u0000Chang Ho' }, platform.adminKey), 'name');
  });
});

describe('prototype keys and invisible characters (8)', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'])('refuses %s as a body key, naming it', async (key) => {
    const raw = JSON.stringify(miningCompany()).replace(/^\{/, `{"${key}": {"admin": true},`);
    const res = await platform.request('POST', '/v1/companies', { key: partner.apiKey, rawBody: raw, headers: { 'content-type': 'application/json' } });
    expect(refused(res, key)).toBe('is not an accepted field name');
  });

  it('refuses a prototype key nested in a profile and in opportunity attributes', async () => {
    const raw = JSON.stringify(miningCompany({ owners: [{ name: 'Owner One', sharePct: 5 }] })).replace('"sharePct":5', '"sharePct":5,"__proto__":{"x":1}');
    refused(await platform.request('POST', '/v1/companies', { key: partner.apiKey, rawBody: raw, headers: { 'content-type': 'application/json' } }), 'owners.0.__proto__');
    refused(await platform.post('/v1/opportunities', opportunity({ attributes: { mineral: 'iron_ore', annualTonnage: 1, constructor: 1 } }), platform.adminKey), 'attributes.constructor');
  });

  it.each([
    ['a right-to-left override', 'OOO \u202eakitegrenE', 'U+202E'],
    ['a zero-width space', 'Korea Mining\u200b Development', 'U+200B'],
    ['a zero-width joiner', 'Korea\u200dMining', 'U+200D'],
    ['a byte-order mark', '\ufeffOOO Energetika', 'U+FEFF'],
  ])('refuses a name with %s', async (_label, name, codePoint) => {
    expect(refused(await platform.post('/v1/companies', miningCompany({ name }), partner.apiKey), 'name')).toContain(codePoint);
    expect(refused(await platform.post('/v1/screening/check', { name }, platform.adminKey), 'name')).toContain(codePoint);
  });

  it('stores a name in NFKC and screens the normalised form', async () => {
    const created = await platform.post('/v1/companies', miningCompany({ name: 'ＯＯＯ Ｆｕｌｌｗｉｄｔｈ ﬁnance' }), partner.apiKey);
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('OOO Fullwidth finance');
    await platform.request('DELETE', `/v1/companies/${created.body.id}`, { key: partner.apiKey });
    const check = await platform.post('/v1/screening/check', { name: 'Ｐａｅｋ Ｃｈａｎｇ Ｈｏ' }, platform.adminKey);
    expect(check.status).toBe(200);
    expect(check.body.name).toBe('Paek Chang Ho');
    expect(check.body.hits[0]).toMatchObject({ referenceNumber: 'KPi.006' });
  });
});

describe('bodies, keys and leaks (9)', () => {
  it('answers 404 for another partner’s match without naming that partner’s company', async () => {
    const created = await platform.post('/v1/companies', miningCompany(), partner.apiKey);
    const companyId = created.body.id as string;
    const match = await eventually(async () => {
      const res = await platform.get(`/v1/companies/${companyId}/matches?includeProhibited=true`, partner.apiKey);
      return res.body.items?.[0];
    }, 15_000, 'a stored match');
    const res = await platform.post(`/v1/matches/${match.id}/introductions`, {}, other.apiKey);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`Match ${match.id} not found`);
    expect(JSON.stringify(res.body)).not.toContain(companyId);
    const unknown = await platform.post('/v1/matches/00000000-0000-4000-8000-000000000000/introductions', {}, other.apiKey);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Match 00000000-0000-4000-8000-000000000000 not found');
    expect((await platform.request('DELETE', `/v1/companies/${companyId}`, { key: partner.apiKey })).status).toBe(200);
  }, 30_000);

  it.each([
    ['gzip', gzipSync(JSON.stringify(miningCompany())).subarray(0, 20)],
    ['deflate', Buffer.from('not deflate at all')],
    ['br', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01])],
  ])('refuses a bad %s body with 400 on the body', async (encoding, bytes) => {
    const res = await send('POST', '/v1/companies', bytes, { 'content-type': 'application/json', 'content-encoding': encoding });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', reason: `could not be decompressed as ${encoding}` }]);
  });

  it('reads good gzip, deflate and brotli bodies', async () => {
    const name = { name: 'Partner over gzip' };
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(JSON.stringify(name))],
      ['deflate', deflateSync(JSON.stringify(name))],
      ['br', brotliCompressSync(JSON.stringify(name))],
    ] as const) {
      const res = await send('POST', '/v1/screening/check', bytes, { 'content-type': 'application/json', 'content-encoding': encoding }, platform.adminKey);
      expect({ encoding, status: res.status }).toEqual({ encoding, status: 200 });
    }
  });

  it('refuses an unknown content encoding with 415', async () => {
    const res = await send('POST', '/v1/companies', Buffer.from('{}'), { 'content-type': 'application/json', 'content-encoding': 'compress' });
    expect(res.status).toBe(415);
    expect(res.body.details).toEqual([{ field: 'body', reason: 'content-encoding compress is not supported (use gzip, deflate or br)' }]);
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['application/json; charset=utf-16'],
    ['application/json; charset=latin1'],
  ])('refuses a body sent as %s with 415, and stores nothing', async (contentType) => {
    const res = await send('POST', '/v1/companies', JSON.stringify(miningCompany()), { 'content-type': contentType });
    expect(res.status).toBe(415);
    expect(res.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(fields(res)).toEqual(['body']);
  });

  it('refuses a body without a content type with 415', async () => {
    const res = await fetch(`${platform.baseUrl}/v1/companies`, { method: 'POST', headers: { 'x-api-key': partner.apiKey }, body: new Blob([JSON.stringify(miningCompany())]) });
    expect(res.status).toBe(415);
  });

  it('accepts application/json with charset utf-8, and a +json type', async () => {
    const body = JSON.stringify({ name: 'Paek Chang Ho' });
    expect((await send('POST', '/v1/screening/check', body, { 'content-type': 'application/json; charset=UTF-8' }, platform.adminKey)).status).toBe(200);
    expect((await send('POST', '/v1/screening/check', body, { 'content-type': 'application/merge-patch+json' }, platform.adminKey)).status).toBe(200);
  });

  it('answers 401 without a key or with an unknown key, and 403 to a partner key, on every admin route', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const adminRoutes: [string, string, unknown?][] = [
      ['POST', '/v1/partners', { name: 'Sneaky' }],
      ['POST', '/v1/opportunities', opportunity()],
      ['PATCH', `/v1/opportunities/${id}`, { title: 'Changed' }],
      ['DELETE', `/v1/opportunities/${id}`],
      ['GET', `/v1/opportunities/${id}/matches`],
      ['POST', `/v1/introductions/${id}/decision`, { approve: true }],
      ['POST', '/v1/screening/check', { name: 'Paek Chang Ho' }],
      ['GET', '/v1/screening/list'],
      ['POST', '/v1/screening/list/refresh'],
      ['GET', '/v1/audit'],
    ];
    for (const [method, path, body] of adminRoutes) {
      const none = await platform.request(method, path, { body });
      const unknown = await platform.request(method, path, { body, key: 'tmn_not-a-key' });
      const partnerKey = await platform.request(method, path, { body, key: partner.apiKey });
      expect({ route: `${method} ${path}`, none: none.status, unknown: unknown.status, partner: partnerKey.status }).toEqual({
        route: `${method} ${path}`,
        none: 401,
        unknown: 401,
        partner: 403,
      });
      expect(partnerKey.body.error).toBe('FORBIDDEN');
    }
  }, 30_000);

  it('stored nothing for any refused request', async () => {
    expect(await counts()).toEqual(before);
  });
});
