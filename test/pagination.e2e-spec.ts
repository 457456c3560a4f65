import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#testing';
import { innFrom, miningCompany, miningOpportunity } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/** Every list pages by key: `{items, nextCursor}`, read on with `after=nextCursor`. */

const COMPANIES = 1_000;

let platform: Platform;
let partner: { id: string; apiKey: string };
let other: { id: string; apiKey: string };

beforeAll(async () => {
  platform = await Platform.start('pagination', { IMPORT_MAX_ROWS: '2000' });
  partner = await platform.createPartner('Paging partner');
  other = await platform.createPartner('Another partner');
}, 60_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

/** Reads a list to its end by cursor, `onPage` running between pages; answers every item in the order given. */
async function walk(path: string, key: string, onPage: (pageNo: number) => Promise<void> = async () => undefined): Promise<any[]> {
  const items: any[] = [];
  const join = path.includes('?') ? '&' : '?';
  let after: string | null = '';
  for (let pageNo = 0; after !== null; pageNo++) {
    const page: { status: number; body: any } = await platform.get(`${path}${after ? `${join}after=${after}` : ''}`, key);
    expect(page.status).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
    items.push(...page.body.items);
    after = page.body.nextCursor;
    await onPage(pageNo);
  }
  return items;
}

async function importCompanies(stems: number[]): Promise<void> {
  const rows = stems.map((stem) => miningCompany({ name: `OOO Paged ${stem}`, inn: innFrom(stem) }));
  const response = await fetch(`${platform.baseUrl}/v1/companies/import`, {
    method: 'POST',
    headers: { 'x-api-key': partner.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
    signal: AbortSignal.timeout(60_000),
  });
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  await eventually(async () => {
    const job = await platform.get(`/v1/imports/${id}?limit=1`, partner.apiKey);
    return job.body.status === 'done' ? job.body : undefined;
  }, 120_000, 'the import to be done');
}

describe('keyset pages through REST', () => {
  it('walks 1,000 companies while others are inserted and deleted: each surviving company exactly once, in creation order', async () => {
    await importCompanies(Array.from({ length: COMPANIES }, (_, i) => 500_000_000 + i));
    const before = await walk('/v1/companies?limit=200', partner.apiKey);
    expect(before).toHaveLength(COMPANIES);
    const originals = before.map((c) => c.id as string);

    // During the walk: after each page, delete two companies (one already given, one not yet reached) and create one.
    const deleted = new Set<string>();
    const created: string[] = [];
    let stem = 600_000_000;
    const seen = await walk('/v1/companies?limit=37', partner.apiKey, async (pageNo) => {
      const given = originals[pageNo * 37];
      const ahead = originals[Math.min(originals.length - 1, pageNo * 37 + 100 + pageNo)];
      for (const id of [given, ahead]) {
        if (!id || deleted.has(id)) continue;
        expect((await platform.request('DELETE', `/v1/companies/${id}`, { key: partner.apiKey })).status).toBe(200);
        deleted.add(id);
      }
      const res = await platform.post('/v1/companies', miningCompany({ name: `OOO Inserted ${stem}`, inn: innFrom(stem++) }), partner.apiKey);
      expect(res.status).toBe(201);
      created.push(res.body.id);
    });

    const ids = seen.map((c) => c.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    const surviving = originals.filter((id) => !deleted.has(id));
    const seenSet = new Set(ids);
    expect(surviving.filter((id) => !seenSet.has(id))).toEqual([]);
    // What was given is in creation order: the originals that were given, then the companies inserted meanwhile.
    const createdAt = seen.map((c) => c.createdAt as string);
    expect([...createdAt].sort()).toEqual(createdAt);
    expect(deleted.size).toBeGreaterThan(40);
    expect(created.length).toBeGreaterThan(20);
    // Another partner sees none of them.
    expect(await walk('/v1/companies', other.apiKey)).toEqual([]);
  }, 300_000);

  it('answers 400 naming `after` for a cursor no list gave, and the deprecated offset still pages with its fields', async () => {
    for (const bad of ['not a cursor!', Buffer.from('["2026-01-01 00:00:00+00","x"]').toString('base64url'), 'A'.repeat(600)]) {
      const res = await platform.get(`/v1/companies?after=${encodeURIComponent(bad)}`, partner.apiKey);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'after' })]);
    }
    const page = await platform.get('/v1/companies?limit=5&offset=10', partner.apiKey);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 5, offset: 10, nextOffset: 15, nextCursor: expect.any(String) });
    expect(page.body.total).toBeGreaterThan(900);
    // The cursor of an offset page goes on where it ended.
    const onward = await platform.get(`/v1/companies?limit=5&after=${page.body.nextCursor}`, partner.apiKey);
    const byOffset = await platform.get('/v1/companies?limit=5&offset=15', partner.apiKey);
    expect(onward.body.items.map((c: any) => c.id)).toEqual(byOffset.body.items.map((c: any) => c.id));
    const docs = await platform.get('/docs-json');
    const parameters = docs.body.paths['/v1/companies'].get.parameters;
    expect(parameters.find((p: any) => p.name === 'offset').deprecated).toBe(true);
    expect(parameters.find((p: any) => p.name === 'after').deprecated).toBeUndefined();
  }, 60_000);

  it('walks the catalogue across its sectors by cursor: every opportunity once, as the offset pages give them', async () => {
    for (let i = 0; i < 7; i++) {
      expect((await platform.post('/v1/opportunities', miningOpportunity({ title: `Paged opportunity ${i}` }), platform.adminKey)).status).toBe(201);
    }
    const byKey = (await walk('/v1/opportunities?limit=3', platform.adminKey)).map((o) => o.id);
    expect(new Set(byKey).size).toBe(byKey.length);
    const byOffset = await platform.get('/v1/opportunities?limit=200&offset=0', platform.adminKey);
    expect(byKey).toEqual(byOffset.body.items.map((o: any) => o.id));
    expect(byKey.length).toBe(byOffset.body.total);
    const mining = (await walk('/v1/opportunities?sector=mining&limit=2', partner.apiKey)).map((o) => o.id);
    expect(mining.length).toBeGreaterThanOrEqual(7);
  }, 60_000);

  it("pages a partner's imports and an import's rows by cursor, and the audit log", async () => {
    const imports = await walk('/v1/imports?limit=1', partner.apiKey);
    expect(imports.length).toBeGreaterThanOrEqual(1);
    expect(imports[0]).toMatchObject({ status: 'done', counts: { created: COMPANIES } });
    expect(await walk('/v1/imports', other.apiKey)).toEqual([]);
    // An import's report carries its rows' page inside it: walk that page's cursor.
    const report: any[] = [];
    for (let after: string | null = ''; after !== null; ) {
      const res: { status: number; body: any } = await platform.get(`/v1/imports/${imports[0].id}?limit=200${after ? `&after=${after}` : ''}`, partner.apiKey);
      expect(res.status).toBe(200);
      report.push(...res.body.rows.items);
      after = res.body.rows.nextCursor;
    }
    expect(report.map((r) => r.row)).toEqual(Array.from({ length: COMPANIES }, (_, i) => i + 1));

    const audit = await platform.get('/v1/audit?limit=5', platform.adminKey);
    expect(audit.body.items).toHaveLength(5);
    const next = await platform.get(`/v1/audit?limit=5&after=${audit.body.nextCursor}`, platform.adminKey);
    const bySeq = await platform.get(`/v1/audit?limit=5&after=${audit.body.nextAfter}`, platform.adminKey);
    expect(next.body.items[0].seq).toBeGreaterThan(audit.body.items[4].seq);
    expect(next.body.items).toEqual(bySeq.body.items);
  }, 120_000);
});
