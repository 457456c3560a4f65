import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestMicroservice } from '@nestjs/common';
import { CompaniesSubjects, MatchingSubjects, ScreeningSubjects, sectorSubjects } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, eventually, TEST_NATS_URL } from '#testing';
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
let apps: INestMicroservice[] = [];
let bus: NatsMessageBus;
let caller: { partnerId: string; admin: boolean };
/** Few kept matches per company, so a new opportunity pushes older ones out. */
const KEEP = 5;

/** What the store holds for a company, in the order reads answer. */
async function storedOpportunities(companyId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ opportunity_id: string }>(
      'SELECT opportunity_id FROM matching.match WHERE company_id = $1 ORDER BY score DESC, opportunity_id',
      [companyId],
    );
    return rows.map((r) => r.opportunity_id);
  } finally {
    await client.end();
  }
}

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
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, REQUEST_TIMEOUT_MS: '3000', OUTBOX_POLL_MS: '200', SEED_ON_EMPTY: 'true',
    MATCHES_PER_COMPANY: String(KEEP),
    SANCTIONS_LIST_PATH: resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml') });
  apps = [
    await startService({ name: 'screening', module: ScreeningAppModule }),
    await startService({ name: 'sectors', module: SectorsAppModule.forSectors() }),
    await startService({ name: 'companies', module: CompaniesAppModule }),
    await startService({ name: 'matching', module: MatchingAppModule }),
  ];
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'matching-int-spec', 3000);
  for (const sector of ['mining', 'automobile', 'electricity'] as const) {
    const page = await bus.request(sectorSubjects(sector).opportunityList, {});
    if (page.total === 0) throw new Error('seed expected: run with SEED_ON_EMPTY or load it');
  }
  caller = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Partner' })).id, admin: false };
}, 90_000);

afterAll(async () => {
  await bus?.close();
  for (const app of apps.reverse()) await app.close();
  await db?.drop();
});

describe('matching service over NATS and PostgreSQL', () => {
  it('follows the companies outbox and stores ranked, explained matches', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile });
    const matches = await eventually(async () => {
      const found = await bus.request(MatchingSubjects.companyMatches, { companyId: company.id, includeProhibited: true, limit: 200 });
      return found.length && found.every((m) => m.compliance.listVersion) ? found : undefined;
    }, 10_000, 'matches');
    expect(matches.every((m) => m.sector === 'mining')).toBe(true);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
    for (const m of matches) {
      expect(m.breakdown.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(m.score, 1);
      expect(m.compliance.rulesVersion).toBe('1.0.0');
      expect(m.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const status = await bus.request(MatchingSubjects.status, {});
    expect(status.cursors.companies).toBeGreaterThanOrEqual(1);
    expect(status.opportunities).toBeGreaterThanOrEqual(30);
  });

  it('answers a caller only about a company it may see, rendered once as JSON', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile: { ...profile, inn: '7728168971' } });
    const own = await eventually(async () => {
      const found = await bus.request(MatchingSubjects.companyMatches, { companyId: company.id, caller, includeProhibited: true });
      return found.length ? found : undefined;
    }, 10_000, 'matches read by their partner');
    const asJson = JSON.parse((await bus.requestJson(MatchingSubjects.companyMatches, { companyId: company.id, caller, includeProhibited: true })).toString('utf8'));
    expect(asJson).toEqual(own);
    const admin = await bus.request(MatchingSubjects.companyMatches, { companyId: company.id, caller: { partnerId: null, admin: true }, includeProhibited: true });
    expect(admin.map((m) => m.id)).toEqual(own.map((m) => m.id));
    const other = { partnerId: (await bus.request(CompaniesSubjects.partnerCreate, { name: 'Other partner' })).id, admin: false };
    await expect(bus.requestJson(MatchingSubjects.companyMatches, { companyId: company.id, caller: other })).rejects.toMatchObject({ envelope: { code: 'NOT_FOUND' } });
    await expect(bus.request(MatchingSubjects.companyMatches, { companyId: randomUUID(), caller })).rejects.toMatchObject({ envelope: { code: 'NOT_FOUND' } });
  });

  it('previews without storing', async () => {
    const validated = await bus.request(CompaniesSubjects.companyValidate, { caller, profile: { ...profile, inn: '7736050003' } });
    const before = (await bus.request(MatchingSubjects.status, {})).matches;
    const preview = await bus.request(MatchingSubjects.preview, { profile: validated, limit: 3, includeProhibited: true });
    expect(preview).toHaveLength(3);
    expect((await bus.request(MatchingSubjects.status, {})).matches).toBe(before);
  });

  it('screens stored matches again when the list changes version', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile: { ...profile, inn: '7702070139', name: 'AO Primorsky Ugol' } });
    await eventually(async () => {
      const found = await bus.request(MatchingSubjects.companyMatches, { companyId: company.id, includeProhibited: true });
      return found.length && found.every((m) => m.compliance.listVersion) ? found : undefined;
    }, 10_000, 'screened matches');
    const dir = mkdtempSync(join(tmpdir(), 'tumen-list-'));
    const next = join(dir, 'next.xml');
    const xml = readFileSync(process.env.SANCTIONS_LIST_PATH!, 'utf8');
    writeFileSync(next, xml.replace(/dateGenerated="[^"]*"/, 'dateGenerated="2099-02-02T00:00:00.000Z"'));
    process.env.SANCTIONS_LIST_PATH = next;
    await bus.request(ScreeningSubjects.listRefresh, {}, { timeoutMs: 30_000 });
    const rescreened = await eventually(async () => {
      const found = await bus.request(MatchingSubjects.companyMatches, { companyId: company.id, includeProhibited: true, limit: 200 });
      return found.every((m) => m.compliance.listVersion === '2099-02-02T00:00:00.000Z') ? found : undefined;
    }, 20_000, 'matches screened under the new list version');
    expect(rescreened.length).toBeGreaterThan(0);
  }, 40_000);

  it('fans a new opportunity out to the companies it beats; reads, the store and a restarted service agree', async () => {
    const company = await bus.request(CompaniesSubjects.companyCreate, { caller, profile: { ...profile, inn: '7710140679', name: 'OOO Rajin Kranservis' } });
    const read = () => bus.request(MatchingSubjects.companyMatches, { companyId: company.id, caller, includeProhibited: true, limit: 200 });
    const before = await eventually(async () => {
      const found = await read();
      return found.length === KEEP && found.every((m) => m.compliance.listVersion) ? found : undefined;
    }, 10_000, 'a full list of screened matches');
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
      return found.some((m) => m.opportunityId === best.id && m.compliance.listVersion) ? found : undefined;
    }, 10_000, 'the new opportunity among the best');
    expect(after).toHaveLength(KEEP);
    expect(after.map((m) => m.opportunityId)).toContain(before[0]!.opportunityId);
    expect(after.map((m) => m.opportunityId)).not.toContain(before[KEEP - 1]!.opportunityId);
    expect(await storedOpportunities(company.id)).toEqual(after.map((m) => m.opportunityId));
    for (const match of after) expect(await bus.request(MatchingSubjects.matchGet, { id: match.id })).toEqual(match);

    const matching = apps.length - 1; // started last
    await apps[matching]!.close();
    apps[matching] = await startService({ name: 'matching', module: MatchingAppModule });
    const restarted = await read();
    expect(restarted.map(({ id, score, compliance }) => ({ id, score, compliance }))).toEqual(after.map(({ id, score, compliance }) => ({ id, score, compliance })));
  }, 40_000);

  it('refuses an invalid request with the envelope', async () => {
    await expect(bus.request(MatchingSubjects.companyMatches, { companyId: 'not-a-uuid' })).rejects.toMatchObject({
      envelope: { code: 'VALIDATION_FAILED', details: [{ field: 'companyId', reason: 'companyId must be a UUID' }] },
    });
  });
});
