import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { SECTOR_IDS, sectorSubjects } from '#contracts';
import { NatsMessageBus, startService } from '#platform';
import { createTestDatabase, JetStreamProbe, TEST_NATS_URL } from '#testing';
import { SectorsAppModule } from '../../sectors/src/sectors-app.module.js';
import { RubricClient } from '../src/clients/rubric.client.js';
import { formatOkved, scoreMatch } from '../src/domain/scoring/index.js';

// Matching's rubric client against the real sectors service: the activities an opportunity naming
// no OKVED2 codes is measured against are the ones the sectors service publishes, not a copy.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let app: INestApplication;
let bus: NatsMessageBus;

beforeAll(async () => {
  db = await createTestDatabase('matching_rubrics_int');
  Object.assign(process.env, { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url, SEED_ON_EMPTY: 'false', EVENT_NAMESPACE: db.name });
  app = await startService({ name: 'sectors', module: SectorsAppModule.forSectors() });
  bus = await NatsMessageBus.connect(TEST_NATS_URL, 'matching-rubrics-int-spec', 3000);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await app?.close();
  await db?.drop();
  const probe = await JetStreamProbe.open(TEST_NATS_URL, db.name);
  await probe.deleteNamespace();
  await probe.close();
});

describe('RubricClient over NATS', () => {
  it.each(SECTOR_IDS)('prepares the %s rubric with the activities and weights the sectors service publishes', async (sector) => {
    const view = await bus.request(sectorSubjects(sector).describe, {});
    const rubric = await new RubricClient(bus).rubric(sector);
    expect(view.defaultOkved.length).toBeGreaterThan(0);
    expect(rubric.sectorActivities.keys.map(formatOkved)).toEqual(view.defaultOkved);
    expect(rubric.ids).toEqual(view.criteria.map((c) => c.id));
    expect(rubric.weights).toEqual(view.criteria.map((c) => c.weight));
  });

  it('scores a mining port operator against a mining opportunity naming no OKVED2 codes by the published mining activities', async () => {
    const rubric = await new RubricClient(bus).rubric('mining');
    const company = {
      id: 'c-port',
      name: 'OOO Nakhodka Bulk',
      region: 'Primorsky Krai',
      city: 'Nakhodka',
      sectors: ['mining' as const],
      okved: ['52.24'],
      hsCodes: [],
      capabilities: [],
      employees: 0,
      annualRevenueRub: 0,
      exportExperienceYears: 0,
      acceptsRubSettlement: true,
    };
    const opportunity = {
      id: 'o-berth',
      sector: 'mining' as const,
      title: 'Coal berth handling at Rajin',
      site: { name: 'Rajin port', lat: 42.25559, lon: 130.28308 },
      requiredCapabilities: [],
      hsCodes: [],
      sizeUsd: 0,
      settlementCurrencies: [],
    };
    const activity = scoreMatch(company, opportunity, rubric).breakdown.find((b) => b.criterion === 'activity_fit');
    // Cargo handling (52.24) is one of the mining sector's activities; matching's former copy of the list lacked it and gave 0.
    expect(activity).toEqual({
      criterion: 'activity_fit',
      weight: 0.15,
      value: 1,
      contribution: 15,
      reason:
        'no OKVED2 codes on the opportunity, so mining defaults (05, 07, 08, 09, 28.92, 71.12.3, 46.72, 49.20, 52.24) apply: ' +
        'OKVED2 52.24 matches mining-relevant 52.24',
    });
  });
});
