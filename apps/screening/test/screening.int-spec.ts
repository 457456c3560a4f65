import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestMicroservice } from '@nestjs/common';
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
let app: INestMicroservice;
let bus: NatsMessageBus;

const company = { id: '6f1c1f5e-3c1a-4a53-9d2e-0d6a2f1b7c11', name: 'OOO Vostok Gorny Servis', owners: [], directors: [] };
const opportunity = {
  id: '0b7c8a4e-2f6d-4b1e-8a3c-5e9d1f2a3b4c',
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

/** The verdicts an audit log gives a pair: each entry that screened it, with the decision it got there. */
function auditedVerdicts(audit: AuditEntryView[], companyId: string, opportunityId: string) {
  return audit.flatMap((entry) => {
    const pairs = (entry.inputs as { pairs: [string, string, number][] }).pairs;
    const decisions = (entry.details as { decisions: { verdict: string; ruleIds: string[]; listReferences: string[] }[] }).decisions;
    return pairs.filter(([c, o]) => c === companyId && o === opportunityId).map(([, , i]) => ({ entry, decision: decisions[i]! }));
  });
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

  it('prohibits a listed counterparty, and audits every verdict it gives with its inputs', async () => {
    const pairs: [number, number][] = [[0, 0]];
    const first = await bus.request(ScreeningSubjects.matchesScreen, { companies: [company], opportunities: [opportunity], pairs });
    expect(first.decisions[first.verdicts[0]!]!.verdict).toBe('prohibited');
    expect(first.decisions[first.verdicts[0]!]!.listHits[0]).toMatchObject({ referenceNumber: 'KPe.001', party: 'counterparty' });
    await bus.request(ScreeningSubjects.matchesScreen, { companies: [company], opportunities: [opportunity], pairs });
    const audit = await bus.request(ScreeningSubjects.auditList, { kind: 'match.verdicts', limit: 500 });
    const audited = auditedVerdicts(audit, company.id, opportunity.id);
    expect(audited).toHaveLength(2);
    for (const { entry, decision } of audited) {
      expect(decision).toMatchObject({ verdict: 'prohibited', listReferences: ['KPe.001'] });
      expect(entry).toMatchObject({ verdict: 'prohibited', listReferences: ['KPe.001'], actor: 'matching' });
      expect((entry.inputs as any).companies[company.id]).toEqual({ name: company.name, owners: [], directors: [] });
      expect((entry.inputs as any).opportunities[opportunity.id]).toMatchObject({ counterparty: opportunity.counterpartyName, direction: 'services' });
    }
  });

  it('refuses pairs that point outside the companies or opportunities sent', async () => {
    await expect(
      bus.request(ScreeningSubjects.matchesScreen, { companies: [company], opportunities: [opportunity], pairs: [[0, 1]] }),
    ).rejects.toMatchObject({
      envelope: {
        code: ErrorCode.VALIDATION_FAILED,
        details: [{ field: 'pairs', reason: 'pairs must be [company index, opportunity index] pairs within companies and opportunities' }],
      },
    });
  });

  it('shares one decision between pairs that decide alike, and keeps a listed director apart', async () => {
    const others = [
      { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e51', name: 'OOO Amur Kabel', owners: [], directors: [] },
      { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e52', name: 'AO Khasan Logistika', owners: [], directors: [] },
      { id: '1c9e3d4f-5a6b-4c7d-8e9f-0a1b2c3d4e53', name: 'OOO Primorsky Put', owners: [], directors: [{ name: 'Paek Chang Ho' }] },
    ];
    const reply = await bus.request(ScreeningSubjects.matchesScreen, {
      companies: others,
      opportunities: [opportunity],
      pairs: others.map((_, c) => [c, 0]),
    });
    const [first, second, listed] = reply.verdicts;
    expect(first).toBe(second);
    expect(listed).not.toBe(first);
    expect(reply.decisions).toHaveLength(2);
    expect(reply.decisions[listed!]!.listHits).toEqual(
      expect.arrayContaining([expect.objectContaining({ party: 'director', referenceNumber: 'KPi.006' })]),
    );
    const audit = await bus.request(ScreeningSubjects.auditList, { kind: 'match.verdicts', limit: 500 });
    for (const c of others) expect(auditedVerdicts(audit, c.id, opportunity.id)).toHaveLength(1);
    expect(auditedVerdicts(audit, others[2]!.id, opportunity.id)[0]!.decision.listReferences).toContain('KPi.006');
  });

  it('installs a new list version, and the verdicts given under it are audited with it', async () => {
    const withoutKomid = xml
      .replace(/dateGenerated="[^"]*"/, 'dateGenerated="2099-01-01T00:00:00.000Z"')
      .replace(/<ENTITY>(?:(?!<\/ENTITY>)[\s\S])*?<REFERENCE_NUMBER>\s*KPe\.001\s*<\/REFERENCE_NUMBER>[\s\S]*?<\/ENTITY>/, '');
    expect(withoutKomid).not.toContain('KPe.001');
    const next = join(dir, 'next.xml');
    writeFileSync(next, withoutKomid);
    process.env.SANCTIONS_LIST_PATH = next;
    const status = await bus.request(ScreeningSubjects.listRefresh, {});
    expect(status.version).toBe('2099-01-01T00:00:00.000Z');
    const versions = await bus.request(ScreeningSubjects.versionsGet, {});
    expect(versions.listVersion).toBe('2099-01-01T00:00:00.000Z');
    const again = await bus.request(ScreeningSubjects.matchesScreen, {
      companies: [company],
      opportunities: [opportunity],
      pairs: [[0, 0]],
    });
    expect(again.decisions[again.verdicts[0]!]!.listHits.some((h) => h.referenceNumber === 'KPe.001')).toBe(false);
    const audit = await bus.request(ScreeningSubjects.auditList, { kind: 'match.verdicts', limit: 500 });
    const audited = auditedVerdicts(audit, company.id, opportunity.id);
    expect(audited.map((a) => a.entry.listVersion)).toEqual([expect.any(String), expect.any(String), '2099-01-01T00:00:00.000Z']);
    expect(audited[2]!.decision.listReferences).not.toContain('KPe.001');
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
