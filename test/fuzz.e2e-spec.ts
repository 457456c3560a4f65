import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { innFrom, miningOpportunity } from './support/fixtures.js';
import { badId, badQueryValue, mutateBody, Random, unknownId, unreadableBody, type FuzzRequest } from './support/fuzz.js';
import { Platform } from './support/platform.js';

/**
 * A bounded, seeded fuzz of every route: bodies made invalid in one way each (wrong types, NUL,
 * controls, unpaired surrogates, invisible characters, huge strings, prototype keys, arrays for
 * objects, deep nesting, unknown or missing fields, numbers out of range), bodies the gateway cannot
 * read (malformed, not UTF-8, other content types and charsets, bad compression), bad query
 * parameters (repeated ones among them), bad path ids and bad keys. Every request must be refused with a 4xx, never a 5xx; every
 * 400 names a field; nothing is stored. The same seed sends the same requests.
 */
const SEED = 20_261_201;
const REQUESTS = 5_200;
const CONCURRENCY = 8;

let platform: Platform;
let partnerKey: string;
/** A compliance officer's key: introduction decisions and dismissals take no other. */
let officerKey: string;
let companyId: string;
let opportunityId: string;

const company = {
  name: 'OOO Fuzz Gornoe Mashinostroenie',
  inn: innFrom(254_999_001),
  region: 'Primorsky Krai',
  city: 'Vladivostok',
  location: { lat: 43.1, lon: 131.9 },
  sectors: ['mining'],
  okved: ['28.92', '07.10'],
  hsCodes: ['8429', '842952'],
  capabilities: ['open_pit_mining', 'ore_beneficiation'],
  employees: 850,
  annualRevenueRub: 4_200_000_000,
  exportExperienceYears: 6,
  acceptsRubSettlement: true,
  owners: [{ name: 'Ivan Sidorov', sharePct: 60 }],
  directors: [{ name: 'Ivan Petrov' }],
};
const companyRequired = ['name', 'inn', 'region', 'city', 'sectors', 'okved', 'hsCodes', 'capabilities', 'employees', 'annualRevenueRub', 'exportExperienceYears', 'acceptsRubSettlement'];

const opportunity = miningOpportunity({
  title: 'Fuzz ore beneficiation line',
  description: 'Opportunity created by the fuzz suite.',
  counterparty: { name: 'Fuzz ore works operator', contact: 'fuzz@example.invalid' },
});
const opportunityRequired = ['sector', 'title', 'description', 'site', 'counterparty', 'requiredCapabilities', 'hsCodes', 'direction', 'structure', 'sizeUsd', 'settlementCurrencies', 'attributes'];

type Json = Parameters<typeof mutateBody>[1];

/** A good value of each kind of query parameter: given twice, it is an array, which no parameter accepts. */
const GOOD_QUERY = { int: '5', number: '10', boolean: 'true', sector: 'mining', status: 'pending', text: 'match.verdicts' } as const;

/** The string paths, the non-empty string paths and the object paths of a body. */
function shapeOf(body: Json, required: string[], nonEmptyKeys = ['name', 'title', 'region', 'city', 'inn', 'sector', 'direction', 'structure']) {
  const strings: (string | number)[][] = [];
  const objects: (string | number)[][] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    if (typeof value === 'string') strings.push(at);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (value && typeof value === 'object') {
      if (at.length) objects.push(at);
      for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    }
  };
  walk(body, []);
  const nonEmpty = strings.filter((p) => nonEmptyKeys.includes(String(p[p.length - 1])));
  return { strings, nonEmpty, objects, required };
}

interface BodyRoute {
  method: string;
  path: () => string;
  key: () => string;
  admin: boolean;
  base: Json;
  required: string[];
  query?: () => string;
}

function json(method: string, path: string, key: string, kind: string, text: string): FuzzRequest {
  return { kind, method, path, key, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) };
}

/** Builds the whole run from the seed, before anything is sent. */
function generate(random: Random): FuzzRequest[] {
  const admin = platform.adminKey;
  const partner = () => partnerKey;
  const officer = () => officerKey;
  const id = () => (random.chance(0.5) ? badId(random) : unknownId(random));
  /** One bad query parameter out of `params`, each refused by what it must be. */
  const badQuery = (params: Record<string, Parameters<typeof badQueryValue>[1]>) => {
    const name = random.pick(Object.keys(params));
    if (random.chance(0.1)) return `?${name}=${GOOD_QUERY[params[name]!]}&${name}=${GOOD_QUERY[params[name]!]}`;
    return `?${name}=${badQueryValue(random, params[name]!)}`;
  };
  const matchFilter = () => badQuery({ sector: 'sector', minScore: 'number', limit: 'int', includeProhibited: 'boolean' });

  const bodyRoutes: BodyRoute[] = [
    { method: 'POST', path: () => '/v1/partners', key: () => admin, admin: true, base: { name: 'Fuzz partner' }, required: ['name'] },
    { method: 'POST', path: () => '/v1/companies', key: partner, admin: false, base: company, required: companyRequired },
    { method: 'PATCH', path: () => `/v1/companies/${companyId}`, key: partner, admin: false, base: { name: 'OOO Fuzz Patched', employees: 900, location: { lat: 43, lon: 131 }, owners: [{ name: 'Anna Ivanova', sharePct: 10 }] }, required: [] },
    { method: 'POST', path: () => '/v1/matchmaking/preview', key: partner, admin: false, base: company, required: companyRequired, query: () => (random.chance(0.3) ? matchFilter() : '') },
    { method: 'POST', path: () => '/v1/opportunities', key: () => admin, admin: true, base: opportunity, required: opportunityRequired },
    { method: 'PATCH', path: () => `/v1/opportunities/${opportunityId}`, key: () => admin, admin: true, base: { title: 'Fuzz patched title', site: opportunity.site, counterparty: opportunity.counterparty, attributes: opportunity.attributes }, required: [] },
    { method: 'POST', path: () => `/v1/introductions/${unknownId(random)}/decision`, key: officer, admin: true, base: { approve: true, exemptionReference: '1718-FUZZ-001', note: 'checked\nby compliance' }, required: ['approve'] },
    {
      method: 'POST',
      path: () => `/v1/matches/${unknownId(random)}/dismissals`,
      key: officer,
      admin: true,
      base: { party: 'director', name: 'Ivan Petrov', referenceNumber: 'KPi.001', reason: 'Different person:\npassport checked.', expiresAt: '2027-01-01T00:00:00Z' },
      required: ['party', 'name', 'referenceNumber', 'reason'],
    },
    { method: 'POST', path: () => '/v1/screening/check', key: () => admin, admin: true, base: { name: 'Paek Chang Ho', type: 'individual' }, required: ['name'] },
  ];

  const queryRoutes: (() => FuzzRequest)[] = [
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/companies${badQuery({ limit: 'int', offset: 'int' })}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'GET', path: `/v1/companies/${id()}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'DELETE', path: `/v1/companies/${id()}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/companies/${random.chance(0.8) ? companyId : badId(random)}/matches${matchFilter()}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/opportunities${badQuery({ sector: 'sector', limit: 'int', offset: 'int' })}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'GET', path: `/v1/opportunities/${id()}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'DELETE', path: `/v1/opportunities/${id()}`, key: admin, headers: {} }),
    () => ({
      kind: 'bad query',
      method: 'GET',
      path: `/v1/opportunities/${random.chance(0.8) ? opportunityId : badId(random)}/matches${badQuery({ minScore: 'number', limit: 'int', includeProhibited: 'boolean' })}`,
      key: admin,
      headers: {},
    }),
    () => ({ kind: 'bad id', method: 'POST', path: `/v1/matches/${id()}/introductions`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'GET', path: `/v1/introductions/${id()}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/introductions${badQuery({ status: 'status', limit: 'int' })}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/audit${badQuery({ after: 'int', limit: 'int', kind: 'text' })}`, key: admin, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/echo${badQuery({ bytes: 'int' })}`, key: partnerKey, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/dismissals${badQuery({ limit: 'int', state: 'status', matchId: 'status', subjectId: 'status' })}`, key: officerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'GET', path: `/v1/dismissals/${id()}`, key: officerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'GET', path: `/v1/matches/${id()}/evidence${random.chance(0.3) ? '?format=pdf' : ''}`, key: officerKey, headers: {} }),
    () => ({ kind: 'bad query', method: 'GET', path: `/v1/matches/${unknownId(random)}/evidence?format=${random.pick(['xml', 'PDF', '', 'json,pdf', '%00'])}`, key: officerKey, headers: {} }),
    () => ({ kind: 'bad id', method: 'DELETE', path: `/v1/officers/${id()}`, key: admin, headers: {} }),
  ];

  /** Routes whose handler takes no body: only bodies that never parse, so the handler never runs. */
  const bodilessPosts = [
    () => ({ path: '/v1/screening/list/refresh', key: admin }),
    () => ({ path: `/v1/matches/${unknownId(random)}/introductions`, key: partnerKey }),
    () => ({ path: `/v1/companies/${unknownId(random)}`, key: partnerKey, method: 'DELETE' }),
  ];

  const requests: FuzzRequest[] = [];
  while (requests.length < REQUESTS) {
    const roll = random.next();
    if (roll < 0.5) {
      const route = random.pick(bodyRoutes);
      const path = route.path() + (route.query?.() ?? '');
      const { kind, text } = mutateBody(random, route.base, shapeOf(route.base, route.required));
      requests.push(json(route.method, path, route.key(), `body: ${kind}`, text));
    } else if (roll < 0.68) {
      const route = random.pick(bodyRoutes);
      const unreadable = unreadableBody(random, route.base);
      requests.push({ kind: `unreadable: ${unreadable.kind}`, method: route.method, path: route.path(), key: route.key(), headers: unreadable.headers, body: unreadable.body });
    } else if (roll < 0.74) {
      const target = random.pick(bodilessPosts)();
      const unreadable = unreadableBody(random, { a: 1 }, true);
      requests.push({ kind: `unreadable: ${unreadable.kind}`, method: 'method' in target ? String(target.method) : 'POST', path: target.path, key: target.key, headers: unreadable.headers, body: unreadable.body });
    } else if (roll < 0.95) {
      requests.push(random.pick(queryRoutes)());
    } else {
      // Keys: none, unknown, or a partner's on an admin route.
      const route = random.pick(bodyRoutes.filter((r) => r.admin));
      const which = random.pick(['no key', 'unknown key', 'partner key on admin route'] as const);
      const key = which === 'no key' ? undefined : which === 'unknown key' ? `tmn_${unknownId(random)}` : partnerKey;
      requests.push({ ...json(route.method, route.path(), '', `auth: ${which}`, JSON.stringify(route.base)), key });
    }
  }
  return requests;
}

interface Outcome {
  request: FuzzRequest;
  status: number;
  body: any;
}

async function send(request: FuzzRequest): Promise<Outcome> {
  const headers = { ...request.headers, ...(request.key ? { 'x-api-key': request.key } : {}) };
  try {
    const response = await fetch(`${platform.baseUrl}${request.path}`, { method: request.method, headers, body: request.body, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { request, status: response.status, body };
  } catch (error) {
    return { request, status: -1, body: String(error) };
  }
}

async function partnerCount(): Promise<number> {
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM companies.partner')).rows[0].n;
  } finally {
    await client.end();
  }
}

async function stored() {
  return {
    partners: await partnerCount(),
    companies: (await platform.get('/v1/companies?limit=1&offset=0', platform.adminKey)).body.total as number,
    opportunities: (await platform.get('/v1/opportunities?limit=1&offset=0', platform.adminKey)).body.total as number,
    introductions: ((await platform.get('/v1/introductions?limit=200', platform.adminKey)).body.items as unknown[]).length,
    companyVersion: (await platform.get(`/v1/companies/${companyId}`, platform.adminKey)).body.version as number,
    opportunityVersion: (await platform.get(`/v1/opportunities/${opportunityId}`, platform.adminKey)).body.version as number,
  };
}

beforeAll(async () => {
  platform = await Platform.start('fuzz_e2e');
  partnerKey = (await platform.createPartner('Fuzz partner')).apiKey;
  officerKey = (await platform.post('/v1/officers', { name: 'Fuzz officer' }, platform.adminKey)).body.apiKey;
  const created = await platform.post('/v1/companies', company, partnerKey);
  if (created.status !== 201) throw new Error(`fixture company refused: ${JSON.stringify(created.body)}`);
  companyId = created.body.id;
  const published = await platform.post('/v1/opportunities', opportunity, platform.adminKey);
  if (published.status !== 201) throw new Error(`fixture opportunity refused: ${JSON.stringify(published.body)}`);
  opportunityId = published.body.id;
}, 60_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe(`fuzz: ${REQUESTS} generated bad requests across every route (seed ${SEED})`, () => {
  it('answers every one with a 4xx, names a field in every 400, and stores nothing', async () => {
    const before = await stored();
    const requests = generate(new Random(SEED));
    const started = Date.now();
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) outcomes.push(await send(requests[next++]!));
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    const byStatus = new Map<number, number>();
    const byKind = new Map<string, Map<number, number>>();
    for (const { request, status } of outcomes) {
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      const kind = byKind.get(request.kind) ?? new Map<number, number>();
      kind.set(status, (kind.get(status) ?? 0) + 1);
      byKind.set(request.kind, kind);
    }
    const describe = (o: Outcome) => `${o.status} ${o.request.method} ${o.request.path.slice(0, 120)} [${o.request.kind}] ${JSON.stringify(o.body).slice(0, 300)}`;
    const failures = outcomes.filter((o) => o.status >= 500 || o.status < 400);
    const unnamed = outcomes.filter(
      (o) => o.status === 400 && !(Array.isArray(o.body?.details) && o.body.details.length > 0 && o.body.details.every((d: { field?: unknown }) => typeof d.field === 'string' && d.field.length > 0)),
    );
    const statusLine = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    const kindLines = [...byKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, statuses]) => `  ${kind.padEnd(40)} ${[...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    console.log(
      [
        `fuzz seed ${SEED}: ${outcomes.length} requests in ${seconds.toFixed(1)} s (${Math.round(outcomes.length / seconds)}/s, ${CONCURRENCY} at a time)`,
        `by status: ${statusLine}`,
        'by kind:',
        ...kindLines,
        ...failures.slice(0, 20).map((o) => `NOT REFUSED OR 5xx: ${describe(o)}`),
        ...unnamed.slice(0, 20).map((o) => `400 WITHOUT A FIELD: ${describe(o)}`),
      ].join('\n'),
    );

    expect(outcomes).toHaveLength(REQUESTS);
    expect(failures.map(describe)).toEqual([]);
    expect(unnamed.map(describe)).toEqual([]);
    expect(await stored()).toEqual(before);
    expect((await platform.get('/health')).status).toBe(200);
  }, 180_000);
});
