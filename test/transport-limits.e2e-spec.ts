import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually } from '#testing';
import { miningCompany, miningOpportunity } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/**
 * Replies that fit a NATS message, and deadlines that travel with requests.
 *
 * The audit log holds entries of 20 KB (100 of them are 2 MB, twice what a NATS message carries):
 * GET /v1/audit answers a page within the budget, and the pages, walked, give every entry once.
 *
 * Deadlines travel with requests. While the screening service hangs (stopped with SIGSTOP: its
 * connection stays open, so NATS still routes requests to it and nobody answers), a preview must
 * not wait out the gateway's timeout: matching's call to screening gets what is left of the
 * gateway's 2,000 ms less a margin, the company is held for review, and the preview answers 200.
 */
let platform: Platform;
let partner: { id: string; apiKey: string };
let stopped = false;

const REQUEST_TIMEOUT_MS = 2000;

beforeAll(async () => {
  platform = await Platform.start('transport_limits_e2e', { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  partner = await platform.createPartner();
  const created = await platform.post('/v1/opportunities', miningOpportunity(), platform.adminKey);
  if (created.status !== 201) throw new Error(`opportunity: ${created.status} ${JSON.stringify(created.body)}`);
  // The preview ranks the opportunities matching holds: wait until it holds this one.
  await eventually(async () => {
    const r = await platform.post('/v1/matchmaking/preview?includeProhibited=true&limit=200', miningCompany(), partner.apiKey);
    return r.status === 200 && r.body.items.some((m: any) => m.opportunityId === created.body.id) ? true : undefined;
  }, 20_000, 'matching to hold the opportunity');
}, 120_000);

afterAll(async () => {
  if (stopped) process.kill(platform.services.screening.pid!, 'SIGCONT');
  await platform?.stop();
}, 30_000);

describe('GET /v1/audit on large entries', () => {
  it('answers 200 pages within the budget, and walking them gives every entry once', async () => {
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO screening.audit_log (kind, verdict, rule_ids, list_references, actor, inputs, details)
         SELECT 'test.large', 'review', '{}', '{}', 'system', jsonb_build_object('i', i, 'note', repeat('x', 20000)), '{}'
           FROM generate_series(0, 119) AS i`,
      );
    } finally {
      await client.end();
    }
    const first = await platform.get('/v1/audit?kind=test.large', platform.adminKey);
    expect(first.status).toBe(200);
    expect(Buffer.byteLength(JSON.stringify(first.body))).toBeLessThanOrEqual(512 * 1024);
    expect(first.body.items.length).toBe(25);
    expect(first.body.nextAfter).toBe(first.body.items[24].seq);

    const seen: number[] = [];
    let after = 0;
    for (let pages = 0; pages < 20; pages++) {
      const page = await platform.get(`/v1/audit?kind=test.large&after=${after}`, platform.adminKey);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((e: any) => e.inputs.i));
      if (page.body.nextAfter === null) break;
      after = page.body.nextAfter;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i));
  }, 30_000);
});

describe('a hanging screening service', () => {
  it('leaves the preview answering 200 in time, with the unscreened company held for review', async () => {
    process.kill(platform.services.screening.pid!, 'SIGSTOP');
    stopped = true;
    const started = Date.now();
    const res = await platform.post('/v1/matchmaking/preview?includeProhibited=true&limit=200', miningCompany(), partner.apiKey);
    const tookMs = Date.now() - started;
    process.stdout.write(`preview with screening stopped: ${res.status} in ${tookMs} ms\n`);

    expect(res.status).toBe(200);
    expect(tookMs).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const m of res.body.items) {
      expect(res.body.decisions[m.compliance.decisions.company]).toMatchObject({ kind: 'company', screened: false, verdict: 'review' });
      expect(m.compliance.reasons).toContain('not screened yet: the screening service did not answer; held for review until the screening service answers');
    }
  }, 30_000);

  it('screens again once the screening service answers', async () => {
    process.kill(platform.services.screening.pid!, 'SIGCONT');
    stopped = false;
    const res = await eventually(async () => {
      const r = await platform.post('/v1/matchmaking/preview?includeProhibited=true&limit=200', miningCompany(), partner.apiKey);
      return r.status === 200 && r.body.items.length && r.body.decisions[r.body.items[0].compliance.decisions.company].screened ? r : undefined;
    }, 15_000, 'a screened preview');
    expect(res.body.decisions[res.body.items[0].compliance.decisions.company]).toMatchObject({ kind: 'company', screened: true, verdict: 'clear' });
  }, 30_000);
});
