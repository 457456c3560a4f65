import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { eventually } from '#testing';
import { innFrom, miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

const MAX_ROWS = 1_200;

let platform: Platform;
let partner: { id: string; apiKey: string };
let other: { id: string; apiKey: string };

beforeAll(async () => {
  platform = await Platform.start('import', { IMPORT_MAX_ROWS: String(MAX_ROWS) });
  partner = await platform.createPartner('Importing partner');
  other = await platform.createPartner('Another partner');
}, 60_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

const COLUMNS = [
  'name', 'inn', 'region', 'city', 'sectors', 'okved', 'hsCodes', 'capabilities', 'employees',
  'annualRevenueRub', 'exportExperienceYears', 'acceptsRubSettlement', 'directors', 'location.lat', 'location.lon',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** Ways to spoil one row, each in its own field: the field the rejection must name, and the spoiled cell. */
const SPOILERS: [field: string, column: keyof Row, cell: string][] = [
  ['inn', 'inn', '2540000010'],
  ['employees', 'employees', '-5'],
  ['sectors', 'sectors', 'fishing'],
  ['okved.0', 'okved', '04.10'],
  ['hsCodes', 'hsCodes', '1'],
  ['capabilities.0', 'capabilities', 'space_mining'],
  ['acceptsRubSettlement', 'acceptsRubSettlement', 'maybe'],
  ['name', 'name', ''],
  ['exportExperienceYears', 'exportExperienceYears', '200'],
  ['annualRevenueRub', 'annualRevenueRub', 'lots'],
  ['directors', 'directors', '[{"name": "Ivan"'],
  ['location.lat', 'location.lat', '95'],
];

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvOf(rows: Row[]): string {
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
}

/** The fixture company as a CSV row, its INN from `stem`. */
function rowOf(stem: number): Row {
  const c = miningCompany({ inn: innFrom(stem) });
  return {
    name: c.name,
    inn: c.inn,
    region: c.region,
    city: c.city,
    sectors: c.sectors.join(';'),
    okved: c.okved.join(';'),
    hsCodes: c.hsCodes.join(';'),
    capabilities: c.capabilities.join(';'),
    employees: String(c.employees),
    annualRevenueRub: String(c.annualRevenueRub),
    exportExperienceYears: String(c.exportExperienceYears),
    acceptsRubSettlement: String(c.acceptsRubSettlement),
    directors: JSON.stringify(c.directors),
    'location.lat': '',
    'location.lon': '',
  };
}

async function importBody(body: string | Buffer, contentType: string, query = '', headers: Record<string, string> = {}) {
  const response = await fetch(`${platform.baseUrl}/v1/companies/import${query}`, {
    method: 'POST',
    headers: { 'x-api-key': partner.apiKey, 'content-type': contentType, ...headers },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Waits for the import to be done, then reads every row's result, page by page. */
async function finished(id: string): Promise<{ job: any; rows: any[] }> {
  const job = await eventually(async () => {
    const res = await platform.get(`/v1/imports/${id}`, partner.apiKey);
    return res.status === 200 && res.body.status === 'done' ? res.body : undefined;
  }, 60_000, `import ${id} to be done`);
  const rows: any[] = [];
  for (let after: string | null = ''; after !== null; ) {
    const page: { status: number; body: any } = await platform.get(`/v1/imports/${id}?limit=200&after=${after}`, partner.apiKey);
    expect(page.status).toBe(200);
    rows.push(...page.body.rows.items);
    after = page.body.rows.nextCursor;
  }
  return { job, rows };
}

async function companyCount(key: string): Promise<number> {
  const res = await platform.get('/v1/companies?limit=1&offset=0', key);
  expect(res.status).toBe(200);
  expect(res.body.total).toEqual(expect.any(Number));
  return res.body.total;
}

const base = 300_000_000 + Math.floor(Math.random() * 100_000) * 1_000;
const rows = Array.from({ length: 1_000 }, (_, i) => rowOf(base + i));
const spoiled = new Map<number, string>();
for (let k = 0; k < 37; k++) {
  const index = 13 + k * 27;
  const [field, column, cell] = SPOILERS[k % SPOILERS.length]!;
  rows[index] = { ...rows[index]!, [column]: cell };
  spoiled.set(index + 1, field);
}
const file = csvOf(rows);

describe('a partner imports a CSV of 1,000 companies, 37 of them bad', () => {
  let created: any[] = [];

  it('answers 202 at once, then stores the 963 good rows and names the field of each of the 37 rejections', async () => {
    const remaining = async () => Number((await platform.get('/v1/companies?limit=1', partner.apiKey)).headers.get('x-ratelimit-remaining'));
    const before = await remaining();
    const accepted = await importBody(file, 'text/csv');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'running', dryRun: false, total: 1_000 });
    // The import counted its 1,000 rows against the key's rate limit.
    expect(before - (await remaining())).toBeGreaterThanOrEqual(1_000);

    const { job, rows: results } = await finished(accepted.body.id);
    expect(job.counts).toEqual({ created: 963, updated: 0, unchanged: 0, rejected: 37 });
    expect(job.done).toBe(1_000);
    expect(results.map((r) => r.row)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    for (const result of results) {
      const field = spoiled.get(result.row);
      if (field === undefined) {
        expect(result).toEqual({ row: result.row, status: 'created', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      } else {
        expect(result.status).toBe('rejected');
        expect(result.details.map((d: any) => d.field)).toContain(field);
      }
    }
    created = results.filter((r) => r.status === 'created');
    expect(await companyCount(partner.apiKey)).toBe(963);
  }, 90_000);

  it('rejects a row with the same details a single POST of it gives', async () => {
    const single = await platform.post('/v1/companies', { ...miningCompany(), employees: -5 }, partner.apiKey);
    expect(single.status).toBe(400);
    const { rows: results } = await finished((await importBody(csvOf([{ ...rowOf(base + 5_000), employees: '-5' }]), 'text/csv')).body.id);
    expect(results[0].details).toEqual(single.body.details);
  }, 30_000);

  it('matches every imported company', async () => {
    let waiting = created.map((r) => r.id as string);
    const deadline = Date.now() + 60_000;
    while (waiting.length && Date.now() < deadline) {
      const still: string[] = [];
      for (const id of waiting) {
        const res = await platform.get(`/v1/companies/${id}/matches?includeProhibited=true&limit=1`, partner.apiKey);
        if (res.status !== 200 || res.body.items.length === 0) still.push(id);
      }
      waiting = still;
      if (waiting.length) await new Promise((r) => setTimeout(r, 500));
    }
    expect(waiting).toEqual([]);
  }, 90_000);

  it('creates nothing when the same file is sent again: every good row is unchanged', async () => {
    const again = await importBody(gzipSync(file), 'text/csv; charset=utf-8', '', { 'content-encoding': 'gzip' });
    expect(again.status).toBe(202);
    const { job, rows: results } = await finished(again.body.id);
    expect(job.counts).toEqual({ created: 0, updated: 0, unchanged: 963, rejected: 37 });
    const ids = new Map(created.map((r) => [r.row, r.id]));
    for (const r of results.filter((x) => x.status === 'unchanged')) expect(r.id).toBe(ids.get(r.row));
    expect(await companyCount(partner.apiKey)).toBe(963);
  }, 90_000);

  it('stores nothing on a dry run, and reports what would be created, updated and unchanged', async () => {
    const first = created[0];
    const changed = { ...rows[first.row - 1]!, employees: '900' };
    const body = csvOf([changed, rows[1]!, rowOf(base + 9_000), rowOf(base + 9_001)]);
    const dry = await importBody(body, 'text/csv', '?dryRun=true');
    expect(dry.status).toBe(202);
    expect(dry.body.dryRun).toBe(true);
    const { job, rows: results } = await finished(dry.body.id);
    expect(job.counts).toEqual({ created: 2, updated: 1, unchanged: 1, rejected: 0 });
    expect(results.slice(2)).toEqual([{ row: 3, status: 'created' }, { row: 4, status: 'created' }]);
    expect(await companyCount(partner.apiKey)).toBe(963);
    const stored = await platform.get(`/v1/companies/${first.id}`, partner.apiKey);
    expect(stored.body).toMatchObject({ employees: 850, version: 1 });
  }, 60_000);
});

describe('Idempotency-Key on an import', () => {
  it('answers a retried import with the first job, doing nothing twice; another body under the key is 422; the key survives a restart', async () => {
    const body = csvOf([rowOf(base + 20_000), rowOf(base + 20_001), rowOf(base + 20_002)]);
    const key = `import-${base}`;
    const before = await companyCount(partner.apiKey);
    const first = await importBody(body, 'text/csv', '', { 'idempotency-key': key });
    expect(first.status).toBe(202);
    // The retry comes gzipped: the same import, read the same.
    const retried = await importBody(gzipSync(body), 'text/csv', '', { 'idempotency-key': key, 'content-encoding': 'gzip' });
    expect(retried).toEqual(first);
    await finished(first.body.id);
    expect(await companyCount(partner.apiKey)).toBe(before + 3);
    const jobs = (await platform.get('/v1/imports?limit=200', partner.apiKey)).body.items.map((j: any) => j.id);
    expect(jobs.filter((id: string) => id === first.body.id)).toHaveLength(1);
    const count = jobs.length;

    const other = await importBody(csvOf([rowOf(base + 20_003)]), 'text/csv', '', { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect((await platform.get('/v1/imports?limit=200', partner.apiKey)).body.items).toHaveLength(count);

    await platform.services.companies.kill();
    platform.services.companies.start();
    const afterRestart = await eventually(async () => {
      const res = await importBody(body, 'text/csv', '', { 'idempotency-key': key });
      return res.status === 202 ? res : undefined;
    }, 30_000, 'the companies service back');
    expect(afterRestart.body.id).toBe(first.body.id);
    expect(await companyCount(partner.apiKey)).toBe(before + 3);
    const docs = await platform.get('/docs-json');
    expect(docs.body.paths['/v1/companies/import'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'Idempotency-Key' })]));
  }, 120_000);
});

describe('an import of a JSON array', () => {
  it('updates a changed company through the update path, keyed by INN, and creates a new one', async () => {
    const existing = miningCompany();
    const posted = await platform.post('/v1/companies', existing, partner.apiKey);
    expect(posted.status).toBe(201);
    const fresh = miningCompany();
    const longKey = { ...miningCompany(), ['k'.repeat(3_000)]: 1 };
    const manyFaults = { ...miningCompany(), owners: Array.from({ length: 50 }, () => ({ name: 1, sharePct: 'x' })) };
    const accepted = await importBody(JSON.stringify([{ ...existing, employees: 1_234 }, fresh, 'not a profile', longKey, manyFaults]), 'application/json');
    expect(accepted.status).toBe(202);
    const { rows: results } = await finished(accepted.body.id);
    expect(results.slice(0, 3)).toEqual([
      { row: 1, status: 'updated', id: posted.body.id },
      { row: 2, status: 'created', id: expect.any(String) },
      { row: 3, status: 'rejected', details: [{ field: 'body', reason: 'must be a JSON object' }] },
    ]);
    // A row's reasons are kept within bounds, whatever the row.
    expect(results[3]).toEqual({ row: 4, status: 'rejected', details: [{ field: 'k'.repeat(1_000), reason: 'is not a known field' }] });
    expect(results[4].status).toBe('rejected');
    expect(results[4].details).toHaveLength(100);
    const updated = await platform.get(`/v1/companies/${posted.body.id}`, partner.apiKey);
    expect(updated.body).toMatchObject({ employees: 1_234, version: 2 });
  }, 60_000);
});

describe('what an import refuses', () => {
  it('refuses a file of more than IMPORT_MAX_ROWS rows with 413 and stores none of it', async () => {
    const before = await companyCount(partner.apiKey);
    const big = csvOf(Array.from({ length: MAX_ROWS + 1 }, (_, i) => rowOf(base + 20_000 + i)));
    const refused = await importBody(big, 'text/csv');
    expect(refused.status).toBe(413);
    expect(refused.body.details).toEqual([{ field: 'body', reason: `has more than ${MAX_ROWS} rows` }]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await companyCount(partner.apiKey)).toBe(before);
  }, 60_000);

  it('refuses a body that is not CSV or a JSON array', async () => {
    expect((await importBody('name,inn\n"unclosed,1\n', 'text/csv')).status).toBe(400);
    expect((await importBody('{"name": "x"}', 'application/json')).body.details).toEqual([
      { field: 'body', reason: 'the body must be a JSON array of profiles' },
    ]);
    expect((await importBody('<xml/>', 'application/xml')).status).toBe(415);
    const badGzip = await importBody('[not gzip', 'application/json', '', { 'content-encoding': 'gzip' });
    expect(badGzip.status).toBe(400);
    expect(badGzip.body.details[0].field).toBe('body');
    expect((await importBody('[{"name": "x"}, {"name": }]', 'application/json')).body.details[0].reason).toMatch(/^element 2 is not valid JSON/);
  });

  it("shows an import to its partner only, and takes no admin's key", async () => {
    const accepted = await importBody(csvOf([rowOf(base + 30_000)]), 'text/csv');
    expect((await platform.get(`/v1/imports/${accepted.body.id}`, other.apiKey)).status).toBe(404);
    expect((await platform.get(`/v1/imports/${accepted.body.id}`, partner.apiKey)).status).toBe(200);
    const byAdmin = await fetch(`${platform.baseUrl}/v1/companies/import`, {
      method: 'POST',
      headers: { 'x-api-key': platform.adminKey, 'content-type': 'text/csv' },
      body: csvOf([rowOf(base + 30_001)]),
    });
    expect(byAdmin.status).toBe(403);
  });
});

describe('the import route in OpenAPI', () => {
  it('describes both content types and the job it answers', async () => {
    const docs = await platform.get('/docs-json');
    const post = docs.body.paths['/v1/companies/import'].post;
    expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(post.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportJob' });
    expect(docs.body.paths['/v1/imports/{id}'].get.responses['200'].content['application/json'].example.counts).toEqual({
      created: 963,
      updated: 0,
      unchanged: 0,
      rejected: 37,
    });
    expect(docs.body.components.schemas.ImportReport).toBeDefined();
  });
});
