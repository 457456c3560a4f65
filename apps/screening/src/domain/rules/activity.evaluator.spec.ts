import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateActivity } from './activity.evaluator.js';
import { loadRuleSet } from './rule-set.loader.js';
import type { Activity } from './rule-set.model.js';
import type { Verdict } from './verdict.model.js';

const RULES_FILE =
  process.env['SCREENING_RULES_FILE'] ?? path.resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json');
const rulesText = readFileSync(RULES_FILE, 'utf8');
const ruleSet = loadRuleSet(rulesText);

function activity(overrides: Partial<Activity>): Activity {
  return { direction: 'supply_to_dprk', structure: 'contract', hsCodes: [], ...overrides };
}

const RAJIN_COAL_CONDITIONS = [
  'the commodity is coal (2701; 2702/2704 [GK])',
  'origin outside the DPRK (e.g. Russian), with evidence: certificate of origin, rail waybills from Khasan',
  'transported through the DPRK solely for export from the Port of Rajin: no DPRK sale, blending or storage for DPRK use',
  'advance notification to the 1718 Committee on file (reference and date)',
  "no revenue for the DPRK's prohibited programmes and no designated person among the parties",
  'the vessel is not designated and not DPRK-flagged or DPRK-controlled',
];

describe('evaluateActivity with dprk-rules.v1.json', () => {
  it.each<[string, Partial<Activity>, Verdict, string[]]>([
    ['excavators (HS 8429) to the DPRK', { hsCodes: ['8429'] }, 'prohibited', ['UNSC-2397-OP7-SUPPLY-MACHINERY']],
    ['a 6-digit subheading with a dot', { hsCodes: ['8429.52'] }, 'prohibited', ['UNSC-2397-OP7-SUPPLY-MACHINERY']],
    ['power cables (HS 8544) to the DPRK', { hsCodes: ['8544'] }, 'prohibited', ['UNSC-2397-OP7-SUPPLY-MACHINERY']],
    ['steel towers (HS 7308) to the DPRK', { hsCodes: ['7308'] }, 'prohibited', ['UNSC-2397-OP7-SUPPLY-METALS']],
    [
      'passenger cars (HS 8703) to the DPRK',
      { hsCodes: ['8703'] },
      'prohibited',
      ['UNSC-2397-OP7-SUPPLY-VEHICLES', 'UNSC-1718-OP8A-SUPPLY-LUXURY-VEHICLES'],
    ],
    [
      'a vessel (HS 8901) to the DPRK',
      { hsCodes: ['8901'] },
      'prohibited',
      ['UNSC-2397-OP7-SUPPLY-VEHICLES', 'UNSC-2397-OP14-SUPPLY-VESSELS', 'UNSC-2321-OP30-SUPPLY-HELICOPTERS-VESSELS'],
    ],
    ['crude oil (HS 2709) to the DPRK', { hsCodes: ['2709'] }, 'exemption_required', ['UNSC-2397-OP4-SUPPLY-CRUDE-OIL-CAP']],
    [
      'condensate declared under HS 2709',
      { hsCodes: ['2709'], attributes: { activities: ['condensate'] } },
      'prohibited',
      ['UNSC-2375-OP13-SUPPLY-CONDENSATES-NGL', 'UNSC-2397-OP4-SUPPLY-CRUDE-OIL-CAP'],
    ],
    ['diesel (HS 2710) to the DPRK', { hsCodes: ['2710'] }, 'exemption_required', ['UNSC-2397-OP5-SUPPLY-REFINED-PETROLEUM-CAP']],
    ['coal (HS 2701) to the DPRK', { hsCodes: ['2701'] }, 'review', ['NO-UN-MEASURE-SUPPLY-COAL']],
    ['electricity (HS 2716) to the DPRK', { hsCodes: ['2716'] }, 'review', ['NO-UN-MEASURE-ELECTRICAL-ENERGY']],
    ['wheat (HS 1001), which no rule covers', { hsCodes: ['1001'] }, 'review', []],
    [
      'DPRK coal bought without a declared origin',
      { direction: 'procurement_from_dprk', hsCodes: ['2701'] },
      'prohibited',
      ['UNSC-2371-OP8-PROCURE-COAL-IRON'],
    ],
    [
      'DPRK-origin coal through Rajin',
      { direction: 'procurement_from_dprk', hsCodes: ['2701'], originCountry: 'KP', transitPort: 'Rajin' },
      'prohibited',
      ['UNSC-2371-OP8-PROCURE-COAL-IRON'],
    ],
    [
      'Russian coal shipped from another port',
      { direction: 'procurement_from_dprk', hsCodes: ['2701'], originCountry: 'RU', transitPort: 'Chongjin' },
      'prohibited',
      ['UNSC-2371-OP8-PROCURE-COAL-IRON'],
    ],
    [
      'Russian coal with the origin spelt out instead of coded',
      { direction: 'procurement_from_dprk', hsCodes: ['2701'], originCountry: 'Russia', transitPort: 'Rajin' },
      'prohibited',
      ['UNSC-2371-OP8-PROCURE-COAL-IRON'],
    ],
    [
      'Russian-origin coal through Rajin',
      { direction: 'procurement_from_dprk', hsCodes: ['2701'], originCountry: 'RU', transitPort: 'Rajin' },
      'exemption_required',
      ['UNSC-2371-OP8-RAJIN-COAL-TRANSIT'],
    ],
    [
      'Russian-origin coal through "Port of Rajin (Rason)", lower-case origin',
      { direction: 'procurement_from_dprk', hsCodes: ['270112'], originCountry: 'ru', transitPort: 'Port of Rajin (Rason)' },
      'exemption_required',
      ['UNSC-2371-OP8-RAJIN-COAL-TRANSIT'],
    ],
    [
      'Russian-origin coal moved to Rajin, declared as supply',
      { direction: 'supply_to_dprk', hsCodes: ['2701'], originCountry: 'RU', transitPort: 'Rajin' },
      'exemption_required',
      ['UNSC-2371-OP8-RAJIN-COAL-TRANSIT'],
    ],
    [
      'Russian coal and steel through Rajin (the carve-out covers coal only)',
      { direction: 'procurement_from_dprk', hsCodes: ['2701', '7208'], originCountry: 'RU', transitPort: 'Rajin' },
      'prohibited',
      ['UNSC-2371-OP8-PROCURE-COAL-IRON', 'UNSC-2371-OP8-RAJIN-COAL-TRANSIT'],
    ],
    ['iron ore (HS 260111) bought', { direction: 'procurement_from_dprk', hsCodes: ['260111'] }, 'prohibited', ['UNSC-2371-OP8-PROCURE-COAL-IRON']],
    [
      'gold bought',
      { direction: 'procurement_from_dprk', hsCodes: ['7108'] },
      'prohibited',
      ['UNSC-2270-OP30-PROCURE-GOLD-TITANIUM-VANADIUM-REE'],
    ],
    [
      'zinc ore bought',
      { direction: 'procurement_from_dprk', hsCodes: ['2608'] },
      'prohibited',
      ['UNSC-2321-OP28-PROCURE-COPPER-NICKEL-SILVER-ZINC'],
    ],
    ['tungsten ore bought', { direction: 'procurement_from_dprk', hsCodes: ['2611'] }, 'review', ['NO-UN-MEASURE-PROCURE-OTHER-ORES']],
    ['graphite bought', { direction: 'procurement_from_dprk', hsCodes: ['2504'] }, 'prohibited', ['UNSC-2397-OP6-PROCURE-EARTH-STONE']],
    [
      'engines bought',
      { direction: 'procurement_from_dprk', hsCodes: ['8408'] },
      'prohibited',
      ['UNSC-2397-OP6-PROCURE-MACHINERY-ELECTRICAL'],
    ],
    ['car parts (HS 8708) bought', { direction: 'procurement_from_dprk', hsCodes: ['8708'] }, 'review', ['NO-UN-MEASURE-PROCURE-VEHICLES-87']],
    ['garments bought', { direction: 'procurement_from_dprk', hsCodes: ['6109'] }, 'prohibited', ['UNSC-2375-PROCURE-TEXTILES']],
    ['fish bought', { direction: 'procurement_from_dprk', hsCodes: ['0303'] }, 'prohibited', ['UNSC-2371-PROCURE-SEAFOOD']],
    [
      'a joint venture, whatever the goods',
      { structure: 'joint_venture', hsCodes: ['1001'] },
      'prohibited',
      ['UNSC-2375-OP18-JOINT-VENTURE'],
    ],
    [
      'a joint venture without goods',
      { direction: 'services', structure: 'joint_venture' },
      'prohibited',
      ['UNSC-2375-OP18-JOINT-VENTURE'],
    ],
    [
      'the Rajin-Khasan venture exporting Russian coal',
      { direction: 'procurement_from_dprk', structure: 'joint_venture', hsCodes: ['2701'], originCountry: 'RU', transitPort: 'Rajin' },
      'exemption_required',
      ['UNSC-2371-OP8-RAJIN-COAL-TRANSIT', 'UNSC-2375-OP18-RAJIN-KHASAN-JV'],
    ],
    [
      'the Rajin-Khasan venture also trading machinery',
      {
        direction: 'procurement_from_dprk',
        structure: 'joint_venture',
        hsCodes: ['2701', '8429'],
        originCountry: 'RU',
        transitPort: 'Rajin',
      },
      'prohibited',
      ['UNSC-2397-OP6-PROCURE-MACHINERY-ELECTRICAL', 'UNSC-2375-OP18-JOINT-VENTURE', 'UNSC-2371-OP8-RAJIN-COAL-TRANSIT'],
    ],
    ['an investment', { direction: 'investment', structure: 'investment' }, 'prohibited', ['UNSC-2375-OP18-INVESTMENT']],
    [
      'an investment structure for a supply deal',
      { structure: 'investment', hsCodes: ['1001'] },
      'prohibited',
      ['UNSC-2375-OP18-INVESTMENT'],
    ],
    [
      'export credit for any trade',
      { direction: 'services', attributes: { activities: 'export credit' } },
      'prohibited',
      ['UNSC-2321-OP32-FINANCIAL-SUPPORT-FOR-TRADE'],
    ],
    [
      'hiring DPRK seafarers',
      { direction: 'services', attributes: { activities: ['seafarers'] } },
      'prohibited',
      ['UNSC-2321-OP23-CREW-PROCUREMENT'],
    ],
    [
      'DPRK mine crews in Russia',
      { direction: 'services', attributes: { activities: ['dprk_labour'] } },
      'prohibited',
      ['UNSC-2397-OP8-DPRK-LABOUR'],
    ],
    ['services with nothing declared', { direction: 'services' }, 'review', []],
    ['a supply with no HS codes', {}, 'review', []],
    ['an unknown activity keyword', { direction: 'services', attributes: { activities: ['consulting'] } }, 'review', []],
    ['malformed activity keywords', { direction: 'services', attributes: { activities: [42] } }, 'review', []],
    ['an invalid HS code', { hsCodes: ['8A29'] }, 'review', []],
    ['a reserved HS chapter', { hsCodes: ['77'] }, 'review', []],
    [
      'a chapter broader than the rules',
      { direction: 'procurement_from_dprk', hsCodes: ['27'] },
      'review',
      [],
    ],
  ])('%s → %s', (_case, overrides, verdict, ruleIds) => {
    const result = evaluateActivity(ruleSet, activity(overrides));
    expect(result.verdict).toBe(verdict);
    expect(result.rules.map((rule) => rule.id)).toEqual(ruleIds);
    expect(result.ruleSetVersion).toBe('1.0.0');
  });

  it('cites the machinery rule with its paragraph, evidence and the matching code', () => {
    const result = evaluateActivity(ruleSet, activity({ hsCodes: ['842952', '1001'] }));
    expect(result.rules).toEqual([
      {
        id: 'UNSC-2397-OP7-SUPPLY-MACHINERY',
        title: 'Supply, sale or transfer to the DPRK of all industrial machinery (incl. mining, power and electrical equipment)',
        resolution: '2397 (2017)',
        paragraph: 'OP7',
        verdict: 'prohibited',
        evidence: 'S',
        verified: false,
        exemptionPath:
          '1718 Committee case-by-case exemption of the specific activity (CTTE_GENERAL: 2321 (2016) OP46, restated in 2375 (2017) OP26 and 2397 (2017) OP25)',
        hsCodes: ['842952'],
      },
    ]);
    expect(result.reasons[0]).toBe(
      'UNSC-2397-OP7-SUPPLY-MACHINERY (2397 (2017) OP7; evidence S, unverified) applies to HS 842952: Supply, sale or transfer to the DPRK of all industrial machinery (incl. mining, power and electrical equipment) → prohibited',
    );
    expect(result.reasons[1]).toMatch(/^HS 1001: no rule covers it for supply_to_dprk → review\./);
  });

  it('carries the Rajin coal conditions and says which rule it set aside', () => {
    const result = evaluateActivity(
      ruleSet,
      activity({ direction: 'procurement_from_dprk', hsCodes: ['2701'], originCountry: 'RU', transitPort: 'Rajin' }),
    );
    expect(result.rules[0]?.conditions).toEqual(RAJIN_COAL_CONDITIONS);
    expect(result.rules[0]?.verified).toBe(false);
    expect(result.reasons).toContain('UNSC-2371-OP8-PROCURE-COAL-IRON set aside for HS 2701 by UNSC-2371-OP8-RAJIN-COAL-TRANSIT');
  });

  it('explains a review for unclassifiable input', () => {
    expect(evaluateActivity(ruleSet, activity({ direction: 'services' })).reasons).toEqual([
      'Nothing classifiable: no HS codes for a goods direction, and no structure or activity keyword that a rule covers',
    ]);
    expect(evaluateActivity(ruleSet, activity({ hsCodes: ['8A29'] })).reasons).toEqual([
      'HS code "8A29" is not a valid 2-, 4- or 6-digit HS code and cannot be classified',
      'No valid HS code declared for supply_to_dprk: the goods cannot be screened',
    ]);
  });

  it('marks every cited GK rule unverified', () => {
    const activities: Activity[] = [
      activity({ direction: 'procurement_from_dprk', hsCodes: ['6109', '2611', '8708'] }),
      activity({ direction: 'investment', structure: 'investment' }),
      activity({ direction: 'services', attributes: { activities: ['bulk_cash', 'profit_sharing', 'ship_to_ship_transfer'] } }),
      activity({ hsCodes: ['2701', '2716'], originCountry: 'RU', transitPort: 'Rajin' }),
    ];
    const cited = activities.flatMap((a) => evaluateActivity(ruleSet, a).rules);
    const gkIds = cited.filter((rule) => rule.evidence === 'GK').map((rule) => rule.id);
    expect(gkIds).toEqual([
      'UNSC-2375-PROCURE-TEXTILES',
      'NO-UN-MEASURE-PROCURE-OTHER-ORES',
      'NO-UN-MEASURE-PROCURE-VEHICLES-87',
      'UNSC-2375-OP18-INVESTMENT',
      'UNSC-2375-OP18-COOPERATIVE-ARRANGEMENTS',
      'UNSC-2094-OP11-FINANCIAL-SERVICES',
      'UNSC-2375-OP11-SHIP-TO-SHIP-TRANSFER',
      'UNSC-2371-OP8-RAJIN-COAL-TRANSIT',
      'NO-UN-MEASURE-ELECTRICAL-ENERGY',
    ]);
    expect(cited.filter((rule) => rule.evidence === 'GK' && rule.verified)).toEqual([]);
  });

  it('clears goods no rule covers only when the rule set allows it', () => {
    const permissive = loadRuleSet({ ...JSON.parse(rulesText), unmatchedVerdict: 'clear' });
    expect(evaluateActivity(permissive, activity({ hsCodes: ['1001'] })).verdict).toBe('clear');
    expect(evaluateActivity(permissive, activity({ hsCodes: ['1001', '8A29'] })).verdict).toBe('review');
    expect(evaluateActivity(permissive, activity({ direction: 'services' })).verdict).toBe('review');
    expect(evaluateActivity(permissive, activity({ hsCodes: ['8429'] })).verdict).toBe('prohibited');
  });
});
