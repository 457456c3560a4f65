import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  CompaniesSubjects,
  companyPartition,
  LeadEvents,
  LeadEventType,
  matchingSubjectsOf,
  MatchingSubjects,
  sectorSubjects,
  type LeadEventMatch,
  type LeadsCreatedEvent,
  type LeadsVerdictChangedEvent,
} from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, eventually, JetStreamProbe, TEST_NATS_URL, type StoredEvent } from '#testing';
import pg from 'pg';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CompaniesAppModule } from '../../companies/src/companies-app.module.js';
import { ScreeningAppModule } from '../../screening/src/screening-app.module.js';
import { SectorsAppModule } from '../../sectors/src/sectors-app.module.js';
import { MatchingAppModule } from '../src/matching-app.module.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let apps: INestApplication[] = [];
let screeningApp: INestApplication;
let matchingApp: INestApplication;
let bus: NatsMessageBus;
let probe: JetStreamProbe;
let caller: { partnerId: string; admin: boolean };
const KEEP = 5;
const KEEP_PROHIBITED = 3;
const DIRECTOR = 'Zakhar Tumannikov';
const ORIGINAL_LIST = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');

const profile = {
  name: 'OOO Posyet Ugolny Terminal',
  inn: '7707083893',
  region: 'Primorsky Krai',
  city: 'Nakhodka',
  sectors: ['mining' as const],
  okved: ['28.22', '52.24'],
  hsCodes: ['8426', '2701'],
  capabilities: ['port_cranes', 'port_bulk_handling', 'rail_bulk_logistics'],
  employees: 400,
  annualRevenueRub: 2_000_000_000,
  exportExperienceYears: 8,
  acceptsRubSettlement: true,
  directors: [{ name: DIRECTOR }],
};

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A copy of the list in force with one more listed individual (or none) and another date, in a file of its own. */
function listWith(extraIndividual: string | undefined, date: string): string {
  const xml = readFileSync(ORIGINAL_LIST, 'utf8').replace(/dateGenerated="[^"]*"/, `dateGenerated="${date}"`);
  const entry = extraIndividual
    ? `<INDIVIDUAL><DATAID>99000001</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>${extraIndividual.split(' ')[0]}</FIRST_NAME><SECOND_NAME>${extraIndividual.split(' ').slice(1).join(' ')}</SECOND_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDi.999</REFERENCE_NUMBER><LISTED_ON>2026-11-30</LISTED_ON><LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE><INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS></INDIVIDUAL>`
    : '';
  const file = join(mkdtempSync(join(tmpdir(), 'tumen-list-')), 'list.xml');
  writeFileSync(file, xml.replace('<INDIVIDUALS>', `<INDIVIDUALS>${entry}`));
  return file;
}

async function restartScreening(env: Record<string, string>): Promise<void> {
  const i = apps.indexOf(screeningApp);
  await screeningApp.close();
  Object.assign(process.env, env);
  screeningApp = await startService({ name: 'screening', module: ScreeningAppModule });
  apps[i] = screeningApp;
}

async function restartMatching(): Promise<void> {
  const i = apps.indexOf(matchingApp);
  await matchingApp.close();
  matchingApp = await startService({ name: 'matching', module: MatchingAppModule.register() });
  apps[i] = matchingApp;
}

/**
 * Matching has applied every company and opportunity event and every decision due, and its relay
 * has published its whole outbox: what it has to say about the changes so far is in the stream.
 */
async function settled(what: string): Promise<void> {
  await eventually(
    async () => {
      const status = await bus.request(MatchingSubjects.status, {});
      const [companies] = await sql<{ head: number }>(`SELECT coalesce(max(seq), 0)::int AS head FROM companies.outbox`);
      const sectors = await sql<{ stream: string; head: number }>(`SELECT stream, max(seq)::int AS head FROM sectors.outbox GROUP BY stream`);
      const [relay] = await sql<{ head: number; published: number }>(
        `SELECT (SELECT coalesce(max(seq), 0) FROM matching.outbox)::int AS head, (SELECT published_seq FROM matching.outbox_relay)::int AS published`,
      );
      const [unsettled] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM matching.partition_owner WHERE NOT settled`);
      const caughtUp =
        (status.cursors.companies ?? 0) >= companies!.head &&
        sectors.every((s) => (status.cursors[`sectors.${s.stream}`] ?? 0) >= s.head) &&
        Object.values(status.pending).every((n) => n === 0) &&
        status.decisionsDue === 0 &&
        unsettled!.n === 0 &&
        relay!.published === relay!.head;
      return caughtUp || undefined;
    },
    30_000,
    what,
  );
}

/** The lead events in the stream about a company, oldest first. */
async function eventsOf(companyId: string): Promise<StoredEvent[]> {
  return (await probe.events(LeadEvents.stream)).filter((e) => e.payload.aggregateId === companyId);
}

/** A company's leads as its listing shows them, in the shape of a lead event. */
async function listedLeads(companyId: string): Promise<LeadEventMatch[]> {
  const list = await bus.request(matchingSubjectsOf(companyId).companyMatches, { companyId, limit: 200 });
  return list.items.map((m) => ({ matchId: m.id, opportunityId: m.opportunityId, sector: m.sector, score: m.score, verdict: m.compliance.verdict }));
}

async function storedProhibited(companyId: string): Promise<string[]> {
  const rows = await sql<{ opportunity_id: string }>(`SELECT opportunity_id FROM matching.match WHERE company_id = $1 AND prohibited ORDER BY opportunity_id`, [companyId]);
  return rows.map((r) => r.opportunity_id);
}

beforeAll(async () => {
  db = await createTestDatabase('matching_lead_events_int');
  Object.assign(process.env, {
    NATS_URL: TEST_NATS_URL,
    DATABASE_URL: db.url,
    REQUEST_TIMEOUT_MS: '3000',
    OUTBOX_RELAY_POLL_MS: '200',
    MATCHING_POLL_MS: '200',
    SEED_ON_EMPTY: 'true',
    EVENT_NAMESPACE: db.name,
    MATCHES_PER_COMPANY: String(KEEP),
    PROHIBITED_PER_COMPANY: String(KEEP_PROHIBITED),
    SANCTIONS_LIST_PATH: ORIGINAL_LIST,
  });
  screeningApp = await startService({ name: 'screening', module: ScreeningAppModule });
  matchingApp = await startService({ name: 'matching', module: MatchingAppModule.register() });
  apps = [screeningApp, await startService({ name: 'sectors', module: SectorsAppModule.forSectors() }), await startService({ name: 'companies', module: CompaniesAppModule }), matchingApp];
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'lead-events-int-spec', 3000);
  probe = await JetStreamProbe.open(TEST_NATS_URL, db.name);
  for (const sector of ['mining', 'automobile', 'electricity'] as const) {
    const page = await bus.request(sectorSubjects(sector).opportunityList, {});
    if (page.total === 0) throw new Error('seed expected: run with SEED_ON_EMPTY or load it');
  }
  caller = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner' })).id, admin: false };
  // The seed catalogue applied first: a company created meanwhile would gain leads as each opportunity arrives.
  await settled('the seed catalogue applied');
}, 90_000);

afterAll(async () => {
  await bus?.close();
  for (const app of apps.reverse()) await app.close();
  await db?.drop();
  await probe?.deleteNamespace();
  await probe?.close();
  delete process.env.SANCTIONS_LIST_PATH;
});

describe('lead events from matching', () => {
  let companyId: string;
  let leads: LeadEventMatch[];

  it('tells of a new company its leads once, with their verdicts, and none of its prohibited matches', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile });
    companyId = company.id;
    await eventually(async () => ((await listedLeads(companyId)).length ? true : undefined), 10_000, 'the leads stored');
    await settled('the new company applied');
    leads = await listedLeads(companyId);
    const prohibited = await storedProhibited(companyId);
    expect(prohibited).toHaveLength(KEEP_PROHIBITED);

    const events = await eventsOf(companyId);
    expect(events.map((e) => [e.subject, e.payload.type])).toEqual([[probe.subject(LeadEvents.created(companyPartition(companyId))), LeadEventType.CREATED]]);
    const [created] = events as unknown as [StoredEvent & { payload: LeadsCreatedEvent }];
    expect(created.id).toBe(`matching:${created.payload.seq}`);
    expect(created.payload.payload).toEqual({ companyId, partnerId: caller.partnerId, leads });
    expect(created.payload.payload.leads.map((l) => l.opportunityId).filter((id) => prohibited.includes(id))).toEqual([]);
    expect(created.payload.payload.leads.every((l) => l.verdict !== 'prohibited')).toBe(true);
  }, 30_000);

  it('tells nothing when the same company is sent again unchanged', async () => {
    const [{ head }] = await sql<{ head: number }>(`SELECT coalesce(max(seq), 0)::int AS head FROM matching.outbox`);
    const again = await bus.request(CompaniesSubjects.companyUpdate, { caller, id: companyId, patch: {} });
    expect(again.version).toBe(2);
    await eventually(async () => {
      const [row] = await sql<{ version: number }>(`SELECT version FROM matching.company WHERE id = $1`, [companyId]);
      return row?.version === 2 ? true : undefined;
    }, 10_000, 'version 2 applied');
    await settled('the company sent again applied');
    expect(await listedLeads(companyId)).toEqual(leads);
    expect(await sql(`SELECT seq FROM matching.outbox WHERE seq > $1`, [head])).toEqual([]);
    expect((await eventsOf(companyId)).map((e) => e.payload.type)).toEqual([LeadEventType.CREATED]);
  }, 30_000);

  it('tells nothing when a replica restarts and ranks its partitions again', async () => {
    const [{ head }] = await sql<{ head: number }>(`SELECT coalesce(max(seq), 0)::int AS head FROM matching.outbox`);
    // As if every partition were being taken over: the restarted replica ranks every company again.
    await sql(`UPDATE matching.partition_owner SET settled = false`);
    await restartMatching();
    await settled('the restarted replica settled');
    expect(await listedLeads(companyId)).toEqual(leads);
    expect(await sql(`SELECT seq FROM matching.outbox WHERE seq > $1`, [head])).toEqual([]);
    expect((await eventsOf(companyId)).map((e) => e.payload.type)).toEqual([LeadEventType.CREATED]);
  }, 60_000);

  it('tells of the verdicts a decision moves, with the verdict before, and of the leads it gives back', async () => {
    await restartScreening({ SANCTIONS_LIST_PATH: listWith(DIRECTOR, '2099-03-03T00:00:00.000Z') });
    await eventually(async () => ((await listedLeads(companyId)).length === 0 ? true : undefined), 30_000, 'every lead prohibited');
    await settled('the listed director applied');
    const barred = (await eventsOf(companyId)).slice(1);
    expect(barred.map((e) => [e.subject, e.payload.type])).toEqual([[probe.subject(LeadEvents.verdictChanged(companyPartition(companyId))), LeadEventType.VERDICT_CHANGED]]);
    const { changes, ...about } = (barred[0]!.payload as unknown as LeadsVerdictChangedEvent).payload;
    expect(about).toEqual({ companyId, partnerId: caller.partnerId });
    // Every former lead is prohibited now, whether it is still kept among the few prohibited or not.
    expect(changes.map((c) => [c.matchId, c.previousVerdict, c.verdict]).sort()).toEqual(leads.map((l) => [l.matchId, l.verdict, 'prohibited']).sort());
    const keptWhileBarred = await storedProhibited(companyId);

    await restartScreening({ SANCTIONS_LIST_PATH: listWith(undefined, '2099-04-04T00:00:00.000Z') });
    await eventually(async () => ((await listedLeads(companyId)).length === leads.length ? true : undefined), 30_000, 'the leads back');
    await settled('the delisted director applied');
    const restored = await listedLeads(companyId);
    expect(restored.map((l) => l.matchId)).toEqual(leads.map((l) => l.matchId));
    const back = (await eventsOf(companyId)).slice(2);
    // The matches kept while the company was prohibited that are leads again: from prohibited to their verdict of now.
    const relieved = restored.filter((l) => keptWhileBarred.includes(l.opportunityId)).map((l) => ({ ...l, previousVerdict: 'prohibited' }));
    const expected = [{ type: LeadEventType.CREATED, payload: { companyId, partnerId: caller.partnerId, leads: restored } }];
    if (relieved.length) expected.push({ type: LeadEventType.VERDICT_CHANGED, payload: { companyId, partnerId: caller.partnerId, changes: relieved } } as never);
    expect(back.map((e) => ({ type: e.payload.type, payload: e.payload.payload }))).toEqual(expected);
  }, 120_000);
});
