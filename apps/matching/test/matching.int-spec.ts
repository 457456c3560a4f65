import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { CompaniesSubjects, matchingSubjectsOf, MatchingSubjects, ScreeningSubjects, sectorSubjects, type MatchList } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, eventually, JetStreamProbe, TEST_NATS_URL } from '#testing';
import { randomUUID } from 'node:crypto';
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
let bus: NatsMessageBus;
let caller: { partnerId: string; admin: boolean };
/** Few kept matches per company, so a new opportunity pushes older ones out. */
const KEEP = 5;
const KEEP_PROHIBITED = 3;

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** What the store holds for a company in one class, in the order reads answer. */
async function storedOpportunities(companyId: string, prohibited = false): Promise<string[]> {
  const rows = await sql<{ opportunity_id: string }>(
    'SELECT opportunity_id FROM matching.match WHERE company_id = $1 AND prohibited = $2 ORDER BY score DESC, opportunity_id',
    [companyId, prohibited],
  );
  return rows.map((r) => r.opportunity_id);
}

/** Starts the screening service again on another list or rules file. */
async function restartScreening(env: Record<string, string>): Promise<void> {
  const i = apps.findIndex((app) => app === screeningApp);
  await screeningApp.close();
  Object.assign(process.env, env);
  screeningApp = await startService({ name: 'screening', module: ScreeningAppModule });
  apps[i] = screeningApp;
}

/** A copy of the list in force with one more listed individual and another date, in a file of its own. */
function listWith(extraIndividual: string | undefined, date: string): string {
  const xml = readFileSync(ORIGINAL_LIST, 'utf8').replace(/dateGenerated="[^"]*"/, `dateGenerated="${date}"`);
  const entry = extraIndividual
    ? `<INDIVIDUAL><DATAID>99000001</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>${extraIndividual.split(' ')[0]}</FIRST_NAME><SECOND_NAME>${extraIndividual.split(' ').slice(1).join(' ')}</SECOND_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDi.999</REFERENCE_NUMBER><LISTED_ON>2026-11-30</LISTED_ON><LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE><INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS></INDIVIDUAL>`
    : '';
  const file = join(mkdtempSync(join(tmpdir(), 'tumen-list-')), 'list.xml');
  writeFileSync(file, xml.replace('<INDIVIDUALS>', `<INDIVIDUALS>${entry}`));
  return file;
}

/** A listing's matches with the rules and decisions they cite written out, as one match is read by id. */
function expanded(list: MatchList) {
  return list.items.map((m) => {
    const { ruleIds, decisions, ...compliance } = m.compliance;
    return {
      ...m,
      compliance: { ...compliance, rules: ruleIds.map((id) => list.rules[id]!), decisions: { company: list.decisions[decisions.company]!, opportunity: list.decisions[decisions.opportunity]! } },
    };
  });
}

let screeningApp: INestApplication;
const ORIGINAL_LIST = resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml');

const profile = {
  name: 'OOO Nakhodka Portovoe Oborudovanie',
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
};

beforeAll(async () => {
  db = await createTestDatabase('matching_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, REQUEST_TIMEOUT_MS: '3000', OUTBOX_RELAY_POLL_MS: '200', MATCHING_POLL_MS: '200', SEED_ON_EMPTY: 'true', EVENT_NAMESPACE: db.name,
    MATCHES_PER_COMPANY: String(KEEP),
    PROHIBITED_PER_COMPANY: String(KEEP_PROHIBITED),
    SANCTIONS_LIST_PATH: resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml') });
  screeningApp = await startService({ name: 'screening', module: ScreeningAppModule });
  apps = [
    screeningApp,
    await startService({ name: 'sectors', module: SectorsAppModule.forSectors() }),
    await startService({ name: 'companies', module: CompaniesAppModule }),
    await startService({ name: 'matching', module: MatchingAppModule.register() }),
  ];
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'matching-int-spec', 3000);
  for (const sector of ['mining', 'automobile', 'electricity'] as const) {
    const page = await bus.request(sectorSubjects(sector).opportunityList, {});
    if (page.items.length === 0) throw new Error('seed expected: run with SEED_ON_EMPTY or load it');
  }
  caller = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner' })).id, admin: false };
}, 90_000);

afterAll(async () => {
  await bus?.close();
  for (const app of apps.reverse()) await app.close();
  await db?.drop();
  const probe = await JetStreamProbe.open(TEST_NATS_URL, db.name);
  await probe.deleteNamespace();
  await probe.close();
});

describe('matching service over NATS and PostgreSQL', () => {
  const companies = (companyId: string, q: Record<string, unknown> = {}) =>
    bus.request(matchingSubjectsOf(companyId).companyMatches, { companyId, includeProhibited: true, limit: 200, ...q });

  it('follows the company events and stores ranked, explained matches citing both decisions', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile });
    const list = await eventually(async () => {
      const found = await companies(company.id);
      return found.items.length && found.items.every((m) => m.compliance.listVersion) ? found : undefined;
    }, 10_000, 'matches');
    const { rules } = list;
    const matches = expanded(list);
    expect(matches.every((m) => m.sector === 'mining')).toBe(true);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
    for (const m of matches) {
      expect(m.breakdown.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(m.score, 1);
      expect(m.compliance.rulesVersion).toBe('1.0.0');
      expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(m.compliance.decisions.company).toMatchObject({ kind: 'company', partyId: company.id, partyVersion: 1, screened: true });
      expect(m.compliance.decisions.opportunity).toMatchObject({ kind: 'opportunity', partyId: m.opportunityId, screened: true });
      for (const rule of m.compliance.rules) expect(rules[rule.id]).toEqual(rule);
      expect(m).not.toHaveProperty('company');
    }
    // Every stored match has both its decisions stored, and each decision one audit entry.
    const orphans = await sql(
      `SELECT m.id FROM matching.match m
        LEFT JOIN matching.party_decision c ON c.kind = 'company' AND c.party_id = m.company_id
        LEFT JOIN matching.party_decision o ON o.kind = 'opportunity' AND o.party_id = m.opportunity_id
        WHERE c.party_id IS NULL OR o.party_id IS NULL`,
    );
    expect(orphans).toEqual([]);
    const decisionIds = [...new Set(matches.flatMap((m) => [m.compliance.decisions.company.id, m.compliance.decisions.opportunity.id]))];
    const entries = await sql<{ decision_id: string; n: number }>(
      `SELECT decision_id, count(*)::int AS n FROM screening.audit_log WHERE decision_id = ANY($1) GROUP BY decision_id`,
      [decisionIds],
    );
    expect(entries.map((e) => e.n)).toEqual(decisionIds.map(() => 1));
    const status = await bus.request(MatchingSubjects.status, {});
    expect(status.cursors.companies).toBeGreaterThanOrEqual(1);
    expect(status.opportunities).toBeGreaterThanOrEqual(30);
    // Two durable consumers for the opportunities (upserts, deletions) and one per company partition.
    expect(Object.keys(status.pending)).toHaveLength(2 + 32);
    expect(Object.keys(status.pending)).toContain('matching-opportunities-r0');
  });

  it('answers a caller only about a company it may see, rendered once as JSON', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile: { ...profile, inn: '7728168971' } });
    const own = await eventually(async () => {
      const found = await bus.request(matchingSubjectsOf(company.id).companyMatches, { companyId: company.id, caller, includeProhibited: true });
      return found.items.length ? found : undefined;
    }, 10_000, 'matches read by their partner');
    const asJson = JSON.parse((await bus.requestJson(matchingSubjectsOf(company.id).companyMatches, { companyId: company.id, caller, includeProhibited: true })).toString('utf8'));
    expect(asJson).toEqual(own);
    const admin = await bus.request(matchingSubjectsOf(company.id).companyMatches, { companyId: company.id, caller: { partnerId: null, admin: true }, includeProhibited: true });
    expect(admin.items.map((m) => m.id)).toEqual(own.items.map((m) => m.id));
    const other = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Other partner' })).id, admin: false };
    await expect(bus.requestJson(matchingSubjectsOf(company.id).companyMatches, { companyId: company.id, caller: other })).rejects.toMatchObject({ envelope: { code: 'NOT_FOUND' } });
    await expect(bus.request(matchingSubjectsOf(randomUUID()).companyMatches, { companyId: randomUUID(), caller })).rejects.toMatchObject({ envelope: { code: 'NOT_FOUND' } });
  });

  it('previews without storing', async () => {
    const validated = await bus.request(CompaniesSubjects.companyValidate, { caller, profile: { ...profile, inn: '7736050003' } });
    const before = (await bus.request(MatchingSubjects.status, {})).matches;
    const preview = await bus.request(MatchingSubjects.preview, { profile: validated, limit: 3, includeProhibited: true });
    expect(preview.items).toHaveLength(3);
    expect((await bus.request(MatchingSubjects.status, {})).matches).toBe(before);
  });

  it('fans a new opportunity out to the companies it beats; reads, the store and a restarted service agree', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile: { ...profile, inn: '7710140679', name: 'OOO Rajin Kranservis' } });
    const read = () => bus.request(matchingSubjectsOf(company.id).companyMatches, { companyId: company.id, caller, includeProhibited: true, limit: 200 });
    const before = await eventually(async () => {
      const found = await read();
      return found.items.filter((m) => m.compliance.verdict === 'prohibited').length === KEEP_PROHIBITED ? found : undefined;
    }, 10_000, 'a full list of prohibited matches');
    const barredBefore = before.items.filter((m) => m.compliance.verdict === 'prohibited');
    const best = await bus.request(sectorSubjects('mining').opportunityCreate, {
      opportunity: {
        sector: 'mining',
        title: 'Port cranes for the Rajin coal berth',
        description: 'Gantry cranes and bulk handling for the coal berth at Rajin port.',
        site: { name: 'Rajin port', lat: 42.25, lon: 130.3 },
        counterparty: { name: 'Rajin port authority (DPRK)' },
        requiredCapabilities: ['port_cranes', 'port_bulk_handling'],
        hsCodes: ['8426'],
        direction: 'supply_to_dprk',
        structure: 'contract',
        sizeUsd: 5_000_000,
        settlementCurrencies: ['RUB'],
        attributes: { mineral: 'coal', annualTonnage: 1_000_000 },
      },
    });
    const after = await eventually(async () => {
      const found = await read();
      return found.items.some((m) => m.opportunityId === best.id) ? found : undefined;
    }, 10_000, 'the new opportunity among the best');
    // Cranes for the DPRK (HS 84) are prohibited: it enters the prohibited list and pushes its weakest out.
    const barredAfter = after.items.filter((m) => m.compliance.verdict === 'prohibited');
    expect(barredAfter).toHaveLength(KEEP_PROHIBITED);
    expect(barredAfter.map((m) => m.opportunityId)).toContain(best.id);
    expect(barredAfter.map((m) => m.opportunityId)).not.toContain(barredBefore[KEEP_PROHIBITED - 1]!.opportunityId);
    expect(await storedOpportunities(company.id, true)).toEqual(barredAfter.map((m) => m.opportunityId));
    expect(await storedOpportunities(company.id, false)).toEqual(after.items.filter((m) => m.compliance.verdict !== 'prohibited').map((m) => m.opportunityId));
    for (const match of expanded(after)) {
      const { company: _company, ...byId } = await bus.request(MatchingSubjects.matchGet, { id: match.id });
      expect(byId).toEqual(match);
      expect(_company).toMatchObject({ name: 'OOO Rajin Kranservis' });
    }

    const matching = apps.length - 1; // started last
    await apps[matching]!.close();
    apps[matching] = await startService({ name: 'matching', module: MatchingAppModule.register() });
    const restarted = await read();
    expect(restarted.items.map(({ id, score, compliance }) => ({ id, score, compliance }))).toEqual(after.items.map(({ id, score, compliance }) => ({ id, score, compliance })));
  }, 40_000);

  it('moves every match of a company whose director is newly listed to prohibited, and back when the listing goes', async () => {
    const director = 'Zakhar Tumannikov';
    const company = await bus.request(CompaniesSubjects.companyCreate, {
      caller,
      profile: { ...profile, inn: '7707049388', name: 'OOO Khasan Logistika', directors: [{ name: director }] },
    });
    const leadsOf = async () => expanded(await companies(company.id)).filter((m) => m.compliance.verdict !== 'prohibited');
    const leads = await eventually(async () => {
      const found = await leadsOf();
      return found.length && found.every((m) => m.compliance.decisions.company.screened) ? found : undefined;
    }, 10_000, 'screened leads');

    await restartScreening({ SANCTIONS_LIST_PATH: listWith(director, '2099-03-03T00:00:00.000Z') });
    const barred = await eventually(async () => {
      const found = expanded(await companies(company.id));
      return found.length && found.every((m) => m.compliance.verdict === 'prohibited') ? found : undefined;
    }, 30_000, 'every match prohibited under the new list');
    expect(barred).toHaveLength(KEEP_PROHIBITED);
    expect(barred[0]!.compliance.listHits).toEqual(
      expect.arrayContaining([expect.objectContaining({ party: 'director', referenceNumber: 'CDi.999', strength: 'designated' })]),
    );
    expect(barred[0]!.compliance.decisions.company).toMatchObject({ verdict: 'prohibited', listVersion: expect.stringContaining('2099-03-03') });
    expect(await storedOpportunities(company.id, false)).toEqual([]);
    expect(await companies(company.id, { includeProhibited: false })).toMatchObject({ items: [] });

    await restartScreening({ SANCTIONS_LIST_PATH: listWith(undefined, '2099-04-04T00:00:00.000Z') });
    const restored = await eventually(async () => {
      const found = await leadsOf();
      return found.length === leads.length && found[0]!.compliance.decisions.company.verdict === 'clear' ? found : undefined;
    }, 30_000, 'the leads back once the listing goes');
    expect(restored.map((m) => m.opportunityId)).toEqual(leads.map((m) => m.opportunityId));
    expect(restored[0]!.compliance.decisions.company).toMatchObject({ verdict: 'clear', listVersion: expect.stringContaining('2099-04-04') });
  }, 90_000);

  it('moves leads out when a rules version prohibits them, and the next admissible opportunities fill the freed slots', async () => {
    // An electricity company whose leads include every HS 2716 (electrical energy, `review`) opportunity.
    const electricity = {
      ...profile,
      inn: '7703270067',
      name: 'OOO Primorskaya Energosbyt',
      sectors: ['electricity' as const],
      okved: ['35.12', '35.14'],
      hsCodes: ['2716', '8544'],
      capabilities: ['cross_border_interconnector', 'dispatch_automation', 'grid_construction'],
    };
    const offer = (i: number, energy: boolean) =>
      bus.request(sectorSubjects('electricity').opportunityCreate, {
        opportunity: {
          sector: 'electricity',
          title: energy ? `Electricity sales to Rason ${i}` : `Coal for the Sonbong plant ${i}`,
          description: energy ? 'Sale of electric power over the Khasan line.' : 'Steam coal deliveries for a power plant.',
          site: { name: 'Rajin', lat: 42.25, lon: 130.3 },
          counterparty: { name: energy ? `Rason power buyer ${i}` : `Sonbong plant ${i}` },
          // The energy sales fit the company best; the coal deliveries less well.
          requiredCapabilities: energy ? ['cross_border_interconnector', 'dispatch_automation'] : ['grid_construction', 'energy_audit', 'thermal_generation'],
          hsCodes: energy ? ['2716'] : ['2701'],
          direction: 'supply_to_dprk',
          structure: 'contract',
          sizeUsd: 20_000_000 + i,
          settlementCurrencies: ['RUB'],
          attributes: { generationType: energy ? 'interconnector' : 'thermal_coal' },
        },
      });
    const energy: string[] = [];
    for (let i = 0; i < 3; i++) energy.push((await offer(i, true)).id);
    for (let i = 0; i < 4; i++) await offer(i, false);
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile: electricity });
    const leadsOf = async () => (await companies(company.id, { includeProhibited: false, limit: 200 })).items;
    // Settled: the same leads twice, a second apart (the seed catalogue may still be fanning out).
    let previous = '';
    const before = await eventually(async () => {
      const found = await leadsOf();
      const ready = found.length === KEEP && energy.every((id) => found.some((m) => m.opportunityId === id));
      const seen = JSON.stringify(found.map((m) => [m.opportunityId, m.score]));
      const settled = ready && seen === previous;
      previous = ready ? seen : '';
      if (ready && !settled) await new Promise((r) => setTimeout(r, 1000));
      return settled ? found : undefined;
    }, 20_000, 'leads with the three HS 2716 opportunities, settled');
    // Every lead for HS 2716 (ours, and any of the seed catalogue's) is the rules change's to move.
    const moved = before.filter((m) => m.compliance.ruleIds.includes('NO-UN-MEASURE-ELECTRICAL-ENERGY')).map((m) => m.opportunityId);
    expect(moved).toEqual(expect.arrayContaining(energy));

    const rules = JSON.parse(readFileSync(resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json'), 'utf8'));
    rules.version = '1.1.0-test';
    // A test rules version in which the machinery prohibition also covers electrical energy.
    rules.rules.find((r: { id: string }) => r.id === 'UNSC-2397-OP7-SUPPLY-MACHINERY').hsCodes.push('2716');
    const rulesFile = join(mkdtempSync(join(tmpdir(), 'tumen-rules-')), 'rules.json');
    writeFileSync(rulesFile, JSON.stringify(rules));
    await restartScreening({ RULES_PATH: rulesFile });

    const after = await eventually(async () => {
      const found = await leadsOf();
      return found.length === KEEP && found.every((m) => m.compliance.rulesVersion === '1.1.0-test') ? found : undefined;
    }, 30_000, 'leads under the new rules');
    expect(after.map((m) => m.opportunityId).filter((id) => moved.includes(id))).toEqual([]);
    expect(after.every((m) => m.compliance.verdict !== 'prohibited')).toBe(true);
    // The freed slots are filled by the next admissible opportunities: the survivors keep their order, new ones follow.
    const kept = before.map((m) => m.opportunityId).filter((id) => !moved.includes(id));
    expect(after.slice(0, kept.length).map((m) => m.opportunityId)).toEqual(kept);
    const barred = (await companies(company.id)).items.filter((m) => m.compliance.verdict === 'prohibited');
    // Each moved lead is now kept among the prohibited, or was pushed out of that full list by better ones.
    const lowestBarred = Math.min(...barred.map((m) => m.score));
    for (const id of moved) {
      const formerScore = before.find((m) => m.opportunityId === id)!.score;
      if (!barred.some((m) => m.opportunityId === id)) expect([barred.length, lowestBarred >= formerScore]).toEqual([KEEP_PROHIBITED, true]);
    }
    expect(await storedOpportunities(company.id, false)).toEqual(after.map((m) => m.opportunityId));
    delete process.env.RULES_PATH;
  }, 90_000);

  it('refuses an invalid request with the envelope', async () => {
    await expect(bus.request(matchingSubjectsOf('not-a-uuid').companyMatches, { companyId: 'not-a-uuid' })).rejects.toMatchObject({
      envelope: { code: 'VALIDATION_FAILED', details: [{ field: 'companyId', reason: 'companyId must be a UUID' }] },
    });
  });
});
