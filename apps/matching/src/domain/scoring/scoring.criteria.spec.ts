import { describe, expect, it } from '@jest/globals';
import { normaliseOkved, okvedCredit } from './code-hierarchy.util.js';
import { EARTH_RADIUS_KM, haversineKm } from './geo.util.js';
import {
  activityFit,
  capabilityCoverage,
  exportExperience,
  productFit,
  proximity,
  scaleFit,
  settlement,
} from './scoring.criteria.js';
import { company, opportunity, RUBRICS } from './scoring.fixtures.js';
import { prepareCompany, prepareRubric } from './scoring.prepare.js';
import { SECTOR_IDS, type GeoPoint, type SectorRubric } from './scoring.types.js';

const RAJIN_PORT: GeoPoint = { lat: 42.25559, lon: 130.28308 };
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** A point `km` kilometres due south of Rajin port. */
function southOfRajin(km: number): GeoPoint {
  return { lat: RAJIN_PORT.lat - km / KM_PER_DEGREE, lon: RAJIN_PORT.lon };
}

describe('haversineKm', () => {
  it.each([
    ['Vladivostok – Rajin', { lat: 43.1155, lon: 131.8855 }, { lat: 42.2464, lon: 130.2806 }, 166, 5],
    ['same point', RAJIN_PORT, RAJIN_PORT, 0, 1e-9],
    ['1° of latitude', { lat: 0, lon: 0 }, { lat: 1, lon: 0 }, 111.2, 0.1],
    ['Moscow – Vladivostok', { lat: 55.75204, lon: 37.61781 }, { lat: 43.10562, lon: 131.87353 }, 6425, 25],
  ])('%s ≈ %d km', (_name, a, b, km, tolerance) => {
    expect(Math.abs(haversineKm(a, b) - km)).toBeLessThanOrEqual(tolerance);
    expect(haversineKm(b, a)).toBeCloseTo(haversineKm(a, b), 9);
  });
});

describe('capabilityCoverage', () => {
  it.each([
    {
      has: ['open_pit_mining', 'ore_beneficiation', 'heavy_haulage'],
      required: ['open_pit_mining', 'ore_beneficiation', 'heavy_haulage', 'rail_logistics'],
      value: 0.75,
      reason:
        'covers 3 of 4 required capabilities: open_pit_mining, ore_beneficiation, heavy_haulage; missing rail_logistics',
    },
    {
      has: ['grid_operation'],
      required: ['grid_operation'],
      value: 1,
      reason: 'covers 1 of 1 required capabilities: grid_operation',
    },
    {
      has: ['grid_operation'],
      required: ['vehicle_assembly', 'spare_parts_supply'],
      value: 0,
      reason: 'covers 0 of 2 required capabilities; missing vehicle_assembly, spare_parts_supply',
    },
    {
      has: ['grid_operation'],
      required: ['grid_operation', 'grid_operation', 'substation_engineering'],
      value: 0.5,
      reason: 'covers 1 of 2 required capabilities: grid_operation; missing substation_engineering',
    },
    { has: ['grid_operation'], required: [], value: 0.5, reason: 'the opportunity lists no required capabilities' },
  ])('$required → $value', ({ has, required, value, reason }) => {
    expect(capabilityCoverage(company({ capabilities: has }), opportunity({ requiredCapabilities: required }))).toEqual({
      value,
      reason,
    });
  });
});

describe('productFit', () => {
  it.each([
    { has: ['842952'], required: ['842952'], value: 1, reason: 'HS 842952 matches required subheading 842952' },
    { has: ['842952'], required: ['8429'], value: 1, reason: 'HS 842952 matches required heading 8429' },
    { has: ['8429'], required: ['8429'], value: 1, reason: 'HS 8429 matches required heading 8429' },
    { has: ['8429.52'], required: ['842952'], value: 1, reason: 'HS 842952 matches required subheading 842952' },
    { has: ['842959'], required: ['842952'], value: 0.7, reason: 'HS 842959 shares heading 8429 with required 842952' },
    { has: ['8429'], required: ['842952'], value: 0.7, reason: 'HS 8429 shares heading 8429 with required 842952' },
    { has: ['847410'], required: ['842952'], value: 0.4, reason: 'HS 847410 shares chapter 84 with required 842952' },
    { has: ['84'], required: ['842952'], value: 0.4, reason: 'HS 84 shares chapter 84 with required 842952' },
    { has: ['84'], required: ['8429'], value: 0.4, reason: 'HS 84 shares chapter 84 with required 8429' },
    { has: ['2701'], required: ['842952'], value: 0, reason: 'nothing matches required HS 842952' },
    {
      has: ['84', '842959', '842952'],
      required: ['842952'],
      value: 1,
      reason: 'HS 842952 matches required subheading 842952',
    },
    {
      has: ['842952', '2601'],
      required: ['842952', '260111', '2701'],
      value: 0.5667,
      reason:
        'mean credit 0.57 over 3 codes: HS 842952 matches required subheading 842952; ' +
        'HS 2601 shares heading 2601 with required 260111; nothing matches required HS 2701',
    },
    { has: ['842952'], required: [], value: 0.5, reason: 'the opportunity lists no HS codes' },
    { has: [], required: ['8429'], value: 0, reason: 'the company declares no HS codes; required: 8429' },
  ])('$has against $required → $value', ({ has, required, value, reason }) => {
    const result = productFit(company({ hsCodes: has }), opportunity({ hsCodes: required }));
    expect(result.value).toBeCloseTo(value, 4);
    expect(result.reason).toBe(reason);
  });
});

describe('activityFit', () => {
  it.each([
    { has: ['29.10.2'], required: ['29.10.2'], value: 1, reason: 'OKVED2 29.10.2 matches required 29.10.2' },
    {
      has: ['29.10.21'],
      required: ['29.10.2'],
      value: 1,
      reason: 'OKVED2 29.10.21 falls within required subclass 29.10.2',
    },
    {
      has: ['29.10.3'],
      required: ['29.10.2'],
      value: 0.8,
      reason: 'OKVED2 29.10.3 shares class 29.10 with required 29.10.2',
    },
    { has: ['29.10'], required: ['29.10.2'], value: 0.8, reason: 'OKVED2 29.10 shares class 29.10 with required 29.10.2' },
    { has: ['29.12'], required: ['29.10'], value: 0.6, reason: 'OKVED2 29.12 shares group 29.1 with required 29.10' },
    { has: ['29.20'], required: ['29.10'], value: 0.4, reason: 'OKVED2 29.20 shares division 29 with required 29.10' },
    { has: ['05.10'], required: ['07.10'], value: 0, reason: 'nothing matches required OKVED2 07.10' },
    {
      has: ['05.10', '35.11'],
      required: ['05.10', '35.12'],
      value: 0.8,
      reason:
        'mean credit 0.80 over 2 codes: OKVED2 05.10 matches required 05.10; OKVED2 35.11 shares group 35.1 with required 35.12',
    },
    { has: [], required: ['05.10'], value: 0, reason: 'the company declares no OKVED2 codes; relevant: 05.10' },
  ])('$has against $required → $value', ({ has, required, value, reason }) => {
    const result = activityFit(company({ okved: has }), opportunity({ okved: required }));
    expect(result.value).toBeCloseTo(value, 4);
    expect(result.reason).toBe(reason);
  });

  const MINING_DEFAULTS = 'no OKVED2 codes on the opportunity, so mining defaults (05, 07, 08, 09, 28.92, 71.12.3, 46.72, 49.20, 52.24) apply';
  it.each([
    { has: ['07.10'], value: 1, tail: 'OKVED2 07.10 falls within mining-relevant division 07' },
    { has: ['28.92'], value: 1, tail: 'OKVED2 28.92 matches mining-relevant 28.92' },
    { has: ['28.99'], value: 0.6, tail: 'OKVED2 28.99 shares group 28.9 with mining-relevant 28.92' },
    { has: ['71.12.31'], value: 1, tail: 'OKVED2 71.12.31 falls within mining-relevant subclass 71.12.3' },
    { has: ['52.24'], value: 1, tail: 'OKVED2 52.24 matches mining-relevant 52.24' },
    { has: ['35.11', '46.69'], value: 0.4, tail: 'OKVED2 46.69 shares division 46 with mining-relevant 46.72' },
    { has: ['43.12'], value: 0, tail: "none of the company's codes is close" },
    { has: ['35.11'], value: 0, tail: "none of the company's codes is close" },
  ])('no okved on a mining opportunity: $has → $value from the activities of the mining rubric', ({ has, value, tail }) => {
    const result = activityFit(company({ okved: has }), opportunity({ sector: 'mining' }), RUBRICS.mining);
    expect(result.value).toBeCloseTo(value, 4);
    expect(result.reason).toBe(`${MINING_DEFAULTS}: ${tail}`);
  });

  it('measures against whatever activities the rubric publishes, and names them', () => {
    const rubric = (defaultOkved: string[]): SectorRubric => ({ ...RUBRICS.mining, defaultOkved });
    const c = company({ okved: ['46.63'] });
    const o = opportunity({ sector: 'mining' });
    expect(activityFit(c, o, rubric(['05', '46.63']))).toEqual({
      value: 1,
      reason: 'no OKVED2 codes on the opportunity, so mining defaults (05, 46.63) apply: OKVED2 46.63 matches mining-relevant 46.63',
    });
    expect(activityFit(c, o, rubric(['46.69', '46.6', '46.69']))).toEqual({
      value: 1,
      reason: 'no OKVED2 codes on the opportunity, so mining defaults (46.69, 46.6) apply: OKVED2 46.63 falls within mining-relevant group 46.6',
    });
    expect(activityFit(c, o, rubric([]))).toEqual({ value: 0.5, reason: 'no OKVED2 activities to compare with' });
    expect(activityFit(company({ okved: [] }), o, RUBRICS.mining)).toEqual({
      value: 0,
      reason: 'the company declares no OKVED2 codes; relevant: 05, 07, 08, 09, 28.92 and 4 more',
    });
  });

  it('keeps one company credit per sector and measures again when the sector publishes other activities', () => {
    const pc = prepareCompany(company({ okved: ['46.69', '29.10'] }));
    const mining = opportunity({ sector: 'mining' });
    const automobile = opportunity({ sector: 'automobile' });
    const values = (rubrics: readonly [SectorRubric, ReturnType<typeof opportunity>][]) => rubrics.map(([r, o]) => activityFit(pc, o, r).value);
    const wholesale: SectorRubric = { ...RUBRICS.mining, defaultOkved: ['46.69'] };
    expect(values([[RUBRICS.mining, mining], [RUBRICS.automobile, automobile], [wholesale, mining], [RUBRICS.mining, mining]])).toEqual([0.4, 1, 1, 0.4]);
    // By sector: the id of the activities worked out against × 8 + the index of the credit (0.4 is 1, 1 is 5); -1 for none yet.
    expect(pc.sectorActivityCredits).toEqual([prepareRubric(RUBRICS.mining).sectorActivities.id * 8 + 1, prepareRubric(RUBRICS.automobile).sectorActivities.id * 8 + 5, -1]);
  });

  it('gives each company the best credit okvedCredit gives any one of the activities', () => {
    const codes = ['05', '05.10', '07.29', '08.1', '09.90.1', '28', '28.9', '28.92.11', '29.1', '29.10.2', '29.32', '35', '35.14', '42.22.1', '43.12', '45.3', '46', '46.72.2', '46.69', '52.2', '52.24', '71.12.31', '71.12.4', '99'];
    for (const sector of SECTOR_IDS) {
      const rubric = RUBRICS[sector];
      const activities = rubric.defaultOkved.map((d) => normaliseOkved(d)!);
      for (const [i, code] of codes.entries()) {
        const pair = [code, codes[(i * 7) % codes.length]!];
        const expected = Math.max(...pair.flatMap((c) => activities.map((a) => okvedCredit(normaliseOkved(c)!, a))));
        expect([sector, pair, activityFit(company({ okved: pair }), opportunity({ sector }), rubric).value]).toEqual([sector, pair, expected]);
      }
    }
  });

  it('leaves an opportunity that names its own codes to them, whatever the rubric publishes', () => {
    const c = company({ okved: ['52.24'] });
    expect(activityFit(c, opportunity({ sector: 'mining', okved: ['05.10'] }), RUBRICS.mining)).toEqual({
      value: 0,
      reason: 'nothing matches required OKVED2 05.10',
    });
  });
});

describe('scaleFit', () => {
  const revenue10MUsd = 900_000_000;
  it.each([
    { name: 'deal at 20% of revenue', revenueRub: revenue10MUsd, employees: 0, sizeUsd: 2_000_000, value: 1 },
    { name: 'deal at 5% of revenue', revenueRub: revenue10MUsd, employees: 0, sizeUsd: 500_000, value: 1 },
    { name: 'deal equal to revenue', revenueRub: revenue10MUsd, employees: 0, sizeUsd: 10_000_000, value: 1 },
    { name: 'deal at 10× revenue', revenueRub: revenue10MUsd, employees: 0, sizeUsd: 100_000_000, value: 0.2096 },
    { name: 'deal at 0.5% of revenue', revenueRub: revenue10MUsd, employees: 0, sizeUsd: 50_000, value: 0.6412 },
    { name: 'headcount only, 100 staff ≈ USD 10M', revenueRub: 0, employees: 100, sizeUsd: 5_000_000, value: 1 },
    {
      name: '0.8 revenue + 0.2 headcount',
      revenueRub: revenue10MUsd,
      employees: 10,
      sizeUsd: 10_000_000,
      value: 0.8 + 0.2 * 0.2096,
    },
    { name: 'neither revenue nor headcount', revenueRub: 0, employees: 0, sizeUsd: 1_000_000, value: 0 },
    { name: 'no deal size', revenueRub: revenue10MUsd, employees: 50, sizeUsd: 0, value: 0.5 },
  ])('$name → $value', ({ revenueRub, employees, sizeUsd, value }) => {
    const result = scaleFit(company({ annualRevenueRub: revenueRub, employees }), opportunity({ sizeUsd }));
    expect(result.value).toBeCloseTo(value, 4);
  });

  it('converts revenue at the given exchange rate', () => {
    const c = company({ annualRevenueRub: 900_000_000 });
    const o = opportunity({ sizeUsd: 20_000_000 });
    expect(scaleFit(c, o).value).toBeCloseTo(0.868, 3);
    expect(scaleFit(c, o, { rubPerUsd: 30 }).value).toBe(1);
    expect(scaleFit(c, o).reason).toBe(
      'deal USD 20M is 2× annual revenue (≈ USD 10M at 90 RUB/USD), too large for the company',
    );
  });

  it('falls as the deal outgrows the company and rises back to 1 inside the band', () => {
    const c = company({ annualRevenueRub: 900_000_000, employees: 40 });
    const values = [1e3, 1e4, 1e5, 5e5, 1e6, 1e7, 3e7, 1e8, 1e9].map((sizeUsd) => scaleFit(c, opportunity({ sizeUsd })).value);
    const peak = values.indexOf(Math.max(...values));
    values.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      if (i > 0 && i <= peak) expect(v).toBeGreaterThanOrEqual(values[i - 1]!);
      if (i > peak) expect(v).toBeLessThanOrEqual(values[i - 1]!);
    });
    expect(values[values.length - 1]).toBeLessThan(0.01);
  });
});

describe('proximity', () => {
  const site = (p: GeoPoint) => opportunity({ site: { name: 'Test site', ...p } });
  it.each([
    { km: 0, value: 1 },
    { km: 299.9, value: 1 },
    { km: 1000, value: 0.6515 },
    { km: 2500, value: 0.1961 },
    { km: 6000, value: 0 },
  ])('$km km → $value', ({ km, value }) => {
    const c = company({ region: 'Moscow', city: 'Somewhere', location: southOfRajin(km) });
    const result = proximity(c, site(RAJIN_PORT));
    expect(result.value).toBeCloseTo(value, 3);
  });

  it('is 1 at 300 km and falls smoothly after it', () => {
    const c = (km: number) => company({ region: 'Moscow', location: southOfRajin(km) });
    const at = (km: number) => proximity(c(km), site(RAJIN_PORT)).value;
    expect(at(300)).toBeCloseTo(1, 6);
    expect(at(310)).toBeGreaterThan(0.99);
    expect(at(1500)).toBeLessThan(at(1000));
    expect(at(9000)).toBe(0);
  });

  it('says "location unknown" and gives 0.3 without a company location', () => {
    expect(proximity(company({ location: undefined }), site(RAJIN_PORT))).toEqual({ value: 0.3, reason: 'location unknown' });
  });

  it('adds 0.15 for a Khabarovsk company when the site is on the Khasan–Rajin link, and says so', () => {
    const location = { lat: 48.46204, lon: 135.0971 };
    const plain = proximity(company({ region: 'Moscow', city: 'Khabarovsk', location }), site(RAJIN_PORT));
    const farEast = proximity(company({ region: 'Khabarovsk Krai', city: 'Khabarovsk', location }), site(RAJIN_PORT));
    expect(farEast.value - plain.value).toBeCloseTo(0.15, 9);
    expect(plain.reason).toBe('786 km from Test site (company in Khabarovsk)');
    expect(farEast.reason).toBe(
      '786 km from Test site (company in Khabarovsk); Khabarovsk Krai reaches the site by rail over the Khasan–Rajin link (+0.15)',
    );
  });

  it('caps the bonus at 1 and gives none away from the link', () => {
    const vladivostok = company({ region: 'Приморский край', city: 'Vladivostok', location: { lat: 43.1155, lon: 131.8855 } });
    expect(proximity(vladivostok, site(RAJIN_PORT)).value).toBe(1);
    expect(proximity(vladivostok, site(RAJIN_PORT)).reason).toContain('(+0.15, capped at 1)');
    const pyongyang = site({ lat: 39.03385, lon: 125.75432 });
    const inMoscow = company({ region: 'Moscow', location: vladivostok.location });
    expect(proximity(vladivostok, pyongyang).value).toBe(proximity(inMoscow, pyongyang).value);
    expect(proximity(vladivostok, pyongyang).reason).not.toContain('Khasan');
  });

  it('mentions the link without a bonus for a Far East region not near it', () => {
    const location = { lat: 46.9543, lon: 142.73559 };
    const sakhalin = proximity(company({ region: 'Sakhalin Oblast', city: 'Yuzhno-Sakhalinsk', location }), site(RAJIN_PORT));
    const moscow = proximity(company({ region: 'Moscow', city: 'Yuzhno-Sakhalinsk', location }), site(RAJIN_PORT));
    expect(sakhalin.value).toBe(moscow.value);
    expect(sakhalin.reason).toContain('company in the Russian Far East (Sakhalin Oblast), site served by the Khasan–Rajin rail link');
  });
});

describe('settlement', () => {
  it.each([
    { acceptsRub: true, currencies: ['RUB'], value: 1, reason: 'both sides settle in RUB' },
    { acceptsRub: true, currencies: ['rub', 'CNY'], value: 1, reason: 'both sides settle in RUB' },
    {
      acceptsRub: false,
      currencies: ['RUB', 'CNY'],
      value: 0.6,
      reason: 'the company does not accept RUB, but the opportunity also settles in CNY',
    },
    {
      acceptsRub: true,
      currencies: ['CNY'],
      value: 0.6,
      reason: 'the opportunity settles in CNY, not RUB; the company can still deal in it',
    },
    {
      acceptsRub: false,
      currencies: ['CNY', 'EUR'],
      value: 0.6,
      reason: 'the opportunity settles in CNY, EUR, not RUB; the company can still deal in those',
    },
    {
      acceptsRub: false,
      currencies: ['RUB'],
      value: 0.2,
      reason: 'the opportunity settles in RUB only and the company does not accept RUB',
    },
    { acceptsRub: true, currencies: [], value: 0.5, reason: 'the opportunity states no settlement currency' },
  ])('company accepts RUB: $acceptsRub, opportunity $currencies → $value', ({ acceptsRub, currencies, value, reason }) => {
    expect(
      settlement(company({ acceptsRubSettlement: acceptsRub }), opportunity({ settlementCurrencies: currencies })),
    ).toEqual({ value, reason });
  });
});

describe('exportExperience', () => {
  it.each([
    { years: 0, value: 0, reason: 'no export experience' },
    { years: -2, value: 0, reason: 'no export experience' },
    { years: 1, value: 0.2568, reason: '1 year of export experience' },
    { years: 3, value: 0.6, reason: '3 years of export experience' },
    { years: 10, value: 1, reason: '10 years of export experience (full credit from 10)' },
    { years: 25, value: 1, reason: '25 years of export experience (full credit from 10)' },
  ])('$years years → $value', ({ years, value, reason }) => {
    const result = exportExperience(company({ exportExperienceYears: years }));
    expect(result.value).toBeCloseTo(value, 3);
    expect(result.reason).toBe(reason);
  });

  it('never decreases with more years', () => {
    const values = [0, 0.5, 1, 2, 3, 5, 8, 9.9, 10, 15].map((y) => exportExperience(company({ exportExperienceYears: y })).value);
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(values[i]!));
  });
});
