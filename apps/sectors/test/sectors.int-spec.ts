import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { ErrorCode, OpportunityEvents, sectorSubjects } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, eventually, JetStreamProbe, TEST_NATS_URL } from '#testing';
import { SectorsAppModule } from '../src/sectors-app.module.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;
let probe: JetStreamProbe;
const mining = sectorSubjects('mining');

const opportunity = {
  sector: 'mining' as const,
  title: 'Magnesite calcining kiln overhaul at Tanchon',
  description: 'Opportunity to overhaul a rotary kiln.',
  site: { name: 'Tanchon', lat: 40.458, lon: 128.911 },
  counterparty: { name: 'Tanchon magnesia works (DPRK)', contact: 'liaison@example.invalid' },
  requiredCapabilities: ['magnesite_processing'],
  hsCodes: ['8417'],
  direction: 'supply_to_dprk' as const,
  structure: 'contract' as const,
  sizeUsd: 3_000_000,
  settlementCurrencies: ['RUB'],
  attributes: { mineral: 'magnesite', annualTonnage: 100000 },
};

beforeAll(async () => {
  db = await createTestDatabase('sectors_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SEED_ON_EMPTY: 'false', EVENT_NAMESPACE: db.name, OUTBOX_RELAY_POLL_MS: '100' });
  probe = await JetStreamProbe.open(TEST_NATS_URL, db.name);
  app = await startService({ name: 'sectors-mining', module: SectorsAppModule.forSectors(['mining']) });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'sectors-int-spec', 1500);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await probe?.deleteNamespace();
  await probe?.close();
  await db?.drop();
});

describe('a sectors process serving only mining', () => {
  it('describes its rubric and vocabulary', async () => {
    const view = await bus.request(mining.describe, {});
    expect(view.id).toBe('mining');
    expect(view.criteria.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 9);
    expect(view.capabilities.map((c) => c.id)).toContain('port_cranes');
  });

  it('does not answer for the other sectors', async () => {
    await expect(bus.request(sectorSubjects('automobile').describe, {})).rejects.toMatchObject({ envelope: { code: ErrorCode.UNAVAILABLE } });
  });

  it('stores a valid opportunity, hides the contact from the summary and publishes its event without it', async () => {
    const created = await bus.request(mining.opportunityCreate, { opportunity });
    expect(created.counterparty.contact).toBe('liaison@example.invalid');
    const summary = await bus.request(mining.opportunityGet, { id: created.id });
    expect(summary.counterparty).toEqual({ name: 'Tanchon magnesia works (DPRK)' });
    const events = await eventually(async () => {
      const stored = await probe.events(OpportunityEvents.stream);
      return stored.length ? stored : undefined;
    }, 10_000, 'the opportunity event');
    expect(events).toHaveLength(1);
    expect(events[0]!.subject).toBe(probe.subject(OpportunityEvents.upserted('mining')));
    expect(JSON.stringify(events[0]!.payload)).not.toContain('liaison@');
  });

  it.each([
    ['a negative tonnage', { attributes: { mineral: 'magnesite', annualTonnage: -1 } }, 'attributes.annualTonnage'],
    ['an unknown attribute', { attributes: { mineral: 'magnesite', annualTonnage: 1, colour: 'red' } }, 'attributes.colour'],
    ['an unknown capability', { requiredCapabilities: ['vehicle_assembly'] }, 'requiredCapabilities.0'],
    ['a site that is an array', { site: [] }, 'opportunity.site'],
    ['a counterparty that is an array', { counterparty: [] }, 'opportunity.counterparty'],
    ['a title of whitespace', { title: '     ' }, 'opportunity.title'],
    ['a NUL byte in an attribute', { attributes: { mineral: 'magne\u0000site', annualTonnage: 1 } }, 'opportunity.attributes.mineral'],
    ['a prototype key in the attributes', { attributes: JSON.parse('{"mineral": "magnesite", "annualTonnage": 1, "__proto__": {"x": 1}}') }, 'opportunity.attributes.__proto__'],
  ])('refuses %s naming the field', async (_label, change, field) => {
    const error = await bus.request(mining.opportunityCreate, { opportunity: { ...opportunity, ...change } as never }).catch((e) => e);
    expect(error.envelope.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.envelope.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a PATCH whose counterparty is an array or whose title is whitespace, and keeps the stored one', async () => {
    const { items } = await bus.request(mining.opportunityList, {});
    const id = items[0].id;
    for (const [patch, field, reason] of [
      [{ counterparty: [] }, 'counterparty', 'counterparty must be an object'],
      [{ title: ' \t ' }, 'title', 'title must be longer than or equal to 3 characters'],
    ] as const) {
      const error = await bus.request(mining.opportunityUpdate, { id, patch }).catch((e) => e);
      expect(error.envelope).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [{ field, reason }] });
    }
    expect((await bus.request(mining.opportunityGet, { id, withContact: true })).counterparty).toEqual(opportunity.counterparty);
  });

  it('holds only what was stored: no seed without SEED_ON_EMPTY', async () => {
    const stored = await bus.request(mining.opportunityList, {});
    expect(stored.items).toHaveLength(1);
    expect(stored.nextCursor).toBeNull();
  });
});
