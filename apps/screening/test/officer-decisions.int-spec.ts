import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ErrorCode, ScreeningSubjects, type AuditEntryView, type RequestIntroductionRequest } from '#contracts';
import { NatsMessageBus, RpcError, startService } from '#platform';
import { createTestDatabase, eventually, TEST_NATS_URL } from '#testing';
import { ScreeningAppModule } from '../src/screening-app.module.js';

const LIST = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;

const officers = [1, 2, 3].map((n) => ({ id: randomUUID(), name: `Officer ${n}` }));

/** A pair that needs a 1718 Committee exemption: Russian coal forwarded through Rajin. */
function rajinIntroduction(): RequestIntroductionRequest {
  return {
    matchId: randomUUID(),
    partnerId: randomUUID(),
    company: { id: randomUUID(), name: 'OOO Vostok Ugol', owners: [], directors: [{ name: 'Ivan Petrov' }] },
    opportunity: {
      id: randomUUID(),
      counterpartyName: 'Rajin forwarding operator',
      direction: 'services',
      structure: 'contract',
      hsCodes: ['2701'],
      siteName: 'Rajin port',
      attributes: { mineral: 'coal', originCountry: 'RU' },
    },
  };
}

async function outcome<T>(promise: Promise<T>): Promise<T | RpcError> {
  return promise.catch((error: unknown) => {
    if (error instanceof RpcError) return error;
    throw error;
  });
}

async function audit(kind: string): Promise<AuditEntryView[]> {
  return (await bus.request(ScreeningSubjects.auditList, { kind, limit: 500 })).items;
}

beforeAll(async () => {
  db = await createTestDatabase('officer_decisions_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SANCTIONS_LIST_PATH: LIST, DISMISSAL_SWEEP_MS: '300' });
  app = await startService({ name: 'screening', module: ScreeningAppModule });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'officer-decisions-int-spec', 10_000);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await db?.drop();
});

describe('four eyes over NATS and PostgreSQL, under concurrent decisions', () => {
  it('records one approval when the same officer approves twice at once, and refuses the other', async () => {
    const intro = await bus.request(ScreeningSubjects.introductionRequest, rajinIntroduction());
    expect(intro).toMatchObject({ status: 'pending', approvalsRequired: 2 });
    const decide = () => bus.request(ScreeningSubjects.introductionDecide, { id: intro.id, approve: true, exemptionReference: '1718-EX-1', officer: officers[0]! });
    const results = await Promise.all([outcome(decide()), outcome(decide())]);
    const refused = results.filter((r): r is RpcError => r instanceof RpcError);
    expect(refused.map((r) => r.code)).toEqual([ErrorCode.CONFLICT]);
    const after = await bus.request(ScreeningSubjects.introductionGet, { caller: { partnerId: null, admin: true }, id: intro.id });
    expect(after.status).toBe('pending');
    expect(after.approvals.map((a) => a.officer.id)).toEqual([officers[0]!.id]);
  });

  it('grants once when two other officers approve at once after the first', async () => {
    const intro = await bus.request(ScreeningSubjects.introductionRequest, rajinIntroduction());
    await bus.request(ScreeningSubjects.introductionDecide, { id: intro.id, approve: true, exemptionReference: '1718-EX-2', officer: officers[0]! });
    const results = await Promise.all(
      [officers[1]!, officers[2]!].map((officer) => outcome(bus.request(ScreeningSubjects.introductionDecide, { id: intro.id, approve: true, exemptionReference: '1718-EX-2', officer }))),
    );
    expect(results.filter((r) => r instanceof RpcError).map((r) => (r as RpcError).code)).toEqual([ErrorCode.CONFLICT]);
    const after = await bus.request(ScreeningSubjects.introductionGet, { caller: { partnerId: null, admin: true }, id: intro.id });
    expect(after.status).toBe('granted');
    expect(after.approvals).toHaveLength(2);
    expect((await audit('introduction.granted')).filter((e) => e.inputs.introductionId === intro.id)).toHaveLength(1);
  });

  it('refuses a decision payload without an officer, naming the field', async () => {
    const error = await outcome(bus.request(ScreeningSubjects.introductionDecide, { id: randomUUID(), approve: true } as never));
    expect((error as RpcError).code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(((error as RpcError).envelope.details as { field: string }[]).map((d) => d.field)).toContain('officer');
  });
});

describe('dismissals over NATS and PostgreSQL', () => {
  const companyId = randomUUID();
  let near: { name: string; referenceNumber: string };
  const company = (directors: { name: string }[], version = 1) => ({ id: companyId, version, name: 'OOO Kazan Trading', owners: [], directors });

  beforeAll(async () => {
    for (const name of ['Aiman Zavahiri', 'Ayman Zawahry', 'Ri Je-song']) {
      const hits = (await bus.request(ScreeningSubjects.nameCheck, { name, type: 'individual' })).hits;
      if (hits.length && hits.every((h) => h.strength === 'possible')) {
        near = { name, referenceNumber: hits[0]!.referenceNumber };
        break;
      }
    }
    expect(near).toBeDefined();
  });

  it('sets the dismissed hit aside in the party decision, numbers the change, and ends it at its time', async () => {
    const before = (await bus.request(ScreeningSubjects.partiesScreen, { companies: [company([{ name: near.name }])], opportunities: [] })).companies[0]!;
    expect(before.verdict).toBe('review');
    const seq = (await bus.request(ScreeningSubjects.versionsGet, {})).dismissalsSeq!;
    const created = await bus.request(ScreeningSubjects.dismissalCreate, {
      officer: officers[0]!,
      matchId: randomUUID(),
      subjectKind: 'company',
      subjectId: companyId,
      party: 'director',
      name: near.name,
      referenceNumber: near.referenceNumber,
      reason: 'Different person, passport checked.',
      expiresAt: new Date(Date.now() + 2500).toISOString(),
    });
    expect(created.state).toBe('active');
    const versions = await bus.request(ScreeningSubjects.versionsGet, {});
    expect(versions.dismissalsSeq).toBeGreaterThan(seq);
    expect((await bus.request(ScreeningSubjects.dismissalChanges, { after: seq })).parties).toEqual([{ kind: 'company', id: companyId }]);

    const after = (await bus.request(ScreeningSubjects.partiesScreen, { companies: [company([{ name: near.name }])], opportunities: [] })).companies[0]!;
    expect(after).toMatchObject({ verdict: 'clear', listHits: [], dismissedHits: [expect.objectContaining({ referenceNumber: near.referenceNumber, dismissalId: created.id })] });
    expect(after.id).not.toBe(before.id);

    const ended = await eventually(async () => {
      const d = await bus.request(ScreeningSubjects.dismissalGet, { id: created.id });
      return d.state === 'active' ? undefined : d;
    }, 15_000, 'the dismissal to expire');
    expect(ended).toMatchObject({ state: 'expired', endReason: 'expired' });
    expect(Date.parse(ended.endedAt!)).toBeGreaterThanOrEqual(Date.parse(created.expiresAt));
    const expired = (await bus.request(ScreeningSubjects.partiesScreen, { companies: [company([{ name: near.name }])], opportunities: [] })).companies[0]!;
    expect(expired.verdict).toBe('review');
    expect(expired.id).toBe(before.id);
  });

  it('refuses a designated hit, a hit the party does not have, and an entry not on the list, naming referenceNumber', async () => {
    const base = { officer: officers[0]!, matchId: randomUUID(), subjectKind: 'company' as const, subjectId: companyId, party: 'director' as const, reason: 'Different person, passport checked.' };
    for (const [name, referenceNumber] of [['Yun Ho-jin', 'KPi.001'], [near.name, 'KPi.001'], [near.name, 'KPi.999']]) {
      const error = await outcome(bus.request(ScreeningSubjects.dismissalCreate, { ...base, name: name!, referenceNumber: referenceNumber! }));
      expect((error as RpcError).code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(((error as RpcError).envelope.details as { field: string }[]).map((d) => d.field)).toEqual(['referenceNumber']);
    }
  });

  it("voids a dismissal when the party's name changes, and audits it", async () => {
    const created = await bus.request(ScreeningSubjects.dismissalCreate, {
      officer: officers[1]!,
      matchId: randomUUID(),
      subjectKind: 'company',
      subjectId: companyId,
      party: 'director',
      name: near.name,
      referenceNumber: near.referenceNumber,
      reason: 'Different person, passport checked.',
    });
    await bus.request(ScreeningSubjects.partiesScreen, { companies: [company([{ name: 'Ivan Petrov' }], 2)], opportunities: [] });
    const voided = await bus.request(ScreeningSubjects.dismissalGet, { id: created.id });
    expect(voided).toMatchObject({ state: 'void', endReason: "the director's name, date of birth or nationality changed" });
    expect((await audit('dismissal.voided')).some((e) => e.inputs.dismissalId === created.id)).toBe(true);
  });
});
