import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RuleSetFormatError } from './rule-set.errors.js';
import { loadRuleSet } from './rule-set.loader.js';

const RULES_FILE =
  process.env['SCREENING_RULES_FILE'] ?? path.resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json');
const REFERENCE_FILE =
  process.env['SANCTIONS_RULES_REFERENCE'] ?? path.resolve(process.cwd(), '../shared/data/SANCTIONS-RULES.md');
const rulesText = readFileSync(RULES_FILE, 'utf8');

type Json = Record<string, unknown> & { rules: Record<string, unknown>[] };

function freshDocument(): Json {
  return JSON.parse(rulesText) as Json;
}

function ruleById(document: Json, id: string): Record<string, unknown> {
  const rule = document.rules.find((candidate) => candidate['id'] === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

function problemsOf(input: unknown): string[] {
  try {
    loadRuleSet(input);
  } catch (error) {
    if (error instanceof RuleSetFormatError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a RuleSetFormatError');
}

describe('loadRuleSet on dprk-rules.v1.json', () => {
  const ruleSet = loadRuleSet(rulesText);

  it('loads the versioned file', () => {
    expect(ruleSet.version).toBe('1.0.0');
    expect(ruleSet.effectiveDate).toBe('2017-12-22');
    expect(ruleSet.unmatchedVerdict).toBe('review');
    expect(ruleSet.rules).toHaveLength(41);
    expect(new Set(ruleSet.rules.map((rule) => rule.id)).size).toBe(41);
  });

  it('marks every GK rule unverified', () => {
    const gk = ruleSet.rules.filter((rule) => rule.evidence === 'GK');
    expect(gk).toHaveLength(10);
    expect(gk.filter((rule) => rule.verified)).toEqual([]);
  });

  it('marks verified only rules with no GK part', () => {
    expect(ruleSet.rules.filter((rule) => rule.verified).map((rule) => rule.id)).toEqual([
      'UNSC-2397-OP14-SUPPLY-VESSELS',
      'UNSC-2321-OP30-SUPPLY-HELICOPTERS-VESSELS',
      'UNSC-2397-OP6-PROCURE-VESSELS',
      'UNSC-2375-OP18-JOINT-VENTURE',
      'UNSC-2375-OP18-RAJIN-KHASAN-JV',
      'UNSC-2321-OP32-FINANCIAL-SUPPORT-FOR-TRADE',
      'UNSC-2397-OP8-DPRK-LABOUR',
      'UNSC-2270-OP19-VESSEL-AIRCRAFT-LEASING-CREW',
      'UNSC-2321-OP23-CREW-PROCUREMENT',
    ]);
  });

  it('quotes the reference verbatim', () => {
    const reference = readFileSync(REFERENCE_FILE, 'utf8').replaceAll('**', '');
    const misquoted = ruleSet.rules.filter((rule) => rule.quote !== null && !reference.includes(rule.quote));
    expect(misquoted.map((rule) => rule.id)).toEqual([]);
  });

  it.each([
    ['UNSC-2397-OP7-SUPPLY-MACHINERY', 'supply_to_dprk', ['84', '85'], 'prohibited', 'S'],
    ['UNSC-2397-OP7-SUPPLY-VEHICLES', 'supply_to_dprk', ['86', '87', '88', '89'], 'prohibited', 'S'],
    ['UNSC-2397-OP4-SUPPLY-CRUDE-OIL-CAP', 'supply_to_dprk', ['2709'], 'exemption_required', 'S'],
    ['UNSC-2397-OP5-SUPPLY-REFINED-PETROLEUM-CAP', 'supply_to_dprk', ['2710'], 'exemption_required', 'S'],
    ['UNSC-2371-OP8-PROCURE-COAL-IRON', 'procurement_from_dprk', ['2701', '2702', '2704', '2601', '72'], 'prohibited', 'Q'],
    ['UNSC-2371-OP8-RAJIN-COAL-TRANSIT', 'procurement_from_dprk', ['2701', '2702', '2704'], 'exemption_required', 'GK'],
    ['UNSC-2375-OP18-JOINT-VENTURE', 'joint_venture', [], 'prohibited', 'Q-fr'],
    ['UNSC-2375-PROCURE-TEXTILES', 'procurement_from_dprk', [
      '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '60', '61', '62', '63',
    ], 'prohibited', 'GK'],
  ])('encodes %s', (id, direction, hsCodes, verdict, evidence) => {
    const rule = ruleSet.rules.find((candidate) => candidate.id === id);
    expect(rule?.direction).toContain(direction);
    expect(rule?.hsCodes).toEqual(hsCodes);
    expect(rule?.verdict).toBe(verdict);
    expect(rule?.evidence).toBe(evidence);
  });

  it('spans 2397 OP7 metals over chapters 72 to 83 (77 is reserved)', () => {
    const metals = ruleSet.rules.find((rule) => rule.id === 'UNSC-2397-OP7-SUPPLY-METALS');
    expect(metals?.hsCodes).toEqual(['72', '73', '74', '75', '76', '78', '79', '80', '81', '82', '83']);
  });
});

describe('loadRuleSet rejects', () => {
  it.each<[string, (document: Json) => unknown, RegExp]>([
    [
      'a GK rule marked verified',
      (d) => {
        ruleById(d, 'UNSC-2375-PROCURE-TEXTILES')['verified'] = true;
        return d;
      },
      /rule "UNSC-2375-PROCURE-TEXTILES": a GK rule must have verified=false/,
    ],
    [
      'a rule with GK parts marked verified',
      (d) => {
        ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY')['verified'] = true;
        return d;
      },
      /UNSC-2397-OP7-SUPPLY-MACHINERY": a rule with GK parts \(hsCodes\) must have verified=false/,
    ],
    [
      'duplicate ids',
      (d) => {
        d.rules.push({ ...ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY') });
        return d;
      },
      /duplicate rule id "UNSC-2397-OP7-SUPPLY-MACHINERY"/,
    ],
    [
      'an unknown direction',
      (d) => {
        ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY')['direction'] = ['export'];
        return d;
      },
      /unknown direction "export"/,
    ],
    [
      'an unknown verdict',
      (d) => {
        ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY')['verdict'] = 'allowed';
        return d;
      },
      /unknown verdict "allowed"/,
    ],
    [
      'an unknown evidence tag',
      (d) => {
        ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY')['evidence'] = 'Q-en';
        return d;
      },
      /unknown evidence tag "Q-en"/,
    ],
    [
      'an exemption without conditions',
      (d) => {
        delete ruleById(d, 'UNSC-2371-OP8-RAJIN-COAL-TRANSIT')['conditions'];
        return d;
      },
      /must list its conditions/,
    ],
    [
      'a malformed HS code',
      (d) => {
        ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY')['hsCodes'] = ['842'];
        return d;
      },
      /"842" is not a 2-, 4- or 6-digit HS code/,
    ],
    [
      'a carve-out of an unknown rule',
      (d) => {
        ruleById(d, 'UNSC-2371-OP8-RAJIN-COAL-TRANSIT')['carvesOut'] = ['NO-SUCH-RULE'];
        return d;
      },
      /carves out unknown rule "NO-SUCH-RULE"/,
    ],
    [
      'a rule that can never apply',
      (d) => {
        const rule = ruleById(d, 'UNSC-2321-OP32-FINANCIAL-SUPPORT-FOR-TRADE');
        delete rule['activities'];
        return d;
      },
      /needs hsCodes, structures or activities/,
    ],
    [
      'goods codes without a goods direction',
      (d) => {
        ruleById(d, 'UNSC-2397-OP7-SUPPLY-MACHINERY')['direction'] = ['financial_services'];
        return d;
      },
      /needs a supply_to_dprk or procurement_from_dprk direction/,
    ],
    [
      'a non-ISO origin country',
      (d) => {
        ruleById(d, 'UNSC-2375-OP18-RAJIN-KHASAN-JV')['appliesWhen'] = { originCountryIn: ['Russia'] };
        return d;
      },
      /originCountryIn must list ISO 3166-1 alpha-2 codes/,
    ],
    [
      'a missing version',
      (d) => {
        delete d['version'];
        return d;
      },
      /version is required/,
    ],
    [
      'a bad effective date',
      (d) => {
        d['effectiveDate'] = '22/12/2017';
        return d;
      },
      /effectiveDate must be a YYYY-MM-DD date/,
    ],
    [
      'an unknown unmatched verdict',
      (d) => {
        d['unmatchedVerdict'] = 'prohibited';
        return d;
      },
      /unmatchedVerdict must be "review" or "clear"/,
    ],
    ['an empty rule list', (d) => ({ ...d, rules: [] }), /rules must be a non-empty array/],
    ['text that is not JSON', () => '{"version": ', /not JSON/],
    ['a JSON array', () => [], /must be a JSON object/],
  ])('%s', (_case, mutate, message) => {
    const problems = problemsOf(mutate(freshDocument()));
    expect(problems.some((problem) => message.test(problem))).toBe(true);
  });

  it('reports every problem at once', () => {
    const document = freshDocument();
    ruleById(document, 'UNSC-2375-PROCURE-TEXTILES')['verified'] = true;
    document.rules.push({ ...ruleById(document, 'UNSC-2397-OP6-PROCURE-WOOD') });
    expect(problemsOf(document)).toEqual([
      'rule "UNSC-2375-PROCURE-TEXTILES": a GK rule must have verified=false',
      'duplicate rule id "UNSC-2397-OP6-PROCURE-WOOD"',
    ]);
  });
});
