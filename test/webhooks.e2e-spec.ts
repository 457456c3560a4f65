import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { eventually } from '#testing';
import { innFrom, miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/**
 * Partners' webhooks end to end: every service its own process, endpoints registered through REST,
 * receivers are HTTP servers of this test on 127.0.0.1 (allowed by WEBHOOK_ALLOW_PRIVATE, which the
 * last test takes away).
 */

const RETRY_BASE_MS = 300;
/** Attempts a delivery gets here (13 by default, over about a day). */
const MAX_ATTEMPTS = 4;

interface Received {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
}

/** A receiver whose answer to each request is up to the test. */
class Receiver {
  readonly requests: Received[] = [];
  answer: (request: Received, n: number) => number | 'hang' = () => 200;
  private readonly hanging: ServerResponse[] = [];
  private server!: Server;
  url = '';

  async listen(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const received = { headers: req.headers as Record<string, string>, body, json: JSON.parse(body) };
        this.requests.push(received);
        const answer = this.answer(received, this.requests.length);
        if (answer === 'hang') this.hanging.push(res);
        else res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let platform: Platform;
let partner: { id: string; apiKey: string };
let other: { id: string; apiKey: string };
const receivers: Receiver[] = [];

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().listen();
  receivers.push(r);
  return r;
}

beforeAll(async () => {
  platform = await Platform.start('webhooks', {
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
    WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_POLL_MS: '100',
  });
  partner = await platform.createPartner('Webhook partner');
  other = await platform.createPartner('Another partner');
}, 90_000);

afterAll(async () => {
  await platform?.stop();
  for (const r of receivers) await r.close();
}, 30_000);

async function register(key: string, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await platform.post('/v1/webhooks', body, key);
  expect(res.status).toBe(201);
  return res.body;
}

let stem = 400_000_000 + Math.floor(Math.random() * 100_000) * 1_000;

/** Imports `n` companies as a JSON array; answers the import's id. */
async function importCompanies(n: number, dryRun = true): Promise<string> {
  const profiles = Array.from({ length: n }, () => miningCompany({ inn: innFrom(stem++) }));
  const res = await platform.request('POST', `/v1/companies/import${dryRun ? '?dryRun=true' : ''}`, { key: partner.apiKey, body: profiles });
  expect(res.status).toBe(202);
  return res.body.id;
}

function verifies(secret: string, r: Received): boolean {
  try {
    new Webhook(secret).verify(r.body, r.headers);
    return true;
  } catch {
    return false;
  }
}

describe('a partner receives signed webhooks', () => {
  it('(a) gets match.created for a new lead, signed with the endpoint secret', async () => {
    const inbox = await receiver();
    const endpoint = await register(partner.apiKey, { url: inbox.url, events: ['match.created'] });
    const company = await platform.post('/v1/companies', miningCompany({ inn: innFrom(stem++) }), partner.apiKey);
    expect(company.status).toBe(201);
    const created = await eventually(
      async () => inbox.requests.find((r) => r.json.type === 'match.created' && r.json.data.companyId === company.body.id),
      30_000,
      'match.created for the new company',
    );
    expect(verifies(endpoint.secret, created)).toBe(true);
    expect(Object.keys(created.json.data).sort()).toEqual(['companyId', 'matchId', 'opportunityId', 'score', 'sector', 'verdict']);
    const matches = await platform.get(`/v1/companies/${company.body.id}/matches`, partner.apiKey);
    expect(matches.status).toBe(200);
    expect(matches.body.items.map((m: any) => m.matchId ?? m.id)).toContain(created.json.data.matchId);
  }, 60_000);

  it('(b) is sent an event three times with backoff when it answers 500 twice, and the deliveries list shows each attempt', async () => {
    const inbox = await receiver();
    inbox.answer = (_r, n) => (n <= 2 ? 500 : 200);
    const endpoint = await register(partner.apiKey, { url: inbox.url, events: ['import.finished'] });
    const importId = await importCompanies(2);
    await eventually(async () => (inbox.requests.length >= 3 ? true : undefined), 30_000, 'three attempts');
    expect(inbox.requests.map((r) => r.json.data.importId)).toEqual([importId, importId, importId]);
    expect(new Set(inbox.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(inbox.requests.every((r) => verifies(endpoint.secret, r))).toBe(true);
    expect(inbox.requests[2]!.json).toMatchObject({ type: 'import.finished', data: { importId, status: 'done', dryRun: true, total: 2 } });

    const page = await eventually(async () => {
      const res = await platform.get(`/v1/webhooks/${endpoint.id}/deliveries`, partner.apiKey);
      return res.status === 200 && res.body.items[0]?.status === 'delivered' ? res.body : undefined;
    }, 10_000, 'the delivery recorded as delivered');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(1);
    const [delivery] = page.items;
    expect(delivery).toMatchObject({ id: inbox.requests[0]!.headers['webhook-id'], type: 'import.finished', status: 'delivered', nextAttemptAt: null });
    expect(delivery.attempts.map((a: any) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, null],
      [2, 500, null],
      [3, 200, null],
    ]);
    // Backoff: the second wait is about twice the first (each jittered by at most 20 %).
    const at = delivery.attempts.map((a: any) => Date.parse(a.at));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(0.8 * RETRY_BASE_MS);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(0.8 * 2 * RETRY_BASE_MS);
  }, 60_000);

  it('signs with both secrets after a rotation', async () => {
    const inbox = await receiver();
    const endpoint = await register(partner.apiKey, { url: inbox.url, events: ['import.finished'] });
    const rotated = await platform.post(`/v1/webhooks/${endpoint.id}/rotate-secret`, {}, partner.apiKey);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await importCompanies(1);
    const request = await eventually(async () => inbox.requests[0], 30_000, 'the import.finished event');
    expect(verifies(rotated.body.secret, request)).toBe(true);
    expect(verifies(endpoint.secret, request)).toBe(true);
  }, 60_000);

  it('disables an endpoint whose delivery fails every attempt, says why, and sends again once enabled', async () => {
    const inbox = await receiver();
    let failing = true;
    inbox.answer = () => (failing ? 503 : 200);
    const endpoint = await register(partner.apiKey, { url: inbox.url, events: ['import.finished'] });
    const importId = await importCompanies(1);
    const disabled = await eventually(async () => {
      const res = await platform.get(`/v1/webhooks/${endpoint.id}`, partner.apiKey);
      return res.body.status === 'disabled' ? res.body : undefined;
    }, 60_000, 'the endpoint disabled');
    // Every attempt the platform gives one delivery failed.
    expect(inbox.requests).toHaveLength(MAX_ATTEMPTS);
    expect(disabled.disabledReason).toMatch(new RegExp(`failed all ${MAX_ATTEMPTS} attempts; the last, at .*: HTTP 503$`));
    expect(disabled.disabledAt).not.toBeNull();
    failing = false;
    const enabled = await platform.post(`/v1/webhooks/${endpoint.id}/enable`, {}, partner.apiKey);
    expect(enabled.body).toMatchObject({ status: 'active', disabledReason: null });
    const next = await importCompanies(1);
    await eventually(async () => inbox.requests.find((r) => r.json.data.importId === next), 30_000, 'the next import after enabling');
    expect(inbox.requests.filter((r) => r.json.data.importId === importId)).toHaveLength(MAX_ATTEMPTS);
  }, 120_000);

  it("keeps each partner's endpoints to itself", async () => {
    const inbox = await receiver();
    const mine = await register(partner.apiKey, { url: inbox.url, events: ['match.created'], minScore: 70 });
    for (const path of [`/v1/webhooks/${mine.id}`, `/v1/webhooks/${mine.id}/deliveries`]) {
      expect((await platform.get(path, other.apiKey)).status).toBe(404);
    }
    expect((await platform.request('DELETE', `/v1/webhooks/${mine.id}`, { key: other.apiKey })).status).toBe(404);
    expect((await platform.post(`/v1/webhooks/${mine.id}/rotate-secret`, {}, other.apiKey)).status).toBe(404);
    expect((await platform.get('/v1/webhooks', other.apiKey)).body).toEqual({ items: [], nextCursor: null });
    const listed = await platform.get('/v1/webhooks?limit=200', partner.apiKey);
    expect(listed.body.items.find((e: any) => e.id === mine.id)).toMatchObject({ minScore: 70, events: ['match.created'] });
    expect(listed.body.items.every((e: any) => !('secret' in e))).toBe(true);
    expect((await platform.request('DELETE', `/v1/webhooks/${mine.id}`, { key: partner.apiKey })).body).toEqual({ id: mine.id, deleted: true });
    expect((await platform.get(`/v1/webhooks/${mine.id}`, partner.apiKey)).status).toBe(404);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const fields = async (body: unknown) => {
      const res = await platform.post('/v1/webhooks', body, partner.apiKey);
      expect(res.status).toBe(400);
      return [...new Set(res.body.details.map((d: any) => d.field))];
    };
    expect(await fields({ url: 'http://127.0.0.1/x', events: ['match.nope'] })).toEqual(['events']);
    expect(await fields({ url: 'http://127.0.0.1/x', events: ['match.created'], minScore: -1 })).toEqual(['minScore']);
    expect(await fields({ events: ['match.created'] })).toEqual(['url']);
    expect(await fields({ url: 'gopher://127.0.0.1/x', events: ['match.created'] })).toEqual(['url']);
    expect((await platform.get('/v1/webhooks?after=zzz', partner.apiKey)).body.details).toEqual([expect.objectContaining({ field: 'after' })]);
    expect((await platform.get('/v1/webhooks/not-a-uuid', partner.apiKey)).status).toBe(400);
  });

  it('(c) loses no event of a backlog when the delivering process is killed (kill -9)', async () => {
    const inbox = await receiver();
    // Until the kill, requests are held unanswered: the worker is mid-delivery when it dies.
    let holding = true;
    inbox.answer = () => (holding ? 'hang' : 200);
    await register(partner.apiKey, { url: inbox.url, events: ['import.finished'] });
    const imports: string[] = [];
    for (let i = 0; i < 12; i++) imports.push(await importCompanies(1));
    await eventually(async () => (inbox.requests.length >= 3 ? true : undefined), 30_000, 'deliveries in flight');
    await platform.services.companies.kill('SIGKILL');
    holding = false;
    platform.services.companies.start();
    await platform.healthy(60_000);
    const arrived = await eventually(async () => {
      const ids = new Set(inbox.requests.filter((r) => r.json.type === 'import.finished').map((r) => r.json.data.importId));
      return imports.every((id) => ids.has(id)) ? ids : undefined;
    }, 60_000, 'every import.finished after the restart');
    expect([...arrived].filter((id) => imports.includes(id)).sort()).toEqual([...imports].sort());
  }, 150_000);

  it('(d) refuses a URL on a private address (400 on url) unless WEBHOOK_ALLOW_PRIVATE is set', async () => {
    await platform.services.companies.kill('SIGTERM');
    platform.services.companies = platform.services.companies.replica({ WEBHOOK_ALLOW_PRIVATE: 'false' });
    platform.services.companies.start();
    await platform.healthy(60_000);
    await eventually(async () => ((await platform.get('/v1/webhooks', partner.apiKey)).status === 200 ? true : undefined), 30_000, 'companies answering');
    for (const [url, range] of [
      ['http://127.0.0.1:8080/hook', 'loopback'],
      ['http://localhost/hook', 'loopback'],
      ['http://10.0.0.5/hook', 'private'],
      ['http://192.168.1.20/hook', 'private'],
      ['http://169.254.169.254/latest/meta-data', 'linkLocal'],
      ['http://[::1]/hook', 'loopback'],
      ['http://[fd00::1]/hook', 'uniqueLocal'],
    ] as const) {
      const res = await platform.post('/v1/webhooks', { url, events: ['match.created'] }, partner.apiKey);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'url', reason: expect.stringContaining(`(${range})`) }]);
    }
  }, 90_000);
});
