import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ErrorCode, ScreeningSubjects, type AuditEntryView, type ListStatusReply } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, derivedListFile, eventually, guttedListFile, listBlocks, sha256Of, TEST_NATS_URL } from '#testing';
import { ScreeningAppModule } from '../src/screening-app.module.js';

const REAL = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const realXml = readFileSync(REAL, 'utf8');
const REAL_SHA = sha256Of(realXml);
const DATE = /dateGenerated="([^"]*)"/.exec(realXml)![1]!;
const dir = mkdtempSync(join(tmpdir(), 'tumen-list-versions-'));
/** The file screening reads: a copy the tests overwrite. */
const served = join(dir, 'consolidated.xml');

const gutted = guttedListFile(realXml, 100);
const GUTTED_SHA = sha256Of(gutted);
const DPRK_REFS = listBlocks(realXml).filter((b) => b.regime === 'DPRK').map((b) => b.referenceNumber).sort();

/** A company owned by a listed DPRK individual (KPi.001, YUN HO-JIN), against an opportunity with no other finding. */
const ownedByListed = { id: '2d3e4f50-6172-4839-8a4b-5c6d7e8f9a01', name: 'OOO Tumannaya Gavan', directors: [] };
const plainOpportunity = {
  id: '3e4f5061-7283-4a4b-8c5d-6e7f8091a2b3',
  counterpartyName: 'Rason port services bureau',
  direction: 'services' as const,
  structure: 'contract' as const,
  hsCodes: [],
  siteName: 'Rajin port',
  attributes: {},
};

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;
let nats: NatsConnection;
const versionsChanged: { listVersion: string | null }[] = [];

function serve(xml: string): void {
  writeFileSync(served, xml);
}

async function listAudit(): Promise<AuditEntryView[]> {
  const all = await bus.request(ScreeningSubjects.auditList, { limit: 500 });
  return all.items.filter((e) => e.kind.startsWith('list.'));
}

/** The verdict on the company with `owner` as its owner. Screening caches a name's screen per list version, so each step asks with a spelling not asked before. */
async function ownerVerdict(owner: string): Promise<string> {
  const company = { ...ownedByListed, version: 1, owners: [{ name: owner }] };
  const reply = await bus.request(ScreeningSubjects.partiesScreen, { companies: [company], opportunities: [] });
  return reply.companies[0]!.verdict;
}

async function designated(name: string): Promise<string[]> {
  const reply = await bus.request(ScreeningSubjects.nameCheck, { name });
  return reply.hits.filter((h) => h.strength === 'designated').map((h) => h.referenceNumber);
}

beforeAll(async () => {
  db = await createTestDatabase('screening_list_versions');
  copyFileSync(REAL, served);
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SANCTIONS_LIST_PATH: served });
  delete process.env.LIST_MAX_REMOVED_SHARE;
  nats = await connect({ servers: TEST_NATS_URL });
  const sub = nats.subscribe(ScreeningSubjects.versionsChanged);
  void (async () => {
    for await (const m of sub) versionsChanged.push((m.json() as { data: { listVersion: string | null } }).data);
  })();
  app = await startService({ name: 'screening', module: ScreeningAppModule });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'screening-list-versions-int-spec', 30_000);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await nats?.close();
  await app?.close();
  await db?.drop();
});

describe('list versions are identified by content, and a list that removes too much waits for an admin', () => {
  let inForce: ListStatusReply;

  it('puts the first list ever in force without confirmation, with the SHA-256 of its file', async () => {
    inForce = await bus.request(ScreeningSubjects.listGet, {});
    expect(REAL_SHA).toBe('66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf');
    expect(inForce).toMatchObject({ version: DATE, sha256: REAL_SHA, candidate: null, lastError: null });
    expect(inForce.counts!.total).toBe(1003);
    expect(await designated('Korea Mining Development Trading Corporation')).toContain('KPe.001');
    expect(await ownerVerdict('Yun Ho-jin')).toBe('prohibited');
  });

  it('holds a gutted list with the same dateGenerated as a candidate: the version in force and its verdicts stay', async () => {
    expect(listBlocks(gutted)).toHaveLength(100);
    expect(gutted).not.toMatch(/<REFERENCE_NUMBER>\s*KP/);
    expect(/dateGenerated="([^"]*)"/.exec(gutted)![1]).toBe(DATE);
    const auditBefore = await listAudit();
    serve(gutted);

    const reply = await bus.request(ScreeningSubjects.listRefresh, {});

    expect(reply.outcome).toBe('held');
    expect(reply).toMatchObject({ version: DATE, sha256: REAL_SHA, counts: inForce.counts, lastError: null });
    expect(reply.candidate).toMatchObject({
      version: `${DATE}#${GUTTED_SHA.slice(0, 12)}`,
      sha256: GUTTED_SHA,
      state: 'candidate',
      counts: { total: 100 },
      held: {
        change: { comparedWith: DATE, comparedWithSha256: REAL_SHA, removed: 903, added: 0, removedDprk: DPRK_REFS },
        reasons: [expect.stringMatching(/^removes 155 DPRK entries/), expect.stringMatching(/^removes 903 of the entries in force \(90 %/)],
      },
    });
    expect(reply.candidate!.held!.change.removedShare).toBeCloseTo(903 / 1003, 6);
    expect((await bus.request(ScreeningSubjects.versionsGet, {})).listVersion).toBe(DATE);
    expect(await designated('Korea Mining Development Trading Corporation')).toContain('KPe.001');
    expect(await ownerVerdict('YUN HO JIN')).toBe('prohibited');

    const status = await bus.request(ScreeningSubjects.listGet, {});
    expect(status.candidate).toEqual(reply.candidate);
    expect(status.lastRefresh).toMatchObject({ outcome: 'held', version: reply.candidate!.version, sha256: GUTTED_SHA });
    const held = (await listAudit()).slice(auditBefore.length);
    expect(held).toEqual([
      expect.objectContaining({
        kind: 'list.held',
        actor: 'screening',
        listVersion: reply.candidate!.version,
        listReferences: DPRK_REFS,
        inputs: expect.objectContaining({ version: reply.candidate!.version, sha256: GUTTED_SHA, inForce: { version: DATE, sha256: REAL_SHA } }),
      }),
    ]);
  });

  it('keeps the version in force and the candidate across a restart', async () => {
    const before = await bus.request(ScreeningSubjects.listGet, {});
    await app.close();
    app = await startService({ name: 'screening', module: ScreeningAppModule });
    const after = await bus.request(ScreeningSubjects.listGet, {});
    expect(after).toMatchObject({ version: DATE, sha256: REAL_SHA, counts: { total: 1003 }, candidate: before.candidate });
    expect(await ownerVerdict('Yun Ho Jin')).toBe('prohibited');
  }, 60_000);

  it('takes the same gutted file again as the same candidate, not a new one', async () => {
    const auditBefore = await listAudit();
    const reply = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(reply.outcome).toBe('held');
    expect(reply.candidate!.sha256).toBe(GUTTED_SHA);
    const versions = await bus.request(ScreeningSubjects.listVersions, {});
    expect(versions.map((v) => [v.version, v.sha256, v.state])).toEqual([
      [`${DATE}#${GUTTED_SHA.slice(0, 12)}`, GUTTED_SHA, 'candidate'],
      [DATE, REAL_SHA, 'in_force'],
    ]);
    expect(await listAudit()).toEqual(auditBefore);
  });

  it('answers an identical file with unchanged: no new version, no audit entry', async () => {
    serve(realXml);
    const auditBefore = await listAudit();
    const reply = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(reply).toMatchObject({ outcome: 'unchanged', version: DATE, sha256: REAL_SHA, lastRefresh: { outcome: 'unchanged', sha256: REAL_SHA } });
    expect(reply.candidate!.sha256).toBe(GUTTED_SHA);
    expect(await bus.request(ScreeningSubjects.listVersions, {})).toHaveLength(2);
    expect(await listAudit()).toEqual(auditBefore);
  });

  it('refuses a decision on anything but the candidate, with the reason', async () => {
    await expect(bus.request(ScreeningSubjects.listCandidateDecide, { sha256: REAL_SHA, decision: 'confirm', actor: 'admin' })).rejects.toMatchObject({
      envelope: { code: ErrorCode.CONFLICT, message: expect.stringContaining('in_force') },
    });
    await expect(bus.request(ScreeningSubjects.listCandidateDecide, { sha256: 'f'.repeat(64), decision: 'confirm', actor: 'admin' })).rejects.toMatchObject({
      envelope: { code: ErrorCode.NOT_FOUND },
    });
    await expect(bus.request(ScreeningSubjects.listCandidateDecide, { sha256: 'abc', decision: 'confirm', actor: 'admin' })).rejects.toMatchObject({
      envelope: { code: ErrorCode.VALIDATION_FAILED, details: [{ field: 'sha256', reason: 'sha256 must be 64 lowercase hexadecimal digits' }] },
    });
    expect((await bus.request(ScreeningSubjects.listGet, {})).version).toBe(DATE);
  });

  it('puts the candidate in force once an admin confirms it, tells matching, and audits the confirmation with the actor', async () => {
    const candidate = (await bus.request(ScreeningSubjects.listGet, {})).candidate!;
    const status = await bus.request(ScreeningSubjects.listCandidateDecide, { sha256: GUTTED_SHA, decision: 'confirm', actor: 'admin', note: 'checked against the UN press release' });
    expect(status).toMatchObject({ version: candidate.version, sha256: GUTTED_SHA, counts: { total: 100 }, candidate: null });
    expect((await bus.request(ScreeningSubjects.versionsGet, {})).listVersion).toBe(candidate.version);
    expect(await designated('Korea Mining Development Trading Corporation')).not.toContain('KPe.001');
    await eventually(async () => (versionsChanged.some((e) => e.listVersion === candidate.version) ? true : undefined), 5_000, 'versions.changed');

    const confirmed = (await listAudit()).filter((e) => e.kind === 'list.confirmed');
    expect(confirmed).toEqual([
      expect.objectContaining({
        actor: 'admin',
        listVersion: candidate.version,
        listReferences: DPRK_REFS,
        inputs: { version: candidate.version, sha256: GUTTED_SHA, replaces: { version: DATE, sha256: REAL_SHA }, note: 'checked against the UN press release' },
        details: expect.objectContaining({ removed: 903, added: 0, removedDprk: DPRK_REFS, heldBecause: candidate.held!.reasons }),
      }),
    ]);
    const versions = await bus.request(ScreeningSubjects.listVersions, {});
    expect(versions.map((v) => [v.sha256, v.state, v.decidedBy])).toEqual([
      [GUTTED_SHA, 'in_force', 'admin'],
      [REAL_SHA, 'superseded', null],
    ]);
    expect(await bus.request(ScreeningSubjects.listVersions, { sha256: REAL_SHA })).toEqual([expect.objectContaining({ version: DATE, state: 'superseded' })]);
  });

  it('puts the full list back in force (it only adds), and holds then rejects one that drops a single DPRK entry', async () => {
    serve(realXml);
    const back = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(back).toMatchObject({ outcome: 'in_force', version: DATE, sha256: REAL_SHA, candidate: null });
    expect(await ownerVerdict('YUN Ho-Jin')).toBe('prohibited');

    const withoutOne = derivedListFile(realXml, (b) => b.referenceNumber !== 'KPi.033', '2099-03-03T00:00:00.000Z');
    serve(withoutOne);
    const held = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(held.outcome).toBe('held');
    expect(held.version).toBe(DATE);
    expect(held.candidate).toMatchObject({ version: '2099-03-03T00:00:00.000Z', held: { change: { removed: 1, removedDprk: ['KPi.033'] } } });

    const rejected = await bus.request(ScreeningSubjects.listCandidateDecide, { sha256: sha256Of(withoutOne), decision: 'reject', actor: 'admin' });
    expect(rejected).toMatchObject({ version: DATE, sha256: REAL_SHA, candidate: null });
    expect((await listAudit()).filter((e) => e.kind === 'list.rejected')).toEqual([
      expect.objectContaining({ actor: 'admin', listVersion: '2099-03-03T00:00:00.000Z', listReferences: ['KPi.033'] }),
    ]);
    const again = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(again).toMatchObject({ outcome: 'rejected', version: DATE, candidate: null });
  });

  it('holds by the configured share: LIST_MAX_REMOVED_SHARE=0.001 holds a list that drops two non-DPRK entries', async () => {
    process.env.LIST_MAX_REMOVED_SHARE = '0.001';
    try {
      const fewer = derivedListFile(realXml, (b) => !['QDi.001', 'QDi.002'].includes(b.referenceNumber), '2099-04-04T00:00:00.000Z');
      serve(fewer);
      const reply = await bus.request(ScreeningSubjects.listRefresh, {});
      expect(reply).toMatchObject({ outcome: 'held', version: DATE, candidate: { held: { change: { removed: 2, removedDprk: [] } } } });
    } finally {
      delete process.env.LIST_MAX_REMOVED_SHARE;
    }
  });
});
