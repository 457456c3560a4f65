import { CRITERION_IDS, SECTOR_IDS, type CompanyProfile, type Opportunity, type SectorId, type SectorRubric } from './scoring.types.js';

/**
 * The three sector rubrics as the sectors service publishes them in `describe` (weights sum to 1;
 * the sectors' default OKVED2 activities), copied here as test input: scoring reads the rubric it
 * is given, and matching's integration test reads the published ones.
 */
export const RUBRICS: Record<SectorId, SectorRubric> = {
  mining: rubric('mining', [0.25, 0.2, 0.15, 0.15, 0.1, 0.05, 0.1], ['05', '07', '08', '09', '28.92', '71.12.3', '46.72', '49.20', '52.24']),
  automobile: rubric('automobile', [0.25, 0.2, 0.15, 0.15, 0.05, 0.05, 0.15], ['29', '29.10', '29.20', '29.31', '29.32', '28.30', '22.11', '45.11', '45.20', '45.31']),
  electricity: rubric('electricity', [0.3, 0.15, 0.15, 0.15, 0.1, 0.05, 0.1], ['35.11', '35.12', '35.13', '27.11', '27.12', '27.32', '28.11', '33.14', '42.22', '43.21']),
};

/** Per sector: a company that clearly fits that sector's opportunities, one that clearly does not, and the opportunities. */
export interface SectorFixture {
  sector: SectorId;
  good: CompanyProfile;
  poor: CompanyProfile;
  opportunities: Opportunity[];
}

export const SECTOR_FIXTURES: readonly SectorFixture[] = [
  {
    sector: 'mining',
    good: company({
      id: 'c-mining-primorye',
      name: 'Primorye Gornaya Kompaniya',
      region: 'Primorsky Krai',
      city: 'Vladivostok',
      location: { lat: 43.1155, lon: 131.8855 },
      sectors: ['mining'],
      okved: ['05.10', '07.10', '09.90'],
      hsCodes: ['842952', '842911', '2701'],
      capabilities: ['open_pit_mining', 'ore_beneficiation', 'heavy_haulage', 'rail_logistics'],
      employees: 800,
      annualRevenueRub: 9_000_000_000,
      exportExperienceYears: 8,
      acceptsRubSettlement: true,
    }),
    poor: company({
      id: 'c-mining-moscow',
      name: 'Stolichny Torgovy Dom',
      region: 'Moscow',
      city: 'Moscow',
      location: { lat: 55.75204, lon: 37.61781 },
      sectors: ['mining'],
      okved: ['46.90'],
      hsCodes: ['8501'],
      capabilities: ['heavy_haulage'],
      employees: 12,
      annualRevenueRub: 90_000_000,
      exportExperienceYears: 0,
      acceptsRubSettlement: false,
    }),
    opportunities: [
      opportunity({
        id: 'o-mining-rason-coal',
        sector: 'mining',
        title: 'Open-pit coal mine near Rason',
        site: { name: 'Rason coal terminal', lat: 42.3, lon: 130.35 },
        requiredCapabilities: ['open_pit_mining', 'ore_beneficiation', 'heavy_haulage', 'rail_logistics'],
        hsCodes: ['842952', '2701'],
        okved: ['05.10'],
        sizeUsd: 20_000_000,
        settlementCurrencies: ['RUB', 'CNY'],
      }),
      opportunity({
        id: 'o-mining-musan-iron',
        sector: 'mining',
        title: 'Iron ore beneficiation at Musan',
        site: { name: 'Musan mine', lat: 42.22609, lon: 129.20776 },
        requiredCapabilities: ['open_pit_mining', 'ore_beneficiation'],
        hsCodes: ['2601', '8474'],
        sizeUsd: 5_000_000,
        settlementCurrencies: ['RUB'],
      }),
    ],
  },
  {
    sector: 'automobile',
    good: company({
      id: 'c-auto-khabarovsk',
      name: 'Dalnevostochny Avtozavod',
      region: 'Khabarovsk Krai',
      city: 'Khabarovsk',
      location: { lat: 48.46204, lon: 135.0971 },
      sectors: ['automobile'],
      okved: ['29.10', '45.31'],
      hsCodes: ['870421', '8708'],
      capabilities: ['vehicle_assembly', 'spare_parts_supply', 'after_sales_service'],
      employees: 400,
      annualRevenueRub: 4_500_000_000,
      exportExperienceYears: 5,
      acceptsRubSettlement: true,
    }),
    poor: company({
      id: 'c-auto-novosibirsk',
      name: 'Sibirskie Shiny',
      region: 'Novosibirsk Oblast',
      city: 'Novosibirsk',
      location: { lat: 55.02259, lon: 82.93175 },
      sectors: ['automobile'],
      okved: ['22.29'],
      hsCodes: ['4011'],
      capabilities: ['spare_parts_supply'],
      employees: 30,
      annualRevenueRub: 270_000_000,
      exportExperienceYears: 1,
      acceptsRubSettlement: true,
    }),
    opportunities: [
      opportunity({
        id: 'o-auto-rason-assembly',
        sector: 'automobile',
        title: 'Truck assembly line in Sonbong',
        site: { name: 'Sonbong industrial zone', lat: 42.35118, lon: 130.38307 },
        requiredCapabilities: ['vehicle_assembly', 'spare_parts_supply'],
        hsCodes: ['870421', '8708'],
        okved: ['29.10'],
        sizeUsd: 8_000_000,
        settlementCurrencies: ['RUB'],
      }),
      opportunity({
        id: 'o-auto-pyongyang-service',
        sector: 'automobile',
        title: 'Bus fleet service centre in Pyongyang',
        site: { name: 'Pyongyang', lat: 39.03385, lon: 125.75432 },
        requiredCapabilities: ['after_sales_service'],
        hsCodes: ['8708'],
        sizeUsd: 1_000_000,
        settlementCurrencies: ['CNY'],
      }),
    ],
  },
  {
    sector: 'electricity',
    good: company({
      id: 'c-elec-amur',
      name: 'Amurskaya Setevaya Kompaniya',
      region: 'Amur Oblast',
      city: 'Blagoveshchensk',
      location: { lat: 50.27593, lon: 127.52637 },
      sectors: ['electricity'],
      okved: ['35.12', '42.22'],
      hsCodes: ['850423', '8544'],
      capabilities: ['power_line_construction', 'substation_engineering', 'grid_operation'],
      employees: 1500,
      annualRevenueRub: 27_000_000_000,
      exportExperienceYears: 12,
      acceptsRubSettlement: true,
    }),
    poor: company({
      id: 'c-elec-irkutsk',
      name: 'Irkutsk Elektro',
      region: 'Irkutsk Oblast',
      city: 'Irkutsk',
      location: { lat: 52.29566, lon: 104.29076 },
      sectors: ['electricity'],
      okved: ['27.12'],
      hsCodes: ['8536'],
      capabilities: ['substation_engineering'],
      employees: 60,
      annualRevenueRub: 450_000_000,
      exportExperienceYears: 2,
      acceptsRubSettlement: false,
    }),
    opportunities: [
      opportunity({
        id: 'o-elec-rason-grid',
        sector: 'electricity',
        title: 'Rason 110 kV grid link',
        site: { name: 'Rajin port', lat: 42.25559, lon: 130.28308 },
        requiredCapabilities: ['power_line_construction', 'substation_engineering'],
        hsCodes: ['8544', '850423'],
        okved: ['35.12'],
        sizeUsd: 40_000_000,
        settlementCurrencies: ['RUB'],
      }),
      opportunity({
        id: 'o-elec-chongjin-substation',
        sector: 'electricity',
        title: 'Substation refurbishment in Chongjin',
        site: { name: 'Chongjin', lat: 41.79556, lon: 129.77583 },
        requiredCapabilities: ['substation_engineering'],
        hsCodes: ['8535'],
        sizeUsd: 3_000_000,
        settlementCurrencies: ['RUB', 'USD'],
      }),
    ],
  },
];

/** Every opportunity of every sector. */
export const ALL_OPPORTUNITIES: readonly Opportunity[] = SECTOR_FIXTURES.flatMap((f) => f.opportunities);

/** A company with neutral defaults, overridden field by field. */
export function company(overrides: Partial<CompanyProfile> = {}): CompanyProfile {
  return {
    id: 'c-test',
    name: 'Test LLC',
    region: 'Primorsky Krai',
    city: 'Vladivostok',
    sectors: ['mining', 'automobile', 'electricity'],
    okved: [],
    hsCodes: [],
    capabilities: [],
    employees: 0,
    annualRevenueRub: 0,
    exportExperienceYears: 0,
    acceptsRubSettlement: true,
    ...overrides,
  };
}

/** An opportunity with neutral defaults, overridden field by field. */
export function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'o-test',
    sector: 'mining',
    title: 'Test opportunity',
    site: { name: 'Rajin port', lat: 42.25559, lon: 130.28308 },
    requiredCapabilities: [],
    hsCodes: [],
    sizeUsd: 0,
    settlementCurrencies: [],
    ...overrides,
  };
}

/** A deterministic source of numbers in [0, 1) (a linear congruential generator) for synthetic data sets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYNTHETIC_SECTORS: readonly SectorId[] = SECTOR_IDS;
const SYNTHETIC_CAPABILITIES = Array.from({ length: 40 }, (_, i) => `capability_${i}`);
const SYNTHETIC_HS = ['842952', '842911', '8429', '2701', '2601', '8474', '870421', '8708', '4011', '850423', '8544', '8535', '85', '84'];
const SYNTHETIC_OKVED = ['05.10', '07.10', '09.90', '28.92', '29.10', '29.32', '45.31', '35.11', '35.12', '27.12', '42.22', '46.90'];

function pick<T>(random: () => number, items: readonly T[], n: number): T[] {
  return Array.from({ length: n }, () => items[Math.floor(random() * items.length)]!);
}

/** A synthetic company declaring every sector, with codes and capabilities drawn from small vocabularies. */
export function syntheticCompany(i: number, random: () => number): CompanyProfile {
  return {
    id: `c-${String(i).padStart(6, '0')}`,
    name: `Company ${i}`,
    region: random() < 0.3 ? 'Primorsky Krai' : 'Moscow',
    city: 'Somewhere',
    location: random() < 0.9 ? { lat: 42 + random() * 14, lon: 37 + random() * 100 } : undefined,
    sectors: [...SYNTHETIC_SECTORS],
    okved: pick(random, SYNTHETIC_OKVED, 1 + Math.floor(random() * 3)),
    hsCodes: pick(random, SYNTHETIC_HS, 1 + Math.floor(random() * 4)),
    capabilities: pick(random, SYNTHETIC_CAPABILITIES, 2 + Math.floor(random() * 6)),
    employees: Math.floor(random() * 5000),
    annualRevenueRub: random() * 5e10,
    exportExperienceYears: Math.floor(random() * 15),
    acceptsRubSettlement: random() < 0.8,
  };
}

/** A synthetic opportunity of the i-th sector in turn, sited in the DPRK, drawn from the same vocabularies. */
export function syntheticOpportunity(i: number, random: () => number): Opportunity {
  return {
    id: `o-${String(i).padStart(6, '0')}`,
    sector: SYNTHETIC_SECTORS[i % SYNTHETIC_SECTORS.length]!,
    title: `Opportunity ${i}`,
    site: { name: `Site ${i}`, lat: 38 + random() * 5, lon: 124.5 + random() * 6 },
    requiredCapabilities: pick(random, SYNTHETIC_CAPABILITIES, 1 + Math.floor(random() * 5)),
    hsCodes: pick(random, SYNTHETIC_HS, 1 + Math.floor(random() * 3)),
    okved: random() < 0.5 ? pick(random, SYNTHETIC_OKVED, 1 + Math.floor(random() * 2)) : undefined,
    sizeUsd: 1e5 + random() * 5e7,
    settlementCurrencies: random() < 0.7 ? ['RUB', 'CNY'] : ['CNY'],
  };
}

function rubric(sector: SectorId, weights: readonly number[], defaultOkved: readonly string[]): SectorRubric {
  return {
    sector,
    criteria: CRITERION_IDS.map((id, i) => ({ id, weight: weights[i]!, description: id.replace('_', ' ') })),
    defaultOkved,
  };
}
