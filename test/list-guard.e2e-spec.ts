import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually, guttedListFile, listBlocks, sha256Of } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

const REAL = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const realXml = readFileSync(REAL, 'utf8');
const REAL_SHA = sha256Of(realXml);
const DATE = /dateGenerated="([^"]*)"/.exec(realXml)![1]!;
const gutted = guttedListFile(realXml, 100);
const GUTTED_SHA = sha256Of(gutted);
const DPRK_COUNT = listBlocks(realXml).filter((b) => b.regime === 'DPRK').length;
const dir = mkdtempSync(join(tmpdir(), 'tumen-list-guard-e2e-'));
/** SANCTIONS_LIST_PATH of the screening process: a copy the test overwrites. */
const served = join(dir, 'consolidated.xml');

let platform: Platform;
let partner: { id: string; apiKey: string };

/**
 * A company whose majority owner is a listed DPRK individual (KPi.001, YUN HO-JIN). Screening caches
 * a name's screen per list version, so each company is given a spelling not screened before.
 */
async function submitOwnedByListed(owner: string): Promise<string> {
  const res = await platform.post('/v1/companies', miningCompany({ owners: [{ name: owner, sharePct: 60 }] }), partner.apiKey);
  if (res.status !== 201) throw new Error(`company refused: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const ownerListed = (m: any) => m.compliance.verdict === 'prohibited' && m.compliance.listHits.some((h: any) => h.party === 'owner' && h.referenceNumber === 'KPi.001' && h.strength === 'designated');

/** The company's stored matches once every one of them is screened under `listVersion` (any version when not given). */
async function screenedMatches(companyId: string, listVersion?: string): Promise<any[]> {
  return eventually(async () => {
    const res = await platform.get(`/v1/companies/${companyId}/matches?includeProhibited=true&limit=200`, partner.apiKey);
    const all = res.body?.items as any[];
    const done = Array.isArray(all) && all.length > 0 && all.every((m) => (listVersion ? m.compliance.listVersion === listVersion : m.compliance.listVersion));
    return done ? all : undefined;
  }, 20_000, `matches of ${companyId} screened under ${listVersion ?? 'a list'}`);
}

beforeAll(async () => {
  copyFileSync(REAL, served);
  platform = await Platform.start('list_guard_e2e', { SANCTIONS_LIST_PATH: served });
  partner = await platform.createPartner('List guard partner');
}, 90_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('a gutted list does not replace the list in force until an admin confirms it', () => {
  let owned: string;
  let candidateVersion: string;

  it('prohibits a company with a listed owner under the real list', async () => {
    owned = await submitOwnedByListed('Yun Ho-jin');
    const matches = await screenedMatches(owned, DATE);
    expect(matches.filter((m) => !ownerListed(m))).toEqual([]);
    const list = await platform.get('/v1/screening/list', platform.adminKey);
    expect(list.body).toMatchObject({ version: DATE, sha256: REAL_SHA, candidate: null });
  });

  it('holds a gutted refresh with the same dateGenerated: the owner stays prohibited, and the candidate shows', async () => {
    writeFileSync(served, gutted);
    const refresh = await platform.post('/v1/screening/list/refresh', {}, platform.adminKey);
    expect(refresh.status).toBe(200);
    expect(refresh.body).toMatchObject({ outcome: 'held', version: DATE, sha256: REAL_SHA });

    const list = await platform.get('/v1/screening/list', platform.adminKey);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      version: DATE,
      sha256: REAL_SHA,
      counts: { total: 1003 },
      candidate: {
        version: `${DATE}#${GUTTED_SHA.slice(0, 12)}`,
        sha256: GUTTED_SHA,
        state: 'candidate',
        counts: { total: 100 },
        held: { change: { comparedWith: DATE, removed: 903, added: 0 }, reasons: [expect.stringContaining('DPRK'), expect.stringContaining('more than the 5.0 % allowed')] },
      },
    });
    expect(list.body.candidate.held.change.removedDprk).toHaveLength(DPRK_COUNT);
    candidateVersion = list.body.candidate.version;

    const later = await submitOwnedByListed('YUN HO JIN');
    const matches = await screenedMatches(later, DATE);
    expect(matches.filter((m) => !ownerListed(m))).toEqual([]);

    // A restarted screening service loads the version in force from its store: still the full list.
    await platform.services.screening.kill();
    platform.services.screening.start();
    await platform.healthy(30_000);
    expect((await platform.get('/v1/screening/list', platform.adminKey)).body).toMatchObject({ version: DATE, sha256: REAL_SHA, candidate: { sha256: GUTTED_SHA } });
    const existing = await screenedMatches(owned, DATE);
    const introduction = await platform.post(`/v1/matches/${existing[0].id}/introductions`, {}, partner.apiKey);
    expect(introduction.status).toBe(451);
    expect(introduction.body.details.listHits).toEqual(expect.arrayContaining([expect.objectContaining({ party: 'owner', referenceNumber: 'KPi.001' })]));
  }, 60_000);

  it('lets only the admin decide: 401 without a key, 403 for a partner, 400 for a malformed SHA-256, 404 for an unknown one', async () => {
    const path = `/v1/screening/list/candidates/${GUTTED_SHA}/confirm`;
    expect((await platform.post(path, {}, undefined)).status).toBe(401);
    expect((await platform.post(path, {}, partner.apiKey)).status).toBe(403);
    expect((await platform.post(`/v1/screening/list/candidates/${GUTTED_SHA}/reject`, {}, partner.apiKey)).status).toBe(403);
    const malformed = await platform.post('/v1/screening/list/candidates/not-a-digest/confirm', {}, platform.adminKey);
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([{ field: 'sha256', reason: 'must be the 64 hexadecimal digits of a SHA-256' }]);
    const badBody = await platform.post(path, { note: 42 }, platform.adminKey);
    expect(badBody.status).toBe(400);
    expect(badBody.body.details).toEqual([
      { field: 'note', reason: 'note must be longer than or equal to 1 and shorter than or equal to 2000 characters' },
      { field: 'note', reason: 'note must be a string' },
    ]);
    // no body at all is the same as an empty one
    expect((await platform.request('POST', `/v1/screening/list/candidates/${'0'.repeat(64)}/confirm`, { key: platform.adminKey })).status).toBe(404);
    expect((await platform.get('/v1/screening/list', platform.adminKey)).body.version).toBe(DATE);
  });

  it('puts the candidate in force once the admin confirms it, audits the confirmation, and matching screens again under it', async () => {
    const confirmed = await platform.post(`/v1/screening/list/candidates/${GUTTED_SHA}/confirm`, { note: 'test confirmation' }, platform.adminKey);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ version: candidateVersion, sha256: GUTTED_SHA, candidate: null });
    expect((await platform.post(`/v1/screening/list/candidates/${GUTTED_SHA}/confirm`, {}, platform.adminKey)).status).toBe(409);

    const audit = await platform.get('/v1/audit?kind=list.confirmed&limit=500', platform.adminKey);
    expect(audit.status).toBe(200);
    expect(audit.body.nextAfter).toBeNull();
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        kind: 'list.confirmed',
        actor: 'admin',
        listVersion: candidateVersion,
        inputs: { version: candidateVersion, sha256: GUTTED_SHA, replaces: { version: DATE, sha256: REAL_SHA }, note: 'test confirmation' },
        details: expect.objectContaining({ removed: 903, added: 0 }),
      }),
    ]);
    const rescreened = await screenedMatches(owned, candidateVersion);
    expect(rescreened.some((m) => m.compliance.listHits.some((h: any) => h.referenceNumber === 'KPi.001'))).toBe(false);

    const versions = await platform.get('/v1/screening/list/versions', platform.adminKey);
    expect(versions.body.map((v: any) => [v.version, v.sha256, v.state])).toEqual([
      [candidateVersion, GUTTED_SHA, 'in_force'],
      [DATE, REAL_SHA, 'superseded'],
    ]);
  }, 40_000);

  it('documents the candidate routes in OpenAPI', async () => {
    const doc = await platform.get('/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/screening/list', '/v1/screening/list/versions', '/v1/screening/list/candidates/{sha256}/confirm', '/v1/screening/list/candidates/{sha256}/reject']),
    );
    expect(doc.body.paths['/v1/screening/list/candidates/{sha256}/confirm'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ListCandidateDecisionBody',
    );
  });
});
