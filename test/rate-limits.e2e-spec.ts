import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { miningCompany } from './support/fixtures.js';
import { Platform, type ApiResponse } from './support/platform.js';

const PER_MINUTE = 30;
const AUTH_FAILURES_PER_MINUTE = 5;
const PREVIEW_COST = 10;

let platform: Platform;

beforeAll(async () => {
  platform = await Platform.start('rate-limits', {
    RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_PER_MINUTE),
  });
}, 90_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

/** A 429 as the platform renders every error, with a Retry-After of at most the minute. */
function expectRateLimited(res: ApiResponse): void {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({
    statusCode: 429,
    error: 'RATE_LIMITED',
    message: expect.stringMatching(/retry in \d+ s$/),
    details: { limitPerMinute: expect.any(Number), retryAfterSeconds: expect.any(Number) },
    correlationId: expect.any(String),
  });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(res.body.details.retryAfterSeconds).toBe(retryAfter);
}

// The test of failed authentications blocks the test's own address, so it comes last.
describe('rate limits', () => {
  it('refuses a partner over its limit with 429, Retry-After and the envelope, while another partner goes on', async () => {
    const busy = await platform.createPartner('Busy partner');
    const other = await platform.createPartner('Other partner');
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE; i++) statuses.push((await platform.get('/v1/companies', busy.apiKey)).status);
    expect(statuses).toEqual(Array(PER_MINUTE).fill(200));

    const over = await platform.get('/v1/companies', busy.apiKey);
    expectRateLimited(over);
    expect(over.body.details.limitPerMinute).toBe(PER_MINUTE);
    // Every route counts against the same key.
    expect((await platform.post('/v1/companies', miningCompany(), busy.apiKey)).status).toBe(429);

    const others = await Promise.all(Array.from({ length: 5 }, () => platform.get('/v1/companies', other.apiKey)));
    expect(others.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Sent at once, they are counted in whatever order they arrive: each took one of the other partner's own.
    const remaining = others.map((r) => Number(r.headers.get('x-ratelimit-remaining'))).sort((a, b) => a - b);
    expect(remaining).toEqual([PER_MINUTE - 5, PER_MINUTE - 4, PER_MINUTE - 3, PER_MINUTE - 2, PER_MINUTE - 1]);
    expect((await platform.get('/v1/companies', busy.apiKey)).status).toBe(429);
  });

  it(`counts a preview as ${PREVIEW_COST} requests`, async () => {
    const partner = await platform.createPartner('Previewing partner');
    for (let i = 1; i <= 2; i++) {
      const preview = await platform.post('/v1/matchmaking/preview', miningCompany(), partner.apiKey);
      expect(preview.status).toBe(200);
      expect(preview.headers.get('x-ratelimit-remaining')).toBe(String(PER_MINUTE - i * PREVIEW_COST));
    }
    const left = PER_MINUTE - 2 * PREVIEW_COST;
    const reads = [];
    for (let i = 0; i < left; i++) reads.push((await platform.get('/v1/companies', partner.apiKey)).status);
    expect(reads).toEqual(Array(left).fill(200));
    expectRateLimited(await platform.get('/v1/companies', partner.apiKey));
  });

  it('refuses an address that keeps sending bad keys with 429, whatever key it sends next', async () => {
    const partner = await platform.createPartner('Partner behind the same address');
    expect((await platform.get('/v1/companies', partner.apiKey)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) statuses.push((await platform.get('/v1/companies', `tmn_guess${i}`)).status);
    expect(statuses).toEqual(Array(AUTH_FAILURES_PER_MINUTE).fill(401));

    const over = await platform.get('/v1/companies', 'tmn_guess-again');
    expectRateLimited(over);
    expect(over.body.details.limitPerMinute).toBe(AUTH_FAILURES_PER_MINUTE);
    expect(over.body.message).toMatch(/failed authentications/);
    // The key is not looked at while the address is blocked: a good one is refused the same way.
    expectRateLimited(await platform.get('/v1/companies', partner.apiKey));
    expectRateLimited(await platform.get('/v1/companies'));
    // Routes that take no key still answer.
    expect((await platform.get('/health')).status).toBe(200);
  });
});
