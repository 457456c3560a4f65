import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { CompanyEvents, companyPartition, OpportunityEvents } from '#contracts';
import { eventually, type JetStreamProbe } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/**
 * Events on JetStream, every service its own process: the owners' relays publish their outboxes
 * (`Nats-Msg-Id` = schema and outbox sequence), matching's durable consumers apply them, and an
 * event that keeps failing is parked in the dead-letter stream without holding back the rest.
 */
let platform: Platform;
let probe: JetStreamProbe;
let db: pg.Client;
let partner: { id: string; apiKey: string };

const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  // Three deliveries 100–200 ms apart: a poison event is parked within a second.
  platform = await Platform.start('event_stream', { EVENT_MAX_DELIVER: '3', EVENT_BACKOFF_MS: '100,200' });
  probe = await platform.jetstream();
  db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  partner = await platform.createPartner('Event stream partner');
}, 90_000);

afterAll(async () => {
  await db?.end();
  await probe?.close();
  await platform?.stop();
}, 30_000);

describe('the outbox relays', () => {
  it('publish every outbox row once, on its partition subject, in outbox order', async () => {
    const created = await platform.post('/v1/companies', miningCompany(), partner.apiKey);
    expect(created.status).toBe(201);
    const outbox = await count('SELECT count(*) AS n FROM companies.outbox');
    const events = await eventually(async () => {
      const stored = await probe.events(CompanyEvents.stream);
      return stored.length === outbox ? stored : undefined;
    }, 10_000, 'the company events on the stream');
    expect(events.map((e) => e.id)).toEqual(events.map((e) => `companies:${e.payload.seq}`));
    const mine = events.find((e) => e.payload.aggregateId === created.body.id)!;
    expect(mine.subject).toBe(probe.subject(CompanyEvents.upserted(companyPartition(created.body.id))));
    // The seeded catalogue went out the same way.
    const opportunities = await probe.events(OpportunityEvents.stream);
    expect(opportunities.length).toBe(await count('SELECT count(*) AS n FROM sectors.outbox'));
    expect(opportunities[0]!.subject).toMatch(/\.sectors\.v1\.(mining|automobile|electricity)\.opportunity\.upserted$/);
  });

  it('publish nothing twice when the companies service is killed mid-publish and its relay starts again behind', async () => {
    const accepted: string[] = [];
    let submitting = true;
    // Submissions go on, ten at a time, while the service is killed and started again.
    const submitter = (async () => {
      while (submitting) {
        const replies = await Promise.all(Array.from({ length: 10 }, () => platform.post('/v1/companies', miningCompany(), partner.apiKey)));
        for (const r of replies) if (r.status === 201) accepted.push(r.body.id as string);
      }
    })();
    await eventually(async () => (accepted.length >= 60 ? true : undefined), 30_000, '60 companies accepted');
    await platform.services.companies.kill('SIGKILL');
    // The widest window a crash can leave: rows published, the relay's position not yet recorded.
    await db.query('UPDATE companies.outbox_relay SET published_seq = greatest(0, published_seq - 40)');
    platform.services.companies.start();
    await eventually(async () => (accepted.length >= 120 ? true : undefined), 60_000, '60 more companies accepted after the restart');
    submitting = false;
    await submitter;

    const outbox = await count('SELECT count(*) AS n FROM companies.outbox');
    const events = await eventually(async () => {
      const stored = await probe.events(CompanyEvents.stream);
      return stored.length >= outbox ? stored : undefined;
    }, 20_000, 'every outbox row on the stream');
    expect(events).toHaveLength(outbox);
    expect(new Set(events.map((e) => e.id)).size).toBe(outbox);

    // Every accepted company reached matching once, with its matches.
    await eventually(async () => {
      const applied = await count('SELECT count(*) AS n FROM matching.company WHERE id = ANY($1::uuid[])', [accepted]);
      return applied === accepted.length ? true : undefined;
    }, 60_000, 'every accepted company in matching');
    const sample = accepted.filter((_, i) => i % 10 === 0);
    for (const id of sample) {
      const matches = await platform.get(`/v1/companies/${id}/matches?includeProhibited=true`, partner.apiKey);
      expect(matches.status).toBe(200);
      expect(matches.body.items.length).toBeGreaterThan(0);
    }
    expect(await count('SELECT count(*) AS n FROM (SELECT company_id, opportunity_id FROM matching.match GROUP BY 1, 2 HAVING count(*) > 1) d')).toBe(0);
  }, 150_000);
});

describe('a poison event', () => {
  it('is parked in the dead-letter stream after its retries, and the events behind it go on', async () => {
    const created = await platform.post('/v1/companies', miningCompany(), partner.apiKey);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await eventually(async () => ((await count('SELECT count(*) AS n FROM matching.company WHERE id = $1', [id])) === 1 ? true : undefined), 15_000, 'the company in matching');

    // An upsert no handler can apply (its company id is not a UUID), on the company's partition, then a real change behind it.
    const partition = companyPartition(id);
    const poisonId = `poison-${randomUUID()}`;
    await probe.publish(CompanyEvents.upserted(partition), poisonId, {
      seq: 0,
      type: 'company.upserted',
      aggregateId: id,
      payload: { id: 'not-a-uuid', version: 1, sectors: ['mining'] },
      occurredAt: new Date().toISOString(),
    });
    const patched = await platform.request('PATCH', `/v1/companies/${id}`, { key: partner.apiKey, body: { employees: 900 } });
    expect(patched.status).toBe(200);
    await eventually(async () => ((await count('SELECT count(*) AS n FROM matching.company WHERE id = $1 AND version = 2', [id])) === 1 ? true : undefined), 15_000, 'the change behind the poison applied');

    const parked = await eventually(async () => {
      const page = await platform.get('/v1/dead-letters', platform.adminKey);
      return page.status === 200 && page.body.items.some((d: { id: string }) => d.id === poisonId) ? page.body : undefined;
    }, 15_000, 'the poison event among the dead letters');
    const letter = parked.items.find((d: { id: string }) => d.id === poisonId);
    expect(letter).toMatchObject({
      stream: CompanyEvents.stream,
      consumer: `matching-companies-p${partition}`,
      subject: CompanyEvents.upserted(partition),
      deliveries: 3,
      payload: { aggregateId: id },
    });
    expect(letter.error).toMatch(/uuid/i);

    // Only the admin sees or replays dead letters.
    expect((await platform.get('/v1/dead-letters', partner.apiKey)).status).toBe(403);
    expect((await platform.get('/v1/dead-letters?limit=0', platform.adminKey)).status).toBe(400);
    expect((await platform.post('/v1/dead-letters/999999/replay', {}, platform.adminKey)).status).toBe(404);

    // Replayed, it fails again and is parked again under a new position; the old one is gone.
    expect((await platform.post(`/v1/dead-letters/${letter.seq}/replay`, {}, platform.adminKey)).status).toBe(200);
    const again = await eventually(async () => {
      const page = await platform.get('/v1/dead-letters', platform.adminKey);
      const items = page.body.items as { seq: number; id: string }[];
      return items.some((d) => d.seq > letter.seq && d.id.startsWith(poisonId)) ? items : undefined;
    }, 15_000, 'the replayed poison parked again');
    expect(again.some((d) => d.seq === letter.seq)).toBe(false);
  }, 60_000);
});
