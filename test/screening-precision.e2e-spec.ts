import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/**
 * A precise screen: a director named John Smith (the list has "John" as a low-quality alias of a
 * listed individual) no longer sends a clean company's matches to review, and a director's date of
 * birth and nationality weigh a hit on a listed individual. Goods no rule covers are `review` under
 * the rules in force, which would hide what the names do to a verdict; this platform runs a copy of
 * those rules that leaves such goods `clear` (its only change), so a match's verdict is the company's.
 */
let platform: Platform;
let partner: { id: string; apiKey: string };
let opportunityId = '';

const rulesPath = join(mkdtempSync(join(tmpdir(), 'tumen-rules-')), 'rules-unmatched-clear.json');

async function submit(directors: object[]): Promise<string> {
  const res = await platform.post('/v1/companies', miningCompany({ directors }), partner.apiKey);
  if (res.status !== 201) throw new Error(`company refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The company's match with the opportunity once both parties are screened, with the company's decision. */
async function screenedMatch(companyId: string): Promise<{ match: any; company: any }> {
  return eventually(async () => {
    const res = await platform.get(`/v1/companies/${companyId}/matches?includeProhibited=true&limit=200`, partner.apiKey);
    const match = res.body.items?.find((m: any) => m.opportunityId === opportunityId);
    if (!match) return undefined;
    const company = res.body.decisions[match.compliance.decisions.company];
    const opportunity = res.body.decisions[match.compliance.decisions.opportunity];
    return company.screened && opportunity.screened ? { match, company } : undefined;
  }, 20_000, `the screened match of ${companyId}`);
}

beforeAll(async () => {
  const rules = JSON.parse(readFileSync(resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json'), 'utf8'));
  writeFileSync(rulesPath, JSON.stringify({ ...rules, unmatchedVerdict: 'clear' }));
  platform = await Platform.start('screening_precision_e2e', { RULES_PATH: rulesPath });
  partner = await platform.createPartner('Precision partner');
  const res = await platform.post(
    '/v1/opportunities',
    {
      sector: 'mining',
      title: 'Iron ore concentrate bought at the border',
      description: 'Opportunity created by a test.',
      site: { name: 'Khasan', lat: 42.43, lon: 130.64 },
      counterparty: { name: 'Tumannaya ore traders', contact: 'ore-traders@example.invalid' },
      requiredCapabilities: ['open_pit_mining', 'ore_beneficiation'],
      hsCodes: ['2601'],
      direction: 'supply_to_dprk',
      structure: 'contract',
      sizeUsd: 20_000_000,
      settlementCurrencies: ['RUB'],
      attributes: { mineral: 'iron_ore', annualTonnage: 500000 },
    },
    platform.adminKey,
  );
  if (res.status !== 201) throw new Error(`opportunity refused: ${JSON.stringify(res.body)}`);
  opportunityId = res.body.id;
}, 120_000);

afterAll(async () => {
  await platform?.stop();
}, 30_000);

describe('weak aliases', () => {
  it('keeps a company whose director is John Smith clear, while a director named exactly John is reviewed', async () => {
    const smith = await screenedMatch(await submit([{ name: 'John Smith' }]));
    expect(smith.company.verdict).toBe('clear');
    expect(smith.match.compliance.verdict).toBe('clear');
    expect(smith.match.compliance.listHits).toEqual([]);

    const john = await screenedMatch(await submit([{ name: 'John' }]));
    expect(john.company.verdict).toBe('review');
    expect(john.match.compliance.verdict).toBe('review');
    expect(john.match.compliance.listHits.length).toBeGreaterThan(0);
    for (const hit of john.match.compliance.listHits) {
      expect(hit).toMatchObject({ party: 'director', name: 'John', listedName: 'John', strength: 'possible' });
      expect(hit.explanation).toContain('low-quality alias');
    }
  });
});

describe("a director's date of birth and nationality", () => {
  it('are stored with the company and shown back', async () => {
    const id = await submit([{ name: 'Ivan Petrov', dateOfBirth: '1971-03-09', nationality: 'RU' }]);
    const res = await platform.get(`/v1/companies/${id}`, partner.apiKey);
    expect(res.body.directors).toEqual([{ name: 'Ivan Petrov', dateOfBirth: '1971-03-09', nationality: 'RU' }]);
  });

  it('demote a listed individual whose recorded ones all contradict them, saying why; agreeing ones keep the prohibition', async () => {
    const listed = await screenedMatch(await submit([{ name: 'Ri Won Ho', dateOfBirth: '1964-07-17', nationality: 'KP' }]));
    expect(listed.match.compliance.verdict).toBe('prohibited');
    expect(listed.match.compliance.listHits).toEqual([expect.objectContaining({ referenceNumber: 'KPi.033', strength: 'designated', nameScore: 1, score: 1 })]);

    const namesake = await screenedMatch(await submit([{ name: 'Ri Won Ho', dateOfBirth: '1988-11-02', nationality: 'RU' }]));
    expect(namesake.match.compliance.verdict).toBe('clear');
    expect(namesake.company.verdict).toBe('clear');
    expect(namesake.match.compliance.listHits).toEqual([]);
    expect(namesake.match.compliance.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^director "Ri Won Ho" is not taken for the listed individual KPi\.033 \(RI WON HO\): name score 1; born 1988-11-02, but every recorded date of birth differs/),
      ]),
    );

    const unknown = await screenedMatch(await submit([{ name: 'Ri Won Ho' }]));
    expect(unknown.match.compliance.verdict).toBe('prohibited');
  });

  it.each([
    [{ name: 'Ivan Petrov', dateOfBirth: '09.03.1971' }, 'directors.0.dateOfBirth', /must be a year \(YYYY\) or a date \(YYYY-MM-DD\)/],
    [{ name: 'Ivan Petrov', nationality: 'Russia' }, 'directors.0.nationality', /ISO 3166-1 alpha-2/],
  ])('are refused with a 400 naming the field when malformed (%j)', async (director, field, reason) => {
    const res = await platform.post('/v1/companies', miningCompany({ directors: [director] }), partner.apiKey);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field, reason: expect.stringMatching(reason) })]);
  });

  it('are taken for owners too', async () => {
    const res = await platform.post(
      '/v1/companies',
      miningCompany({ owners: [{ name: 'Ri Won Ho', sharePct: 40, dateOfBirth: '1999', nationality: 'XX' }] }),
      partner.apiKey,
    );
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'owners.0.nationality' })]);
  });
});

describe('POST /v1/screening/check with secondary evidence', () => {
  it('demotes, raises and explains', async () => {
    const plain = await platform.post('/v1/screening/check', { name: 'Ri Won Ho' }, platform.adminKey);
    expect(plain.status).toBe(200);
    expect(plain.body.hits[0]).toMatchObject({ referenceNumber: 'KPi.033', score: 1, strength: 'designated' });
    const demoted = await platform.post('/v1/screening/check', { name: 'Ri Won Ho', type: 'individual', dateOfBirth: '1988', nationality: 'RU' }, platform.adminKey);
    expect(demoted.body.hits.map((h: any) => h.referenceNumber)).not.toContain('KPi.033');
    expect(demoted.body.demoted[0]).toMatchObject({ referenceNumber: 'KPi.033', nameScore: 1, score: 0.6 });
    expect(demoted.body.demoted[0].evidence).toEqual([
      'born 1988, but every recorded date of birth differs (1964-07-17): -0.25',
      "nationality RU, but every recorded nationality differs (Democratic People's Republic of Korea): -0.15",
    ]);
  });

  it.each([
    [{ name: 'Ri Won Ho', dateOfBirth: '1964-7-17' }, 'dateOfBirth'],
    [{ name: 'Ri Won Ho', nationality: 'kp' }, 'nationality'],
    [{ name: 'Ri Won Ho', type: 'vessel' }, 'type'],
  ])('refuses %j with a 400 naming the field', async (body, field) => {
    const res = await platform.post('/v1/screening/check', body, platform.adminKey);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field })]);
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await platform.get('/docs-json')).body;
    const check = doc.components.schemas.NameCheckRequest.properties;
    expect(check.dateOfBirth).toMatchObject({ type: 'string', pattern: '^\\d{4}(-\\d{2}-\\d{2})?$' });
    expect(check.nationality).toMatchObject({ type: 'string', pattern: '^[A-Z]{2}$' });
    expect(check.type).toMatchObject({ enum: ['individual', 'entity'] });
    expect(doc.components.schemas.DirectorDto.properties.dateOfBirth.description).toMatch(/Secondary evidence/);
    expect(doc.components.schemas.OwnerDto.properties.nationality.description).toMatch(/ISO 3166-1 alpha-2/);
  });
});
