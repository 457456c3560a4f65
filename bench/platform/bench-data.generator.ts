import {
  summariseOpportunity,
  type CompanyView,
  type Direction,
  type OpportunitySummary,
  type OpportunityView,
  type SectorId,
  type SectorView,
  type Structure,
} from '#contracts';
import { GAZETTEER_PLACES, REGIONS, type GazetteerPlace } from '#reference';
import { makeValidInn } from '../../apps/companies/src/domain/inn.fixtures.js';
import type { SeededRandom } from '#testing';

/** A company profile as a partner would submit it over REST. */
export type GeneratedProfile = Omit<CompanyView, 'id' | 'partnerId' | 'locationSource' | 'version' | 'createdAt' | 'updatedAt'>;

/** An opportunity as an admin would publish it over REST. */
export type GeneratedOpportunityInput = Omit<OpportunityView, 'id' | 'seedKey' | 'version' | 'createdAt' | 'updatedAt'>;

/** Rough bounding box of the DPRK mainland; generated sites stay inside it. */
export const DPRK_BOX = { minLat: 37.7, maxLat: 43.0, minLon: 124.3, maxLon: 130.7 } as const;

/** Real HS codes (chapter 2 digits, heading 4, subheading 6) of the goods each sector trades. */
export const SECTOR_HS_CODES: Readonly<Record<SectorId, readonly string[]>> = {
  mining: ['2601', '260111', '2603', '2607', '2608', '2616', '2701', '270112', '2702', '2519', '251910', '2504', '2610', '8474', '847410', '8429', '842952', '8430', '8431', '870410', '8413', '8414'],
  automobile: ['8701', '8702', '8703', '8704', '870421', '8705', '8706', '8707', '8708', '870830', '870899', '4011', '401120', '8407', '8408', '840820', '8409', '8511', '8544', '854430'],
  electricity: ['8501', '8502', '850231', '8504', '850421', '850423', '8535', '8536', '8537', '8544', '854460', '8410', '841011', '8406', '8541', '854143', '7308', '730820', '8546', '9028'],
};

/** OKVED2 codes companies of each sector commonly hold, besides the sector's own defaults. */
export const SECTOR_EXTRA_OKVED: Readonly<Record<SectorId, readonly string[]>> = {
  mining: ['07.10', '07.29', '05.10', '08.11', '09.90', '28.92', '46.72', '46.63', '49.20', '43.12', '71.12'],
  automobile: ['29.10', '29.10.2', '29.20', '29.31', '29.32', '45.11', '45.20', '45.31', '22.11', '28.30', '46.69'],
  electricity: ['35.11', '35.12', '35.13', '35.14', '27.11', '27.12', '27.32', '28.11', '33.14', '42.22', '43.21', '71.12'],
};

/** Two-digit tax-office region codes that open an INN, by gazetteer region id (77, Moscow, otherwise). */
const INN_REGION: Readonly<Record<string, string>> = {
  primorsky: '25', khabarovsk: '27', amur: '28', jewish: '79', sakhalin: '65', kamchatka: '41', magadan: '49',
  chukotka: '87', sakha: '14', buryatia: '03', zabaykalsky: '75', moscow: '77', 'saint-petersburg': '78',
  novosibirsk: '54', sverdlovsk: '66', 'nizhny-novgorod': '52', tatarstan: '16', chelyabinsk: '74', omsk: '55',
  samara: '63', rostov: '61', bashkortostan: '02', krasnoyarsk: '24', voronezh: '36', volgograd: '34', perm: '59',
  krasnodar: '23', saratov: '64', tyumen: '72', udmurtia: '18', 'altai-krai': '22', ulyanovsk: '73', irkutsk: '38',
  yaroslavl: '76', dagestan: '05', tomsk: '70', orenburg: '56', kemerovo: '42', khakassia: '19', tuva: '17',
  'altai-republic': '04', 'khanty-mansi': '86', 'yamalo-nenets': '89',
};

const REGION_ADJECTIVE: Readonly<Record<string, string>> = {
  primorsky: 'Primorskaya', khabarovsk: 'Khabarovskaya', amur: 'Amurskaya', sakhalin: 'Sakhalinskaya',
  kamchatka: 'Kamchatskaya', magadan: 'Kolymskaya', sakha: 'Yakutskaya', buryatia: 'Baikalskaya',
  zabaykalsky: 'Zabaikalskaya', irkutsk: 'Angarskaya', kemerovo: 'Kuzbasskaya', krasnoyarsk: 'Yeniseiskaya',
  novosibirsk: 'Sibirskaya', sverdlovsk: 'Uralskaya', chelyabinsk: 'Yuzhnouralskaya', samara: 'Volzhskaya',
  tatarstan: 'Kamskaya', moscow: 'Stolichnaya', 'saint-petersburg': 'Nevskaya', rostov: 'Donskaya',
};
const GENERIC_ADJECTIVES = ['Dalnevostochnaya', 'Vostochnaya', 'Severnaya', 'Tikhookeanskaya', 'Rossiyskaya', 'Tsentralnaya', 'Yuzhnaya', 'Zapadnaya', 'Mezhregionalnaya', 'Obyedinennaya'];
const SECTOR_NOUNS: Readonly<Record<SectorId, readonly string[]>> = {
  mining: ['Gornorudnaya Kompaniya', 'Ugolnaya Kompaniya', 'Gorno-Obogatitelnaya Kompaniya', 'Geologorazvedka', 'Gornaya Tekhnika', 'Nedra', 'Rudtrans', 'Promvzryv', 'Karyernye Mashiny', 'Magnezit'],
  automobile: ['Avtozavod', 'Avtokomponent', 'Avtotrans', 'Motornaya Kompaniya', 'Avtoservis', 'Shinnaya Kompaniya', 'Avtosborka', 'Traktornaya Kompaniya', 'Avtotsentr', 'Spetstekhnika'],
  electricity: ['Energetika', 'Elektroset', 'Energostroy', 'Gidroenergo', 'Transformatornaya Kompaniya', 'Elektromontazh', 'Setevaya Kompaniya', 'Energoremont', 'Kabelnaya Kompaniya', 'Teploenergo'],
};
const NAME_SUFFIXES = ['', '', '', ' Invest', ' Grupp', ' Treyd', ' Servis', ' Holding', ' Logistik'];
const LEGAL_FORMS = [
  { value: 'OOO', weight: 70 },
  { value: 'AO', weight: 22 },
  { value: 'PAO', weight: 5 },
  { value: 'ZAO', weight: 3 },
];

const OPPORTUNITY_THEMES: Readonly<Record<SectorId, readonly string[]>> = {
  mining: ['Crushing and grinding equipment supply', 'Iron ore concentrate offtake', 'Anthracite export through Rajin', 'Magnesite clinker purchase', 'Mine dewatering pumps', 'Open-pit haul trucks', 'Coal washing plant rehabilitation', 'Rail forwarding of bulk cargo', 'Exploration drilling campaign', 'Mine ventilation upgrade', 'Zinc concentrate purchase', 'Bulk terminal stacker-reclaimer'],
  automobile: ['Bus assembly from SKD kits', 'Truck spare parts supply', 'Tractor assembly line', 'Tyres for the freight fleet', 'Service network for trucks', 'Diesel engine remanufacturing', 'Wiring harness production', 'Port handling vehicles', 'Passenger car assembly', 'Fleet maintenance contract', 'Bodywork and painting shop', 'Special vehicles for mines'],
  electricity: ['Hydro turbine refurbishment', 'Thermal power plant rehabilitation', 'Substation equipment supply', '220 kV transmission line', 'Distribution network rebuild', 'Solar PV plant', 'Wind farm', 'Cross-border interconnector study', 'Dispatch automation', 'Power transformer supply', 'Port electrification', 'Energy audit of an industrial site'],
};
const DIRECTIONS: readonly { value: Direction; weight: number }[] = [
  { value: 'supply_to_dprk', weight: 50 },
  { value: 'procurement_from_dprk', weight: 20 },
  { value: 'services', weight: 20 },
  { value: 'investment', weight: 10 },
];
const STRUCTURES: readonly { value: Structure; weight: number }[] = [
  { value: 'contract', weight: 70 },
  { value: 'joint_venture', weight: 20 },
  { value: 'investment', weight: 10 },
];
const CURRENCIES: readonly { value: string[]; weight: number }[] = [
  { value: ['RUB'], weight: 45 },
  { value: ['RUB', 'CNY'], weight: 35 },
  { value: ['CNY'], weight: 12 },
  { value: ['EUR', 'CNY'], weight: 8 },
];

/** What the generator needs of each sector, as `GET /v1/sectors` describes it. */
export interface SectorVocabulary {
  id: SectorId;
  capabilities: readonly string[];
  okved: readonly string[];
  hsCodes: readonly string[];
  requiredAttributes: SectorView['attributes'];
}

/** The vocabularies of the running sectors service, widened with common codes of each sector. */
export function vocabulariesFrom(views: readonly SectorView[]): Map<SectorId, SectorVocabulary> {
  return new Map(
    views.map((v) => [
      v.id,
      {
        id: v.id,
        capabilities: v.capabilities.map((c) => c.id),
        okved: [...new Set([...v.defaultOkved, ...SECTOR_EXTRA_OKVED[v.id]])],
        hsCodes: SECTOR_HS_CODES[v.id],
        requiredAttributes: v.attributes.filter((a) => a.required),
      },
    ]),
  );
}

const RU_PLACES = GAZETTEER_PLACES.filter((p) => p.country === 'RU');
const KP_PLACES = GAZETTEER_PLACES.filter((p) => p.country === 'KP');
const FAR_EAST = new Set(REGIONS.filter((r) => r.russianFarEast).map((r) => r.id));
const REGION_NAME = new Map(REGIONS.map((r) => [r.id, r.name]));
/** Far East places weigh twice as much: about 60 % of companies are in the Russian Far East. */
const WEIGHTED_RU_PLACES = RU_PLACES.map((p) => ({ value: p, weight: FAR_EAST.has(p.region) ? 2 : 1 }));

const SECTOR_MIX: readonly { value: number; weight: number }[] = [
  { value: 1, weight: 75 },
  { value: 2, weight: 20 },
  { value: 3, weight: 5 },
];
const SECTORS: readonly SectorId[] = ['mining', 'automobile', 'electricity'];

/** A plausible Russian company profile; `serial` (unique per data set) makes its INN unique. */
export function generateProfile(rng: SeededRandom, serial: number, vocabularies: Map<SectorId, SectorVocabulary>, wideSector?: SectorId): GeneratedProfile {
  const place = rng.weighted(WEIGHTED_RU_PLACES);
  const sectors = rng.sample(SECTORS, rng.weighted(SECTOR_MIX));
  if (wideSector && !sectors.includes(wideSector)) sectors.push(wideSector);
  const main = vocabularies.get(sectors[0]!)!;
  const capabilities = new Set<string>();
  const okved = new Set<string>();
  const hsCodes = new Set<string>();
  for (const sector of sectors) {
    const v = vocabularies.get(sector)!;
    const share = sector === main.id ? 1 : 0.5;
    for (const c of rng.sample(v.capabilities, Math.max(1, Math.round(rng.int(2, 6) * share)))) capabilities.add(c);
    for (const o of rng.sample(v.okved, Math.max(1, Math.round(rng.int(1, 4) * share)))) okved.add(o);
    for (const h of rng.sample(v.hsCodes, Math.max(1, Math.round(rng.int(1, 5) * share)))) hsCodes.add(h);
  }
  const employees = Math.round(rng.logUniform(5, 20_000));
  const revenuePerEmployee = rng.logUniform(1.5e6, 12e6);
  const exported = rng.chance(0.6);
  return {
    name: companyName(rng, place, main.id),
    inn: makeValidInn(`${INN_REGION[place.region] ?? '77'}${String(serial).padStart(7, '0')}`),
    region: REGION_NAME.get(place.region) ?? place.region,
    city: place.name,
    location: jitter(rng, place, 0.25),
    sectors,
    okved: [...okved],
    hsCodes: [...hsCodes],
    capabilities: [...capabilities],
    employees,
    annualRevenueRub: Math.round((employees * revenuePerEmployee) / 1000) * 1000,
    exportExperienceYears: exported ? rng.int(1, 25) : 0,
    acceptsRubSettlement: rng.chance(0.9),
    owners: [],
    directors: [],
  };
}

/** The stored form of a generated profile, as the companies service writes it. */
export function toCompanyView(profile: GeneratedProfile, id: string, partnerId: string, createdAt: string): CompanyView {
  return { ...profile, id, partnerId, locationSource: 'submitted', version: 1, createdAt, updatedAt: createdAt };
}

/** A plausible opportunity of one sector at a DPRK site. */
export function generateOpportunityInput(rng: SeededRandom, sector: SectorId, vocabulary: SectorVocabulary): GeneratedOpportunityInput {
  const place = rng.pick(KP_PLACES);
  const site = jitter(rng, place, 0.08);
  const theme = rng.pick(OPPORTUNITY_THEMES[sector]);
  const size = rng.logUniform(2e5, 2e8);
  return {
    sector,
    title: `${theme} — ${place.name}`,
    description: `${theme} for an enterprise near ${place.name} (${REGION_NAME.get(place.region) ?? 'DPRK'}). Generated for the benchmark; subject to compliance screening.`,
    site: { name: `${place.name} area`, lat: clamp(site.lat, DPRK_BOX.minLat, DPRK_BOX.maxLat), lon: clamp(site.lon, DPRK_BOX.minLon, DPRK_BOX.maxLon) },
    counterparty: { name: `${place.name} ${sector} enterprise (DPRK)`, contact: `liaison-${rng.int(1000, 9999)}@example.invalid` },
    requiredCapabilities: rng.sample(vocabulary.capabilities, rng.int(1, 4)),
    hsCodes: rng.sample(vocabulary.hsCodes, rng.int(1, 3)),
    okved: rng.sample(vocabulary.okved, rng.int(1, 3)),
    direction: rng.weighted(DIRECTIONS),
    structure: rng.weighted(STRUCTURES),
    sizeUsd: Math.round(size / 1000) * 1000,
    settlementCurrencies: rng.weighted(CURRENCIES),
    attributes: Object.fromEntries(
      vocabulary.requiredAttributes.map((a) => [a.name, a.values?.length ? rng.pick(a.values) : rng.int(1_000, 2_000_000)]),
    ),
  };
}

/** The stored form of a generated opportunity, as the sectors service writes it. */
export function toOpportunityView(input: GeneratedOpportunityInput, id: string, createdAt: string): OpportunityView {
  return { ...input, id, seedKey: null, version: 1, createdAt, updatedAt: createdAt };
}

/** What the sectors service puts in its outbox for an opportunity: never the counterparty's contact. */
export function toOpportunityEvent(view: OpportunityView): OpportunitySummary {
  return summariseOpportunity(view);
}

function companyName(rng: SeededRandom, place: GazetteerPlace, sector: SectorId): string {
  const adjective = REGION_ADJECTIVE[place.region] && rng.chance(0.6) ? REGION_ADJECTIVE[place.region]! : rng.pick(GENERIC_ADJECTIVES);
  return `${rng.weighted(LEGAL_FORMS)} "${adjective} ${rng.pick(SECTOR_NOUNS[sector])}${rng.pick(NAME_SUFFIXES)}"`;
}

function jitter(rng: SeededRandom, place: GazetteerPlace, degrees: number): { lat: number; lon: number } {
  return {
    lat: round5(place.lat + rng.between(-degrees, degrees)),
    lon: round5(place.lon + rng.between(-degrees, degrees)),
  };
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
