import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import createClient, { type Client } from 'openapi-fetch';
import { eventually } from '#testing';
import { TYPED_CLIENT_PATH, typedClientSource } from '../apps/gateway/src/openapi/typed-client.js';
import type { components, paths } from '../clients/typescript/tumen-api.js';
import { innFrom } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/**
 * The REST API through the client generated from its OpenAPI document (`npm run client`), not the
 * hand-written one: a route, a parameter or a reply field the document does not declare as this
 * test uses it fails to compile (`npm run typecheck`). The committed client is checked against the
 * document the gateway serves.
 */
let platform: Platform;
let admin: Client<paths>;
let partner: Client<paths>;
let partnerId: string;

const api = (key: string) => createClient<paths>({ baseUrl: platform.baseUrl, headers: { 'X-API-Key': key } });

const profile: components['schemas']['CompanyProfileDto'] = {
  name: 'OOO Primorye Gornoe Mashinostroenie Typed',
  inn: innFrom(254990001),
  region: 'Primorsky Krai',
  city: 'Vladivostok',
  sectors: ['mining'],
  okved: ['28.92', '07.10'],
  hsCodes: ['8429', '842952', '2601'],
  capabilities: ['open_pit_mining', 'ore_beneficiation'],
  employees: 850,
  annualRevenueRub: 4_200_000_000,
  exportExperienceYears: 6,
  acceptsRubSettlement: true,
  directors: [{ name: 'Ivan Petrov' }],
};

beforeAll(async () => {
  platform = await Platform.start('typed_client');
  admin = api(platform.adminKey);
  const { data, error, response } = await admin.POST('/v1/partners', { body: { name: 'Typed client partner' } });
  if (!data) throw new Error(`partner: ${response.status} ${JSON.stringify(error)}`);
  expect(response.status).toBe(201);
  expect(data.apiKey).toMatch(/^tmn_/);
  partnerId = data.id;
  partner = api(data.apiKey);
}, 90_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('the OpenAPI document the gateway serves', () => {
  let document: OpenAPIObject;
  let operations: [string, OperationObject][];

  beforeAll(async () => {
    document = (await platform.get<OpenAPIObject>('/docs-json')).body;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => (item[method] ? [[`${method} ${path}`, item[method]] as [string, OperationObject]] : [])),
    );
  });

  it(`is the one ${TYPED_CLIENT_PATH} was generated from (else: npm run client, and commit it)`, async () => {
    const committed = await readFile(TYPED_CLIENT_PATH, 'utf8');
    expect((await typedClientSource(document)) === committed ? 'up to date' : 'stale').toBe('up to date');
  });

  it('gives every route a summary and a described reply body', () => {
    const undescribed = operations
      .filter(([, operation]) => !operation.summary || !Object.entries(operation.responses).some(([status, r]) => status.startsWith('2') && (r as ResponseObject).content))
      .map(([route]) => route);
    expect(undescribed).toEqual([]);
  });

  it('describes every failure with the one error body', () => {
    const bare = operations.flatMap(([route, operation]) =>
      Object.entries(operation.responses)
        .filter(([status, r]) => Number(status) >= 400 && !(r as ResponseObject).content?.['application/json'])
        .map(([status]) => `${route} ${status}`),
    );
    expect(bare).toEqual([]);
    expect(document.paths['/v1/companies']?.post?.responses['400']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  });

  it('resolves every schema it refers to, and holds no other', () => {
    const referred = new Set([...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]));
    expect([...referred].filter((name) => !document.components?.schemas?.[name])).toEqual([]);
    expect(Object.keys(document.components?.schemas ?? {}).filter((name) => !referred.has(name))).toEqual([]);
  });
});

describe('the generated client', () => {
  let companyId: string;

  it('submits a company and reads it back', async () => {
    const created = await partner.POST('/v1/companies', { body: profile });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ partnerId, version: 1, name: profile.name, inn: profile.inn, locationSource: 'gazetteer' });
    companyId = created.data!.id;

    const read = await partner.GET('/v1/companies/{id}', { params: { path: { id: companyId } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toEqual(created.data);
  });

  it("lists the partner's companies", async () => {
    const { data, response } = await partner.GET('/v1/companies', { params: { query: { limit: 10 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ items: [expect.objectContaining({ id: companyId })], nextCursor: null });
    expect(data!.items.map((c) => c.id)).toEqual([companyId]);
  });

  it('reads its explained matches once they are ranked', async () => {
    const list = await eventually(async () => {
      const { data } = await partner.GET('/v1/companies/{id}/matches', { params: { path: { id: companyId }, query: { includeProhibited: true, limit: 50 } } });
      return data && data.items.length > 0 ? data : undefined;
    }, 20_000, 'matches of the typed-client company');
    for (const match of list.items) {
      expect(match.companyId).toBe(companyId);
      expect(match.sector).toBe('mining');
      const contributions = match.breakdown.reduce((sum, line) => sum + (line.contribution), 0);
      expect(contributions).toBeCloseTo(match.score, 1);
      for (const id of match.compliance.ruleIds) expect(list.rules[id]?.id).toBe(id);
      expect(list.decisions[match.compliance.decisions.company]?.partyId).toBe(companyId);
    }
  });

  it('gives a refused request the typed error body', async () => {
    const { data, error, response } = await partner.POST('/v1/companies', { body: { ...profile, inn: '7707083890' } });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', correlationId: expect.any(String) });
    const fields = Array.isArray(error?.details) ? error.details.map((d) => d.field) : [];
    expect(fields).toContain('inn');
  });
});
