import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import {
  CompaniesSubjects,
  companyPartition,
  ErrorCode,
  IntroductionEvents,
  IntroductionEventType,
  LeadEvents,
  LeadEventType,
  type FieldError,
  type LeadsCreatedEvent,
  type LeadsVerdictChangedEvent,
  type WebhookDeliveryView,
} from '#contracts';
import { JetStreamEventLog, NatsMessageBus, RpcError, startService } from '#platform';
import { createTestDatabase, eventually, TEST_NATS_URL } from '#testing';
import { CompaniesAppModule } from '../src/companies-app.module.js';
import { WebhookEventsConsumer } from '../src/webhooks/webhook-events.consumer.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;
let log: JetStreamEventLog;
let receiver: Server;
let receiverUrl = '';
const received: { headers: Record<string, string>; body: string }[] = [];
const partnerA = { partnerId: '', admin: false };
const partnerB = { partnerId: '', admin: false };

async function failure(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  db = await createTestDatabase('companies_webhooks_int');
  Object.assign(process.env, {
    NATS_URL: TEST_NATS_URL,
    DATABASE_URL: db.url,
    REQUEST_TIMEOUT_MS: '3000',
    EVENT_NAMESPACE: db.name,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_POLL_MS: '100',
    WEBHOOK_RETRY_BASE_MS: '100',
  });
  app = await startService({ name: 'companies', module: CompaniesAppModule });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'companies-webhooks-int-spec', 3000);
  log = await JetStreamEventLog.connect(TEST_NATS_URL, 'companies-webhooks-int-spec', { namespace: db.name });
  partnerA.partnerId = (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner A' })).id;
  partnerB.partnerId = (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner B' })).id;
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await log?.close();
  await db?.drop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const companyId = '3b0c1f9e-2a44-4f51-9d7e-5f7a0c2b8e11';
function leadsCreated(seq: number, scores: number[]): LeadsCreatedEvent {
  return {
    seq,
    type: LeadEventType.CREATED,
    aggregateId: companyId,
    occurredAt: '2026-12-02T10:00:00.000Z',
    payload: {
      companyId,
      partnerId: partnerA.partnerId,
      leads: scores.map((score, i) => ({ matchId: `m-${seq}-${i}`, opportunityId: `o-${seq}-${i}`, sector: 'mining', score, verdict: 'clear' })),
    },
  };
}

async function deliveries(caller: typeof partnerA, id: string): Promise<WebhookDeliveryView[]> {
  const out: WebhookDeliveryView[] = [];
  let after: string | undefined;
  do {
    const page = await bus.request(CompaniesSubjects.webhookDeliveries, { caller, id, limit: 2, ...(after ? { after } : {}) });
    out.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return out;
}

describe('the webhook delivery queue of the companies service', () => {
  const endpoints: Record<string, { id: string; secret: string }> = {};

  it('registers endpoints, each answering its secret once', async () => {
    const create = (caller: typeof partnerA, events: string[], minScore?: number) =>
      bus.request(CompaniesSubjects.webhookCreate, { caller, url: `${receiverUrl}/hook`, events: events as never, ...(minScore !== undefined ? { minScore } : {}) });
    const a1 = await create(partnerA, ['match.created'], 50);
    const a2 = await create(partnerA, ['match.created', 'match.verdict_changed']);
    const a3 = await create(partnerA, ['import.finished']);
    const b1 = await create(partnerB, ['match.created']);
    const a4 = await create(partnerA, ['introduction.decided']);
    Object.assign(endpoints, { a1, a2, a3, b1, a4 });
    expect(a1).toMatchObject({ url: `${receiverUrl}/hook`, events: ['match.created'], minScore: 50, status: 'active', disabledReason: null });
    expect(a1.secret).toMatch(/^whsec_/);
    const read = await bus.request(CompaniesSubjects.webhookGet, { caller: partnerA, id: a1.id });
    expect(read).not.toHaveProperty('secret');
  });

  it('enqueues one delivery per subscribed endpoint of the partner and lead, minScore respected', async () => {
    await log.publish(LeadEvents.stream, [{ subject: LeadEvents.created(companyPartition(companyId)), id: 'matching:1', payload: leadsCreated(1, [40, 60, 80]) }]);
    const ofA2 = await eventually(async () => {
      const found = await deliveries(partnerA, endpoints.a2!.id);
      return found.length === 3 && found.every((d) => d.status === 'delivered') ? found : undefined;
    }, 15_000, 'three deliveries to a2');
    expect(ofA2.map((d) => d.type)).toEqual(['match.created', 'match.created', 'match.created']);
    const ofA1 = await deliveries(partnerA, endpoints.a1!.id);
    expect(ofA1).toHaveLength(2);
    expect(await deliveries(partnerA, endpoints.a3!.id)).toEqual([]);
    expect(await deliveries(partnerB, endpoints.b1!.id)).toEqual([]);
    // The scores a1 took: 60 and 80, not 40.
    const bodies = await eventually(async () => (received.length >= 5 ? received.map((r) => JSON.parse(r.body)) : undefined), 10_000, 'five requests');
    expect(bodies.map((b) => b.data.score).sort()).toEqual([40, 60, 60, 80, 80]);
  });

  it('signs each request so that the endpoint secret verifies it', () => {
    const verified = received.filter((r) => {
      try {
        new Webhook(endpoints.a1!.secret).verify(r.body, r.headers);
        return true;
      } catch {
        return false;
      }
    });
    expect(verified.map((r) => JSON.parse(r.body).data.score).sort()).toEqual([60, 80]);
    expect(JSON.parse(verified[0]!.body)).toMatchObject({ type: 'match.created', timestamp: '2026-12-02T10:00:00.000Z', data: { companyId, sector: 'mining', verdict: 'clear' } });
  });

  it('enqueues nothing more when the same event is consumed again', async () => {
    const consumer = app.get(WebhookEventsConsumer);
    const again = { subject: LeadEvents.created(companyPartition(companyId)), id: 'matching:1', payload: leadsCreated(1, [40, 60, 80]), streamSeq: 1, deliveries: 2 };
    await consumer.handle([again, again]);
    // A later event goes through the log behind it: once it is in, the repeat has had its chance too.
    await log.publish(LeadEvents.stream, [{ subject: LeadEvents.created(companyPartition(companyId)), id: 'matching:2', payload: leadsCreated(2, [90]) }]);
    await eventually(async () => ((await deliveries(partnerA, endpoints.a2!.id)).length === 4 ? true : undefined), 15_000, 'the later event');
    expect((await deliveries(partnerA, endpoints.a1!.id)).length).toBe(3);
    expect((await deliveries(partnerA, endpoints.a2!.id)).length).toBe(4);
  });

  it('tells of a verdict change, and of a decided introduction, only the endpoints that take them', async () => {
    const changed: LeadsVerdictChangedEvent = {
      seq: 3,
      type: LeadEventType.VERDICT_CHANGED,
      aggregateId: companyId,
      occurredAt: '2026-12-02T11:00:00.000Z',
      payload: { companyId, partnerId: partnerA.partnerId, changes: [{ matchId: 'm-1-2', opportunityId: 'o-1-2', sector: 'mining', score: 80, verdict: 'prohibited', previousVerdict: 'clear' }] },
    };
    await log.publish(LeadEvents.stream, [{ subject: LeadEvents.verdictChanged(companyPartition(companyId)), id: 'matching:3', payload: changed }]);
    const introduction = { id: '8d7f0a1c-5b2e-4c3d-9e8f-7a6b5c4d3e2f', matchId: 'm-1-1', companyId, opportunityId: 'o-1-1', partnerId: partnerA.partnerId, status: 'granted', exemptionReference: null, decisionNote: 'fine', decidedAt: '2026-12-02T12:00:00.000Z' };
    const decided = { seq: 1, type: IntroductionEventType.DECIDED, aggregateId: introduction.id, occurredAt: '2026-12-02T12:00:00.000Z', payload: introduction };
    await log.ensureStream({ name: IntroductionEvents.stream, subjects: [...IntroductionEvents.subjects] });
    await log.publish(IntroductionEvents.stream, [{ subject: IntroductionEvents.decided, id: 'screening:1', payload: decided }]);
    const verdicts = await eventually(async () => {
      const found = received.filter((r) => JSON.parse(r.body).type === 'match.verdict_changed');
      return found.length ? found : undefined;
    }, 15_000, 'the verdict change');
    const intros = await eventually(async () => {
      const found = received.filter((r) => JSON.parse(r.body).type === 'introduction.decided');
      return found.length ? found : undefined;
    }, 15_000, 'the decided introduction');
    expect(verdicts).toHaveLength(1);
    expect(new Webhook(endpoints.a2!.secret).verify(verdicts[0]!.body, verdicts[0]!.headers)).toMatchObject({
      data: { matchId: 'm-1-2', verdict: 'prohibited', previousVerdict: 'clear', score: 80 },
    });
    expect(intros).toHaveLength(1);
    expect(new Webhook(endpoints.a4!.secret).verify(intros[0]!.body, intros[0]!.headers)).toEqual({
      type: 'introduction.decided',
      timestamp: '2026-12-02T12:00:00.000Z',
      data: { introductionId: introduction.id, matchId: 'm-1-1', companyId, opportunityId: 'o-1-1', status: 'granted', exemptionReference: null, decisionNote: 'fine', decidedAt: '2026-12-02T12:00:00.000Z' },
    });
    expect((await deliveries(partnerA, endpoints.a1!.id)).map((d) => d.type)).toEqual(['match.created', 'match.created', 'match.created']);
  });

  it("never shows a partner another partner's endpoint", async () => {
    expect((await failure(bus.request(CompaniesSubjects.webhookGet, { caller: partnerB, id: endpoints.a1!.id }))).code).toBe(ErrorCode.NOT_FOUND);
    expect((await failure(bus.request(CompaniesSubjects.webhookDeliveries, { caller: partnerB, id: endpoints.a1!.id }))).code).toBe(ErrorCode.NOT_FOUND);
    expect((await failure(bus.request(CompaniesSubjects.webhookDelete, { caller: partnerB, id: endpoints.a1!.id }))).code).toBe(ErrorCode.NOT_FOUND);
    const listed = await bus.request(CompaniesSubjects.webhookList, { caller: partnerB });
    expect(listed.items.map((e) => e.id)).toEqual([endpoints.b1!.id]);
    const ofA = await bus.request(CompaniesSubjects.webhookList, { caller: partnerA, limit: 2 });
    expect(ofA.items.map((e) => e.id)).toEqual([endpoints.a1!.id, endpoints.a2!.id]);
    const rest = await bus.request(CompaniesSubjects.webhookList, { caller: partnerA, limit: 2, after: ofA.nextCursor! });
    expect(rest.items.map((e) => e.id)).toEqual([endpoints.a3!.id, endpoints.a4!.id]);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses bad registrations, naming the field', async () => {
    const bad = async (body: Record<string, unknown>) => (await failure(bus.request(CompaniesSubjects.webhookCreate, { caller: partnerA, ...body } as never))).envelope;
    const fields = async (body: Record<string, unknown>) => ((await bad(body)).details as FieldError[]).map((d) => d.field);
    expect(await bad({ url: 'ftp://example.com/', events: ['match.created'] })).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [{ field: 'url', reason: 'must use http or https' }] });
    expect(await fields({ url: `${receiverUrl}/x`, events: ['match.deleted'] })).toEqual(['events']);
    expect(await fields({ url: `${receiverUrl}/x`, events: [] })).toEqual(['events']);
    expect(await fields({ url: `${receiverUrl}/x`, events: ['import.finished'], minScore: 101 })).toEqual(['minScore']);
    expect((await failure(bus.request(CompaniesSubjects.webhookDeliveries, { caller: partnerA, id: endpoints.a1!.id, after: 'bm90LWEtY3Vyc29y' }))).envelope).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      details: [{ field: 'after' }],
    });
  });
});
