import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { IntroductionEvents, IntroductionEventType, ScreeningSubjects, type IntroductionView, type RequestIntroductionRequest } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, eventually, JetStreamProbe, TEST_NATS_URL, type StoredEvent } from '#testing';
import { ScreeningAppModule } from '../src/screening-app.module.js';

const LIST = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');
const admin = { partnerId: null, admin: true };
const officers = [1, 2].map((n) => ({ id: randomUUID(), name: `Officer ${n}` }));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;
let probe: JetStreamProbe;

/** A pair of the given HS codes: Russian coal through Rajin needs an exemption; goods no rule covers are clear under the rules of this file. */
function introduction(hsCodes: string[]): RequestIntroductionRequest {
  return {
    matchId: randomUUID(),
    partnerId: randomUUID(),
    company: { id: randomUUID(), name: 'OOO Vostok Ugol', owners: [], directors: [{ name: 'Ivan Petrov' }] },
    opportunity: {
      id: randomUUID(),
      counterpartyName: 'Rajin forwarding operator',
      direction: 'services',
      structure: 'contract',
      hsCodes,
      siteName: 'Rajin port',
      attributes: { mineral: 'coal', originCountry: 'RU' },
    },
  };
}

/** The `introduction.decided` events of an introduction, once the relay has published everything committed. */
async function decidedOf(id: string): Promise<StoredEvent[]> {
  await eventually(async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows: [row] } = await client
      .query<{ head: number; published: number }>(
        `SELECT (SELECT coalesce(max(seq), 0) FROM screening.outbox)::int AS head, (SELECT published_seq FROM screening.outbox_relay)::int AS published`,
      )
      .finally(() => client.end());
    return row!.head === row!.published ? true : undefined;
  }, 10_000, 'the screening outbox published');
  return (await probe.events(IntroductionEvents.stream)).filter((e) => e.payload.aggregateId === id);
}

function expectDecided(events: StoredEvent[], view: IntroductionView): void {
  expect(events.map((e) => [e.subject, e.id, e.payload.type])).toEqual([[probe.subject(IntroductionEvents.decided), `screening:${events[0]?.payload.seq}`, IntroductionEventType.DECIDED]]);
  expect(events[0]!.payload.payload).toEqual(view);
  expect(events[0]!.payload.payload).not.toHaveProperty('counterparty');
}

beforeAll(async () => {
  db = await createTestDatabase('introduction_events_int');
  // Goods no rule covers are clear here, so that an introduction can be granted at once.
  const rules = JSON.parse(readFileSync(resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json'), 'utf8'));
  const rulesFile = join(mkdtempSync(join(tmpdir(), 'tumen-rules-')), 'rules.json');
  writeFileSync(rulesFile, JSON.stringify({ ...rules, version: '1.0.0-unmatched-clear', unmatchedVerdict: 'clear' }));
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SANCTIONS_LIST_PATH: LIST, RULES_PATH: rulesFile, EVENT_NAMESPACE: db.name, OUTBOX_RELAY_POLL_MS: '200' });
  app = await startService({ name: 'screening', module: ScreeningAppModule });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'introduction-events-int-spec', 10_000);
  probe = await JetStreamProbe.open(TEST_NATS_URL, db.name);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await db?.drop();
  await probe?.deleteNamespace();
  await probe?.close();
  delete process.env.RULES_PATH;
});

describe('introduction.decided over NATS, PostgreSQL and JetStream', () => {
  it('publishes one decided event when an officer refuses, with the introduction as its partner sees it, and none while it waits', async () => {
    const held = await bus.request(ScreeningSubjects.introductionRequest, introduction(['2701']));
    expect(held.status).toBe('pending');
    expect(await decidedOf(held.id)).toEqual([]);
    const refused = await bus.request(ScreeningSubjects.introductionDecide, { id: held.id, approve: false, note: 'no exemption on file', officer: officers[0]! });
    expect(refused).toMatchObject({ status: 'refused', decisionNote: 'no exemption on file' });
    expectDecided(await decidedOf(held.id), refused);
  });

  it('publishes one decided event when the second officer grants, none on the first approval', async () => {
    const held = await bus.request(ScreeningSubjects.introductionRequest, introduction(['2701']));
    const first = await bus.request(ScreeningSubjects.introductionDecide, { id: held.id, approve: true, exemptionReference: '1718-EX-7', officer: officers[0]! });
    expect(first.status).toBe('pending');
    expect(await decidedOf(held.id)).toEqual([]);
    const granted = await bus.request(ScreeningSubjects.introductionDecide, { id: held.id, approve: true, exemptionReference: '1718-EX-7', officer: officers[1]! });
    expect(granted).toMatchObject({ status: 'granted', exemptionReference: '1718-EX-7' });
    expect(granted.approvals).toHaveLength(2);
    expectDecided(await decidedOf(held.id), granted);
    expect(await bus.request(ScreeningSubjects.introductionGet, { caller: admin, id: held.id })).toEqual(granted);
  });

  it('publishes one decided event for an introduction granted at once, and none when it is asked for again', async () => {
    const request = introduction(['1001']);
    const granted = await bus.request(ScreeningSubjects.introductionRequest, request);
    expect(granted).toMatchObject({ status: 'granted', decidedBy: 'screening' });
    expect(await bus.request(ScreeningSubjects.introductionRequest, request)).toMatchObject({ id: granted.id, status: 'granted' });
    expectDecided(await decidedOf(granted.id), granted);
  });
});
