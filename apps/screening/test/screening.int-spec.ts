import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ErrorCode, ScreeningSubjects, type AuditEntryView } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, TEST_NATS_URL } from '#testing';
import { ScreeningAppModule } from '../src/screening-app.module.js';

const LIST = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const xml = readFileSync(LIST, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'tumen-list-'));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;

const company = { id: '6f1c1f5e-3c1a-4a53-9d2e-0d6a2f1b7c11', version: 1, name: 'OOO Vostok Gorny Servis', owners: [], directors: [] };
const opportunity = {
  id: '0b7c8a4e-2f6d-4b1e-8a3c-5e9d1f2a3b4c',
  version: 1,
  counterpartyName: 'Korea Mining Development Trading Corporation',
  direction: 'services' as const,
  structure: 'contract' as const,
  hsCodes: [],
  siteName: 'Pyongyang',
  attributes: {},
};

beforeAll(async () => {
  db = await createTestDatabase('screening_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SANCTIONS_LIST_PATH: LIST });
  app = await startService({ name: 'screening', module: ScreeningAppModule });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'screening-int-spec', 10_000);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await db?.drop();
});

/** The audit entries of one party decision. */
async function auditedDecision(id: string): Promise<AuditEntryView[]> {
  return (await bus.request(ScreeningSubjects.auditList, { decision: id, limit: 500 })).items;
}

describe('screening service over NATS and PostgreSQL', () => {
  it('imports the consolidated list with the DPRK counts of the file', async () => {
    const status = await bus.request(ScreeningSubjects.listGet, {});
    expect(status.counts!.byRegime.DPRK).toEqual({
      individual: xml.match(/<REFERENCE_NUMBER>\s*KPi\./g)!.length,
      entity: xml.match(/<REFERENCE_NUMBER>\s*KPe\./g)!.length,
    });
    expect(status.version).toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('rejects a truncated copy and keeps the list in force', async () => {
    const before = await bus.request(ScreeningSubjects.listGet, {});
    const truncated = join(dir, 'truncated.xml');
    writeFileSync(truncated, xml.slice(0, Math.floor(xml.length * 0.6)));
    process.env.SANCTIONS_LIST_PATH = truncated;
    const error = await bus.request(ScreeningSubjects.listRefresh, {}).catch((e) => e);
    expect(error.envelope.code).toBe(ErrorCode.VALIDATION_FAILED);
    const after = await bus.request(ScreeningSubjects.listGet, {});
    expect(after.version).toBe(before.version);
    expect(after.counts).toEqual(before.counts);
    expect(after.lastError).toMatch(/rejected/);
    process.env.SANCTIONS_LIST_PATH = LIST;
  });

  it('prohibits a listed counterparty, and audits each decision once with its inputs', async () => {
    const first = await bus.request(ScreeningSubjects.partiesScreen, { companies: [company], opportunities: [opportunity] });
    const [decision] = first.opportunities;
    expect(decision).toMatchObject({ kind: 'opportunity', partyId: opportunity.id, partyVersion: 1, verdict: 'prohibited' });
    expect(decision!.listHits[0]).toMatchObject({ referenceNumber: 'KPe.001', party: 'counterparty' });
    expect(first.companies[0]).toMatchObject({ kind: 'company', partyId: company.id, verdict: 'clear', ruleIds: [], listHits: [] });
    // Asked again under the same versions: the same decision, and still one audit entry.
    const again = await bus.request(ScreeningSubjects.partiesScreen, { companies: [], opportunities: [opportunity] });
    expect(again.opportunities[0]!.id).toBe(decision!.id);
    const entries = await auditedDecision(decision!.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'opportunity.decision', decisionId: decision!.id, verdict: 'prohibited', listReferences: ['KPe.001'], actor: 'matching' });
    expect(entries[0]!.inputs).toMatchObject({ party: 'opportunity', id: opportunity.id, version: 1, counterparty: opportunity.counterpartyName, direction: 'services' });
    expect(await auditedDecision(first.companies[0]!.id)).toEqual([
      expect.objectContaining({ kind: 'company.decision', verdict: 'clear', inputs: { party: 'company', id: company.id, version: 1, name: company.name, owners: [], directors: [] } }),
    ]);
    // A new version of the party is a new decision, audited on its own.
    const next = await bus.request(ScreeningSubjects.partiesScreen, { companies: [], opportunities: [{ ...opportunity, version: 2 }] });
    expect(next.opportunities[0]!.id).not.toBe(decision!.id);
    expect(await auditedDecision(next.opportunities[0]!.id)).toHaveLength(1);
  });

  it('screens each party on its own: one it cannot read is review, with the reason, and never holds up the others', async () => {
    const bad = { ...opportunity, id: '0b7c8a4e-2f6d-4b1e-8a3c-5e9d1f2a3b4d', siteName: {} };
    const reply = await bus.request(ScreeningSubjects.partiesScreen, {
      companies: [company, { id: 'not-a-uuid', name: '' }, 42],
      opportunities: [bad, opportunity],
    });
    expect(reply.companies.map((d) => d.verdict)).toEqual(['clear', 'review', 'review']);
    expect(reply.companies[1]!.reasons[0]).toMatch(/cannot read this record \(.*id: id must be a UUID; name: name must be longer than or equal to 1 characters; .*directors: directors must be an array\)/);
    expect(reply.companies[2]!.reasons[0]).toMatch(/cannot read this record \(not an object\)/);
    expect(reply.opportunities[0]).toMatchObject({ partyId: bad.id, verdict: 'review' });
    expect(reply.opportunities[0]!.reasons[0]).toMatch(/siteName: siteName must be a string/);
    expect(reply.opportunities[1]).toMatchObject({ partyId: opportunity.id, verdict: 'prohibited' });
    expect(await auditedDecision(reply.opportunities[0]!.id)).toEqual([expect.objectContaining({ verdict: 'review', inputs: expect.objectContaining({ unreadable: expect.stringContaining('siteName') }) })]);
  });

  it("decides a company on its own names, its owners' and its directors'", async () => {
    const others = [
      { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e51', version: 1, name: 'OOO Amur Kabel', owners: [], directors: [] },
      { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e53', version: 1, name: 'OOO Primorsky Put', owners: [], directors: [{ name: 'Paek Chang Ho' }] },
    ];
    const reply = await bus.request(ScreeningSubjects.partiesScreen, { companies: others, opportunities: [] });
    expect(reply.companies[0]).toMatchObject({ verdict: 'clear', listHits: [] });
    expect(reply.companies[1]!.verdict).toBe('prohibited');
    expect(reply.companies[1]!.listHits).toEqual(expect.arrayContaining([expect.objectContaining({ party: 'director', referenceNumber: 'KPi.006' })]));
    expect((await auditedDecision(reply.companies[1]!.id))[0]!.listReferences).toContain('KPi.006');
  });

  it('never sends a director to review on a low-quality alias alone (John Smith against the alias "John")', async () => {
    const check = await bus.request(ScreeningSubjects.nameCheck, { name: 'John Smith', type: 'individual' });
    expect(check.hits).toEqual([]);
    const john = await bus.request(ScreeningSubjects.nameCheck, { name: 'John', type: 'individual' });
    expect(john.hits.length).toBeGreaterThan(0);
    expect(john.hits.every((h) => h.strength === 'possible' && h.explanation.includes('low-quality alias'))).toBe(true);
    const smith = { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e54', version: 1, name: 'OOO Smith Logistika', owners: [], directors: [{ name: 'John Smith' }] };
    const reply = await bus.request(ScreeningSubjects.partiesScreen, { companies: [smith], opportunities: [] });
    expect(reply.companies[0]).toMatchObject({ verdict: 'clear', listHits: [] });
  });

  it('weighs a director\'s date of birth and nationality: all contradicting demotes with the reason, agreeing keeps the hit', async () => {
    const director = (evidence: object) => ({ id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e55', version: 1, name: 'OOO Vostok Most', owners: [], directors: [{ name: 'Ri Won Ho', ...evidence }] });
    const reply = await bus.request(ScreeningSubjects.partiesScreen, {
      companies: [director({}), director({ dateOfBirth: '1964-07-17', nationality: 'KP' }), director({ dateOfBirth: '1985-03-02', nationality: 'RU' }), director({ dateOfBirth: '1985' })],
      opportunities: [],
    });
    expect(reply.companies.map((d) => d.verdict)).toEqual(['prohibited', 'prohibited', 'clear', 'review']);
    expect(reply.companies[1]!.listHits[0]).toMatchObject({ referenceNumber: 'KPi.033', nameScore: 1, score: 1 });
    expect(reply.companies[2]!.reasons).toEqual([
      expect.stringMatching(/^director "Ri Won Ho" is not taken for the listed individual KPi\.033 \(RI WON HO\): name score 1; born 1985-03-02, but every recorded date of birth differs \(1964-07-17\): -0\.25; nationality RU, but every recorded nationality differs/),
    ]);
    expect(reply.companies[3]!.listHits[0]).toMatchObject({ referenceNumber: 'KPi.033', nameScore: 1, score: 0.75, strength: 'possible' });
    expect((await auditedDecision(reply.companies[2]!.id))[0]!.inputs).toMatchObject({
      directors: [{ name: 'Ri Won Ho', dateOfBirth: '1985-03-02', nationality: 'RU' }],
    });
  });

  it('checks a name with secondary evidence', async () => {
    const plain = await bus.request(ScreeningSubjects.nameCheck, { name: 'Ri Won Ho' });
    expect(plain.hits[0]).toMatchObject({ referenceNumber: 'KPi.033', score: 1, strength: 'designated' });
    expect(plain.demoted).toEqual([]);
    const other = await bus.request(ScreeningSubjects.nameCheck, { name: 'Ri Won Ho', type: 'individual', dateOfBirth: '1985', nationality: 'RU' });
    expect(other.hits.map((h) => h.referenceNumber)).not.toContain('KPi.033');
    expect(other.demoted[0]).toMatchObject({ referenceNumber: 'KPi.033', nameScore: 1, score: 0.6 });
  });

  it.each([
    [{ name: 'Ri Won Ho', dateOfBirth: '17.07.1964' }, 'dateOfBirth', 'dateOfBirth must be a year (YYYY) or a date (YYYY-MM-DD) from 1900 to today'],
    [{ name: 'Ri Won Ho', dateOfBirth: '1964-02-30' }, 'dateOfBirth', 'dateOfBirth must be a year (YYYY) or a date (YYYY-MM-DD) from 1900 to today'],
    [{ name: 'Ri Won Ho', nationality: 'XX' }, 'nationality', 'nationality must be an assigned ISO 3166-1 alpha-2 country code in capitals, such as RU or KP'],
    [{ name: 'Ri Won Ho', nationality: 'North Korea' }, 'nationality', 'nationality must be an assigned ISO 3166-1 alpha-2 country code in capitals, such as RU or KP'],
  ])('refuses a check with %j, naming the field', async (payload, field, reason) => {
    const error = await bus.request(ScreeningSubjects.nameCheck, payload).catch((e) => e);
    expect(error.envelope).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field, reason })] });
  });

  it('holds for review a company whose director has a date of birth it cannot read, naming the field', async () => {
    const bad = { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e56', version: 1, name: 'OOO Vostok Most', owners: [], directors: [{ name: 'Ivan Petrov', dateOfBirth: 'yesterday' }] };
    const reply = await bus.request(ScreeningSubjects.partiesScreen, { companies: [bad], opportunities: [] });
    expect(reply.companies[0]!.verdict).toBe('review');
    expect(reply.companies[0]!.reasons[0]).toMatch(/directors\.0\.dateOfBirth: dateOfBirth must be a year/);
  });

  it('installs a new list version once an admin confirms the DPRK removal, and the decisions given under it are new ones, audited with it', async () => {
    const before = (await bus.request(ScreeningSubjects.partiesScreen, { companies: [], opportunities: [opportunity] })).opportunities[0]!;
    const withoutKomid = xml
      .replace(/dateGenerated="[^"]*"/, 'dateGenerated="2099-01-01T00:00:00.000Z"')
      .replace(/<ENTITY>(?:(?!<\/ENTITY>)[\s\S])*?<REFERENCE_NUMBER>\s*KPe\.001\s*<\/REFERENCE_NUMBER>[\s\S]*?<\/ENTITY>/, '');
    expect(withoutKomid).not.toContain('KPe.001');
    const next = join(dir, 'next.xml');
    writeFileSync(next, withoutKomid);
    process.env.SANCTIONS_LIST_PATH = next;
    const held = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(held).toMatchObject({ outcome: 'held', candidate: { version: '2099-01-01T00:00:00.000Z', held: { change: { removed: 1, removedDprk: ['KPe.001'] } } } });
    expect(held.version).not.toBe('2099-01-01T00:00:00.000Z');
    const status = await bus.request(ScreeningSubjects.listCandidateDecide, { sha256: held.candidate!.sha256, decision: 'confirm', actor: 'admin' });
    expect(status.version).toBe('2099-01-01T00:00:00.000Z');
    const versions = await bus.request(ScreeningSubjects.versionsGet, {});
    expect(versions.listVersion).toBe('2099-01-01T00:00:00.000Z');
    const after = (await bus.request(ScreeningSubjects.partiesScreen, { companies: [], opportunities: [opportunity] })).opportunities[0]!;
    expect(after.id).not.toBe(before.id);
    expect(after.listHits.some((h) => h.referenceNumber === 'KPe.001')).toBe(false);
    expect(await auditedDecision(after.id)).toEqual([expect.objectContaining({ listVersion: '2099-01-01T00:00:00.000Z', listReferences: [] })]);
    process.env.SANCTIONS_LIST_PATH = LIST;
  });

  it('has an audit log the database refuses to change', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE screening.audit_log SET verdict = 'clear'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM screening.audit_log`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE screening.audit_log`)).rejects.toThrow(/append-only/);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM screening.audit_log`);
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('answers invalid requests with the envelope', async () => {
    const error = await bus.request(ScreeningSubjects.nameCheck, { name: '' }).catch((e) => e);
    expect(error.envelope).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field: 'name' })] });
  });

  it.each([
    ['a NUL byte in the name', ScreeningSubjects.nameCheck, { name: 'Paek\u0000Chang Ho' }, 'name', 'contains a control character (U+0000)'],
    ['a right-to-left override in the name', ScreeningSubjects.nameCheck, { name: 'Paek \u202eoH gnahC' }, 'name', 'contains an invisible or text-direction character (U+202E)'],
    ['a name of whitespace', ScreeningSubjects.nameCheck, { name: '    ' }, 'name', 'name must be longer than or equal to 1 characters'],
    ['a prototype key', ScreeningSubjects.nameCheck, JSON.parse('{"name": "Paek Chang Ho", "__proto__": {"x": 1}}'), '__proto__', 'is not an accepted field name'],
    ['a NUL byte in the audit kind', ScreeningSubjects.auditList, { kind: '\u0000' }, 'kind', 'contains a control character (U+0000)'],
  ] as const)('refuses %s, naming the field', async (_label, subject, payload, field, reason) => {
    const error = await bus.request(subject, payload as never).catch((e) => e);
    expect(error.envelope).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [{ field, reason }] });
  });

  it('screens the NFKC form of a name', async () => {
    const reply = await bus.request(ScreeningSubjects.nameCheck, { name: ' Ｐａｅｋ Ｃｈａｎｇ Ｈｏ ' });
    expect(reply.name).toBe('Paek Chang Ho');
    expect(reply.hits[0]).toMatchObject({ referenceNumber: 'KPi.006' });
  });
});
