import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { derivedListFile, eventually, sha256Of } from '#testing';
// The evidence pack is re-checked with the screen's own pure rules and name code, fed only what the
// pack states (and the files whose SHA-256 it names): an explicit use of another app's domain code.
import { parseConsolidatedList } from '../apps/screening/src/domain/list/index.js';
import { NameIndex } from '../apps/screening/src/domain/names/name-index.js';
import { loadRuleSet } from '../apps/screening/src/domain/rules/index.js';
import { evaluateOpportunity, screenParty, type ListSnapshot } from '../apps/screening/src/domain/screening/match-verdict.js';
import { fittingMiningOpportunity, miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

const REAL = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const RULES = resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json');
const realXml = readFileSync(REAL, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'tumen-officer-e2e-'));
/** SANCTIONS_LIST_PATH of the screening process: a copy the test overwrites to publish a new list version. */
const served = join(dir, 'consolidated.xml');

/**
 * Director names whose only hit is a possible one (0.70–0.90) on a listed individual; the first
 * that the screen in force reports so is used, so the test does not hang on one spelling.
 */
const NEAR_NAMES = ['Aiman Zavahiri', 'Ayman Zawahry', 'Ri Je-song'];

let platform: Platform;
let partner: { id: string; apiKey: string };
let other: { id: string; apiKey: string };
let officerA: { id: string; name: string; apiKey: string };
let officerB: { id: string; name: string; apiKey: string };
let near: { name: string; referenceNumber: string };
const ids: Record<string, string> = {};

async function publish(overrides: Record<string, unknown>): Promise<string> {
  const res = await platform.post('/v1/opportunities', fittingMiningOpportunity(overrides), platform.adminKey);
  if (res.status !== 201) throw new Error(`opportunity refused: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await platform.post('/v1/companies', miningCompany(overrides), partner.apiKey);
  if (res.status !== 201) throw new Error(`company refused: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The company's match with an opportunity, once `ready` holds for it and its company decision. */
async function matchWhen(companyId: string, opportunityId: string, ready: (m: any, companyDecision: any) => boolean, what: string): Promise<any> {
  return eventually(async () => {
    const res = await platform.get(`/v1/companies/${companyId}/matches?includeProhibited=true&limit=200`, partner.apiKey);
    const m = res.body.items?.find((x: any) => x.opportunityId === opportunityId);
    if (!m) return undefined;
    const companyDecision = res.body.decisions[m.compliance.decisions.company];
    const opportunityDecision = res.body.decisions[m.compliance.decisions.opportunity];
    if (!companyDecision.screened || !opportunityDecision.screened) return undefined;
    return ready(m, companyDecision) ? { ...m, companyDecision } : undefined;
  }, 20_000, what);
}

const nearHit = (m: any) => m.compliance.listHits.find((h: any) => h.party === 'director' && h.name === near.name && h.referenceNumber === near.referenceNumber);
const flagged = (m: any, d: any) => d.verdict === 'review' && nearHit(m) !== undefined;
const cleared = (m: any, d: any) => d.verdict === 'clear' && nearHit(m) === undefined;

async function createOfficer(name: string) {
  const res = await platform.post('/v1/officers', { name, email: `${name.split(' ')[0]!.toLowerCase()}@compliance.example` }, platform.adminKey);
  expect(res.status).toBe(201);
  expect(res.body.apiKey).toMatch(/^tmo_/);
  return { id: res.body.id, name: res.body.name, apiKey: res.body.apiKey };
}

async function dismiss(matchId: string, key: string, extra: Record<string, unknown> = {}) {
  return platform.post(
    `/v1/matches/${matchId}/dismissals`,
    { party: 'director', name: near.name, referenceNumber: near.referenceNumber, reason: 'Different person: born 1975 in Kazan, Russian citizen, passport checked.', ...extra },
    key,
  );
}

async function dismissal(id: string): Promise<any> {
  return (await platform.get(`/v1/dismissals/${id}`, officerA.apiKey)).body;
}

async function auditOf(kind: string): Promise<any[]> {
  const items: any[] = [];
  let after = '';
  for (;;) {
    const page = await platform.get(`/v1/audit?kind=${kind}&limit=500&after=${after}`, officerA.apiKey);
    items.push(...page.body.items);
    if (page.body.nextCursor === null) return items;
    after = page.body.nextCursor;
  }
}

beforeAll(async () => {
  copyFileSync(REAL, served);
  platform = await Platform.start('officer_e2e', { SANCTIONS_LIST_PATH: served, DISMISSAL_SWEEP_MS: '500' });
  partner = await platform.createPartner('Officer workflow partner');
  other = await platform.createPartner('Another partner');
  officerA = await createOfficer('Anna Volkova');
  officerB = await createOfficer('Boris Orlov');
  for (const name of NEAR_NAMES) {
    const check = await platform.post('/v1/screening/check', { name, type: 'individual' }, officerA.apiKey);
    const hits = check.body.hits as any[];
    if (hits.length && hits.every((h) => h.strength === 'possible')) {
      near = { name, referenceNumber: hits[0].referenceNumber };
      break;
    }
  }
  if (!near) throw new Error(`none of ${NEAR_NAMES.join(', ')} is a possible hit only`);
  ids.unclassified = await publish({ title: 'Advisory services for a mine', hsCodes: [], direction: 'services' });
  ids.rajinCoal = await publish({
    title: 'Forwarding Russian coal through Rajin',
    site: { name: 'Rajin port', lat: 42.2464, lon: 130.2806 },
    hsCodes: ['2701'],
    direction: 'services',
    attributes: { mineral: 'coal', annualTonnage: 1000000, originCountry: 'RU' },
  });
  ids.machinery = await publish({ title: 'Excavators for an iron ore mine', hsCodes: ['8429'] });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('roles: officers are created by the admin, each with their own key', () => {
  it('tells each key its role on GET /v1/me, and no key is 401', async () => {
    expect((await platform.get('/v1/me', platform.adminKey)).body).toEqual({ role: 'admin', partnerId: null, officer: null });
    expect((await platform.get('/v1/me', officerA.apiKey)).body).toEqual({ role: 'officer', partnerId: null, officer: { id: officerA.id, name: 'Anna Volkova' } });
    expect((await platform.get('/v1/me', partner.apiKey)).body).toEqual({ role: 'partner', partnerId: partner.id, officer: null });
    expect((await platform.get('/v1/me')).status).toBe(401);
  });

  it('lets only the admin create and list officers, and never shows a key again', async () => {
    expect((await platform.post('/v1/officers', { name: 'Someone' }, partner.apiKey)).status).toBe(403);
    expect((await platform.post('/v1/officers', { name: 'Someone' }, officerA.apiKey)).status).toBe(403);
    const bad = await platform.post('/v1/officers', { name: 'X', email: 'not-an-address' }, platform.adminKey);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['email', 'name']);
    const listed = await platform.get('/v1/officers', platform.adminKey);
    expect(listed.body.map((o: any) => o.name)).toEqual(expect.arrayContaining(['Anna Volkova', 'Boris Orlov']));
    expect(JSON.stringify(listed.body)).not.toContain('tmo_');
    expect((await platform.get('/v1/officers', 'tmo_not-a-key')).status).toBe(401);
  });

  it("revokes an officer: their key is refused at once, and only the admin revokes", async () => {
    const leaving = await createOfficer('Vera Leaving');
    expect((await platform.get('/v1/audit?limit=1', leaving.apiKey)).status).toBe(200);
    expect((await platform.request('DELETE', `/v1/officers/${leaving.id}`, { key: officerA.apiKey })).status).toBe(403);
    expect((await platform.request('DELETE', '/v1/officers/not-a-uuid', { key: platform.adminKey })).body.details).toEqual([expect.objectContaining({ field: 'id' })]);
    expect((await platform.request('DELETE', '/v1/officers/00000000-0000-4000-8000-000000000000', { key: platform.adminKey })).status).toBe(404);
    const revoked = await platform.request('DELETE', `/v1/officers/${leaving.id}`, { key: platform.adminKey });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await platform.get('/v1/audit?limit=1', leaving.apiKey)).status).toBe(401);
    expect((await platform.get('/v1/officers', platform.adminKey)).body.find((o: any) => o.id === leaving.id).revokedAt).toBe(revoked.body.revokedAt);
  });

  it('lets officers read the audit log, screen a name and read any company, but not change the list, a company or an opportunity', async () => {
    expect((await platform.get('/v1/audit?limit=1', officerA.apiKey)).status).toBe(200);
    expect((await platform.get('/v1/audit?limit=1', partner.apiKey)).status).toBe(403);
    expect((await platform.post('/v1/screening/list/refresh', {}, officerA.apiKey)).status).toBe(403);
    const company = await submit();
    expect((await platform.get(`/v1/companies/${company}`, officerA.apiKey)).status).toBe(200);
    expect((await platform.get(`/v1/companies/${company}`, other.apiKey)).status).toBe(404);
    expect((await platform.request('PATCH', `/v1/companies/${company}`, { key: officerA.apiKey, body: { employees: 1 } })).status).toBe(403);
    expect((await platform.request('DELETE', `/v1/companies/${company}`, { key: officerA.apiKey })).status).toBe(403);
    expect((await platform.post('/v1/companies', miningCompany(), officerA.apiKey)).status).toBe(403);
    expect((await platform.post('/v1/opportunities', fittingMiningOpportunity(), officerA.apiKey)).status).toBe(403);
    expect((await platform.post('/v1/partners', { name: 'Officer partner' }, officerA.apiKey)).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents every route of the officer workflow, with its body and reply', async () => {
    const doc = (await platform.get('/docs-json')).body;
    for (const [path, method] of [
      ['/v1/officers', 'post'],
      ['/v1/officers', 'get'],
      ['/v1/officers/{id}', 'delete'],
      ['/v1/matches/{id}/dismissals', 'post'],
      ['/v1/dismissals', 'get'],
      ['/v1/dismissals/{id}', 'get'],
      ['/v1/matches/{id}/evidence', 'get'],
      ['/v1/introductions/{id}/decision', 'post'],
    ]) {
      expect({ path, method, summary: typeof doc.paths[path]?.[method]?.summary }).toEqual({ path, method, summary: 'string' });
    }
    expect(doc.paths['/v1/matches/{id}/dismissals'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/DismissalBody' });
    expect(doc.paths['/v1/officers'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateOfficerRequest' });
    expect(Object.keys(doc.paths['/v1/matches/{id}/evidence'].get.responses['200'].content).sort()).toEqual(['application/json', 'application/pdf']);
    expect(doc.components.schemas.DismissalBody.required.sort()).toEqual(['name', 'party', 'reason', 'referenceNumber']);
    expect(doc.components.schemas.EvidencePack.required).toEqual(expect.arrayContaining(['list', 'rules', 'matcher', 'decisions', 'dismissals', 'approvals']));
  });
});

describe('four eyes: an exemption is granted only by two different officers', () => {
  let introduction: string;
  let matchId: string;

  it('holds an exemption_required introduction until two officers approve it, refusing the same officer twice', async () => {
    const company = await submit();
    const m = await matchWhen(company, ids.rajinCoal, (x) => x.compliance.verdict === 'exemption_required', 'the Rajin coal match');
    matchId = m.id;
    const held = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'pending', approvalsRequired: 2, approvals: [] });
    introduction = held.body.id;

    // Nobody but an officer decides: not the partner who asked, not another partner, not the admin key.
    for (const key of [partner.apiKey, other.apiKey, platform.adminKey]) {
      const refused = await platform.post(`/v1/introductions/${introduction}/decision`, { approve: true, exemptionReference: '1718-EX-2026-017' }, key);
      expect(refused.status).toBe(403);
    }
    const noReference = await platform.post(`/v1/introductions/${introduction}/decision`, { approve: true }, officerA.apiKey);
    expect(noReference.status).toBe(400);
    expect(noReference.body.details).toEqual([expect.objectContaining({ field: 'exemptionReference' })]);

    const first = await platform.post(`/v1/introductions/${introduction}/decision`, { approve: true, exemptionReference: '1718-EX-2026-017', note: 'exemption letter on file' }, officerA.apiKey);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'pending', approvals: [{ officer: { id: officerA.id, name: 'Anna Volkova' }, exemptionReference: '1718-EX-2026-017' }] });
    expect(first.body.counterparty).toBeUndefined();

    const again = await platform.post(`/v1/introductions/${introduction}/decision`, { approve: true, exemptionReference: '1718-EX-2026-017' }, officerA.apiKey);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('another officer');
    expect(again.body.details).toEqual([expect.objectContaining({ field: 'officer' })]);

    const otherReference = await platform.post(`/v1/introductions/${introduction}/decision`, { approve: true, exemptionReference: '1718-EX-2026-999' }, officerB.apiKey);
    expect(otherReference.status).toBe(400);
    expect(otherReference.body.details).toEqual([expect.objectContaining({ field: 'exemptionReference' })]);

    const second = await platform.post(`/v1/introductions/${introduction}/decision`, { approve: true, exemptionReference: '1718-EX-2026-017' }, officerB.apiKey);
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('granted');
    expect(second.body.exemptionReference).toBe('1718-EX-2026-017');
    expect(second.body.approvals.map((a: any) => a.officer.id)).toEqual([officerA.id, officerB.id]);
    const seen = await platform.get(`/v1/introductions/${introduction}`, partner.apiKey);
    expect(seen.body.counterparty.contact).toBe('ore-works@example.invalid');
    expect((await platform.get(`/v1/introductions/${introduction}`, other.apiKey)).status).toBe(404);
  });

  it('audits the exemption reference and each approver', async () => {
    const approved = (await auditOf('introduction.approved')).filter((e) => e.inputs.introductionId === introduction);
    expect(approved.map((e) => [e.actor, e.details.exemptionReference, e.details.approval])).toEqual([
      [`officer:${officerA.id}`, '1718-EX-2026-017', 1],
      [`officer:${officerB.id}`, '1718-EX-2026-017', 2],
    ]);
    const granted = (await auditOf('introduction.granted')).filter((e) => e.inputs.introductionId === introduction);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ actor: `officer:${officerB.id}`, details: { exemptionReference: '1718-EX-2026-017', approvers: [{ id: officerA.id }, { id: officerB.id }] } });
    expect(matchId).toBeDefined();
  });

  it('grants a review introduction on one officer, and a refusal takes one', async () => {
    const company = await submit();
    const m = await matchWhen(company, ids.unclassified, (x) => x.compliance.verdict === 'review', 'the review match');
    const held = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    expect(held.body).toMatchObject({ status: 'pending', approvalsRequired: 1 });
    const granted = await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true, note: 'activity checked' }, officerB.apiKey);
    expect(granted.body).toMatchObject({ status: 'granted', decidedBy: `officer:${officerB.id}` });

    const company2 = await submit();
    const m2 = await matchWhen(company2, ids.rajinCoal, (x) => x.compliance.verdict === 'exemption_required', 'another Rajin coal match');
    const held2 = await platform.post(`/v1/matches/${m2.id}/introductions`, {}, partner.apiKey);
    const refused = await platform.post(`/v1/introductions/${held2.body.id}/decision`, { approve: false, note: 'no exemption on file' }, officerA.apiKey);
    expect(refused.body).toMatchObject({ status: 'refused', decidedBy: `officer:${officerA.id}` });
  });
});

describe('dismissals: an officer sets a false hit aside, until it expires or the entry or the party changes', () => {
  let company: string;
  let flaggedMatch: any;
  let dismissalId: string;

  beforeAll(async () => {
    company = await submit({ directors: [{ name: near.name }] });
    flaggedMatch = await matchWhen(company, ids.unclassified, flagged, 'the possible hit on the director');
  }, 30_000);

  it('refuses bad dismissals with the field named', async () => {
    const noReason = await platform.post(`/v1/matches/${flaggedMatch.id}/dismissals`, { party: 'director', name: near.name, referenceNumber: near.referenceNumber }, officerA.apiKey);
    expect(noReason.status).toBe(400);
    expect([...new Set(noReason.body.details.map((d: any) => d.field))]).toEqual(['reason']);
    const badParty = await dismiss(flaggedMatch.id, officerA.apiKey, { party: 'cousin' });
    expect(badParty.status).toBe(400);
    expect([...new Set(badParty.body.details.map((d: any) => d.field))]).toEqual(['party']);
    const notAHit = await dismiss(flaggedMatch.id, officerA.apiKey, { referenceNumber: 'KPi.001' });
    expect(notAHit.status).toBe(400);
    expect(notAHit.body.details).toEqual([expect.objectContaining({ field: 'referenceNumber' })]);
    const past = await dismiss(flaggedMatch.id, officerA.apiKey, { expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    const tooLate = await dismiss(flaggedMatch.id, officerA.apiKey, { expiresAt: new Date(Date.now() + 200 * 24 * 3600_000).toISOString() });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.details).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    expect((await dismiss('00000000-0000-4000-8000-000000000000', officerA.apiKey)).status).toBe(404);
    expect((await dismiss('not-a-uuid', officerA.apiKey)).status).toBe(400);
    expect((await dismiss(flaggedMatch.id, partner.apiKey)).status).toBe(403);
    expect((await dismiss(flaggedMatch.id, platform.adminKey)).status).toBe(403);
    expect((await platform.get('/v1/dismissals', partner.apiKey)).status).toBe(403);
  });

  it('records the dismissal, audits it, and recomputes the verdicts of every match of the party; the sectoral rules still apply', async () => {
    const created = await dismiss(flaggedMatch.id, officerA.apiKey);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'active',
      party: 'director',
      name: near.name,
      referenceNumber: near.referenceNumber,
      subject: { kind: 'company', id: company },
      officer: { id: officerA.id, name: 'Anna Volkova' },
    });
    const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / (24 * 3600_000);
    expect(Math.round(days)).toBe(180);
    dismissalId = created.body.id;
    const twice = await dismiss(flaggedMatch.id, officerB.apiKey);
    expect(twice.status).toBe(409);

    const recorded = (await auditOf('dismissal.recorded')).filter((e) => e.inputs.dismissalId === dismissalId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actor: `officer:${officerA.id}`, listReferences: [near.referenceNumber], details: { reason: expect.stringContaining('Different person') } });

    const review = await matchWhen(company, ids.unclassified, cleared, 'the dismissed hit to leave the match');
    expect(review.companyDecision.verdict).toBe('clear');
    // The opportunity's own decision still holds the match for review, and the other matches keep their sectoral verdicts.
    expect(review.compliance.verdict).toBe('review');
    const rajin = await matchWhen(company, ids.rajinCoal, cleared, 'the Rajin match without the hit');
    expect(rajin.compliance.verdict).toBe('exemption_required');
    const machinery = await matchWhen(company, ids.machinery, cleared, 'the machinery match without the hit');
    expect(machinery.compliance.verdict).toBe('prohibited');
    const entry = (await platform.get(`/v1/audit?decision=${review.companyDecision.id}`, officerA.apiKey)).body.items[0];
    expect(entry.details.dismissedHits).toEqual([expect.objectContaining({ referenceNumber: near.referenceNumber, dismissalId })]);
    expect(entry.details.reasons.join(' ')).toContain(`dismissed as not a match by a compliance officer (dismissal ${dismissalId}`);
    // The partner sees that the hit was dismissed, not by whom.
    expect(JSON.stringify(review.compliance.reasons)).toContain('dismissed as not a match');
    expect(JSON.stringify((await platform.get(`/v1/companies/${company}/matches?limit=200`, partner.apiKey)).body)).not.toContain('Anna Volkova');
  }, 60_000);

  it('expires a dismissal at its time, audited, and the hit counts again', async () => {
    const second = await submit({ directors: [{ name: near.name }] });
    const m = await matchWhen(second, ids.unclassified, flagged, 'the second company flagged');
    const created = await dismiss(m.id, officerB.apiKey, { expiresAt: new Date(Date.now() + 4000).toISOString() });
    expect(created.status).toBe(201);
    await matchWhen(second, ids.unclassified, cleared, 'the short dismissal to apply');
    const expired = await eventually(async () => ((await dismissal(created.body.id)).state === 'expired' ? dismissal(created.body.id) : undefined), 20_000, 'the dismissal to expire');
    expect(expired.endReason).toBe('expired');
    const back = await matchWhen(second, ids.unclassified, flagged, 'the hit to count again after expiry');
    expect(back.companyDecision.verdict).toBe('review');
    expect((await auditOf('dismissal.expired')).some((e) => e.inputs.dismissalId === created.body.id && e.actor === 'screening')).toBe(true);
  }, 60_000);

  it("voids a dismissal when the party's name changes", async () => {
    const third = await submit({ directors: [{ name: near.name }] });
    const m = await matchWhen(third, ids.unclassified, flagged, 'the third company flagged');
    const created = await dismiss(m.id, officerA.apiKey);
    await matchWhen(third, ids.unclassified, cleared, 'the third dismissal to apply');
    const patched = await platform.request('PATCH', `/v1/companies/${third}`, { key: partner.apiKey, body: { directors: [{ name: `${near.name} Jr` }] } });
    expect(patched.status).toBe(200);
    const voided = await eventually(async () => ((await dismissal(created.body.id)).state === 'void' ? dismissal(created.body.id) : undefined), 20_000, 'the dismissal to be void');
    expect(voided.endReason).toContain("director's name, date of birth or nationality changed");
  }, 60_000);

  it('gives an evidence pack from which the verdict is recomputed, as JSON and as a one-page PDF', async () => {
    const m = await matchWhen(company, ids.rajinCoal, cleared, 'the Rajin match of the dismissed company');
    const held = await platform.post(`/v1/matches/${m.id}/introductions`, {}, partner.apiKey);
    await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true, exemptionReference: '1718-EX-2026-018' }, officerA.apiKey);
    await platform.post(`/v1/introductions/${held.body.id}/decision`, { approve: true, exemptionReference: '1718-EX-2026-018' }, officerB.apiKey);

    expect((await platform.get(`/v1/matches/${m.id}/evidence`, partner.apiKey)).status).toBe(403);
    expect((await platform.get(`/v1/matches/${m.id}/evidence?format=xml`, officerA.apiKey)).status).toBe(400);
    const res = await platform.get(`/v1/matches/${m.id}/evidence`, officerB.apiKey);
    expect(res.status).toBe(200);
    const pack = res.body;
    expect(pack.list).toEqual({ version: expect.any(String), sha256: sha256Of(realXml), generatedAt: expect.any(String) });
    expect(pack.rules.sha256).toBe(sha256Of(readFileSync(RULES, 'utf8')));
    expect(pack.matcher.version).toMatch(/^names-[0-9a-f]{16}$/);
    expect(pack.rules.cited).toEqual([expect.objectContaining({ id: 'UNSC-2371-OP8-RAJIN-COAL-TRANSIT', resolution: expect.any(String), paragraph: expect.any(String), evidence: 'GK', verified: false })]);
    expect(pack.dismissals).toEqual([expect.objectContaining({ id: dismissalId, state: 'active', officer: { id: officerA.id, name: 'Anna Volkova' } })]);
    expect(pack.approvals.map((a: any) => [a.officer.name, a.exemptionReference])).toEqual([['Anna Volkova', '1718-EX-2026-018'], ['Boris Orlov', '1718-EX-2026-018']]);
    expect(pack.decisions.company.dismissedHits).toEqual([expect.objectContaining({ referenceNumber: near.referenceNumber, dismissalId, explanation: expect.any(String) })]);

    // Recompute the verdict from the pack alone, with the files it names (checked by their SHA-256).
    const rules = loadRuleSet(readFileSync(RULES, 'utf8'));
    const list = parseConsolidatedList(realXml);
    const index = new NameIndex();
    for (const e of list.entries) index.add({ id: e.referenceNumber, type: e.type, names: e.names });
    index.prepare();
    const snapshot: ListSnapshot = { version: pack.list.version, index, entries: new Map(list.entries.map((e) => [e.referenceNumber, e])) };
    const order = ['prohibited', 'exemption_required', 'review', 'clear'];
    const worst = (...vs: string[]) => order[Math.min(...vs.map((v) => order.indexOf(v)))]!;
    const fromHits = (hits: any[]) => worst('clear', ...hits.map((h) => (h.strength === 'designated' ? 'prohibited' : 'review')));
    const active = new Set(pack.dismissals.filter((d: any) => d.state === 'active').map((d: any) => `${d.party}|${d.name}|${d.referenceNumber}`));
    const inputs = pack.decisions.company.inputs;
    // An owner or director is audited as their name, or as {name, dateOfBirth?, nationality?} when screened with either.
    const person = (p: string | { name: string; dateOfBirth?: string; nationality?: string }) => (typeof p === 'string' ? { name: p, evidence: {} } : { name: p.name, evidence: p });
    const companyHits = [
      ...screenParty(snapshot, 'company', inputs.name).hits,
      ...inputs.owners.map(person).flatMap((p: any) => screenParty(snapshot, 'owner', p.name, p.evidence).hits),
      ...inputs.directors.map(person).flatMap((p: any) => screenParty(snapshot, 'director', p.name, p.evidence).hits),
    ].filter((h) => !(h.strength === 'possible' && active.has(`${h.party}|${h.name}|${h.referenceNumber}`)));
    expect(companyHits.map((h) => h.referenceNumber)).toEqual(pack.decisions.company.listHits.map((h: any) => h.referenceNumber));
    const companyVerdict = fromHits(companyHits);
    const opportunity = pack.parties.opportunity;
    expect(pack.decisions.opportunity.partyVersion).toBe(opportunity.version);
    const sectoral = evaluateOpportunity(rules, opportunity);
    expect(sectoral.rules.map((r) => r.id)).toEqual(pack.decisions.opportunity.ruleIds);
    const opportunityVerdict = worst(sectoral.verdict, fromHits(screenParty(snapshot, 'counterparty', opportunity.counterpartyName).hits));
    expect([companyVerdict, opportunityVerdict]).toEqual([pack.decisions.company.verdict, pack.decisions.opportunity.verdict]);
    expect(worst(companyVerdict, opportunityVerdict)).toBe(pack.match.verdict);
    expect(pack.match.verdict).toBe('exemption_required');

    for (const [path, headers] of [[`/v1/matches/${m.id}/evidence?format=pdf`, {}], [`/v1/matches/${m.id}/evidence`, { accept: 'application/pdf' }]] as const) {
      const pdf = await fetch(`${platform.baseUrl}${path}`, { headers: { 'x-api-key': officerA.apiKey, ...headers } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    }
  }, 60_000);

  it('voids a dismissal as soon as the listed entry changes in a new list version', async () => {
    const changed = derivedListFile(realXml, () => true, '2026-12-01T00:00:00.000Z').replace(
      new RegExp(`(<REFERENCE_NUMBER>${near.referenceNumber.replace('.', '\\.')}</REFERENCE_NUMBER>[\\s\\S]*?<COMMENTS1>)`),
      '$1Entry amended by the Committee. ',
    );
    expect(changed).toContain('Entry amended by the Committee.');
    writeFileSync(served, changed);
    const refreshed = await platform.post('/v1/screening/list/refresh', {}, platform.adminKey);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.outcome).toBe('in_force');
    const voided = await eventually(async () => ((await dismissal(dismissalId)).state === 'void' ? dismissal(dismissalId) : undefined), 30_000, 'the dismissal to be void');
    expect(voided.endReason).toContain(`listed entry ${near.referenceNumber} changed`);
    const back = await matchWhen(company, ids.unclassified, (x, d) => flagged(x, d) && x.compliance.listVersion === refreshed.body.version, 'the hit to count again under the new list');
    expect(back.companyDecision.verdict).toBe('review');
    expect((await auditOf('dismissal.voided')).some((e) => e.inputs.dismissalId === dismissalId)).toBe(true);
  }, 60_000);
});
