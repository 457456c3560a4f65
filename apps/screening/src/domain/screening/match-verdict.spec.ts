import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRuleSet } from '../rules/index.js';
import { activitiesOf, decide, evaluateOpportunity, type PartyHit } from './match-verdict.js';

const rules = loadRuleSet(readFileSync(resolve(process.cwd(), 'apps/screening/rules/dprk-rules.v1.json'), 'utf8'));

const base = { structure: 'contract' as const, hsCodes: ['8429'], siteName: 'Musan', attributes: {} };

const hit = (strength: PartyHit['strength']): PartyHit => ({
  party: 'director',
  name: 'Yun Ho-jin',
  referenceNumber: 'KPi.001',
  listedName: 'YUN HO-JIN',
  nameKind: 'primary',
  type: 'individual',
  regime: 'DPRK',
  score: strength === 'designated' ? 1 : 0.75,
  strength,
  explanation: '',
});

describe('activitiesOf', () => {
  it('takes the transit port from the site when the attributes name none', () => {
    expect(activitiesOf({ ...base, direction: 'supply_to_dprk', siteName: 'Rajin port (Rason)' })[0].transitPort).toBe('Rajin');
  });

  it('screens services that move goods as goods moving both ways', () => {
    expect(activitiesOf({ ...base, direction: 'services' }).map((a) => a.direction)).toEqual(['supply_to_dprk', 'procurement_from_dprk']);
  });

  it('keeps services without goods as services', () => {
    expect(activitiesOf({ ...base, hsCodes: [], direction: 'services' }).map((a) => a.direction)).toEqual(['services']);
  });
});

describe('evaluateOpportunity', () => {
  it.each([
    ['machinery supplied to the DPRK', { ...base, direction: 'supply_to_dprk' as const }, 'prohibited', 'UNSC-2397-OP7-SUPPLY-MACHINERY'],
    ['DPRK coal bought', { ...base, hsCodes: ['2701'], direction: 'procurement_from_dprk' as const }, 'prohibited', 'UNSC-2371-OP8-PROCURE-COAL-IRON'],
    ['a joint venture', { ...base, hsCodes: [], direction: 'investment' as const, structure: 'joint_venture' as const }, 'prohibited', 'UNSC-2375-OP18-JOINT-VENTURE'],
    [
      'Russian coal forwarded through Rajin',
      { ...base, hsCodes: ['2701'], direction: 'services' as const, siteName: 'Rajin port', attributes: { originCountry: 'RU' } },
      'exemption_required',
      'UNSC-2371-OP8-RAJIN-COAL-TRANSIT',
    ],
  ])('%s', (_label, opportunity, verdict, ruleId) => {
    const evaluation = evaluateOpportunity(rules, opportunity);
    expect(evaluation.verdict).toBe(verdict);
    expect(evaluation.rules.map((r) => r.id)).toContain(ruleId);
  });

  it('sends an activity with nothing classifiable to review', () => {
    expect(evaluateOpportunity(rules, { ...base, hsCodes: [], direction: 'services' }).verdict).toBe('review');
  });
});

describe('decide', () => {
  const clearish = { verdict: 'clear' as const, rules: [], reasons: [], ruleSetVersion: rules.version };

  it('prohibits on a designated party whatever the activity', () => {
    expect(decide(clearish, [hit('designated')], true).verdict).toBe('prohibited');
  });

  it('sends a possible hit to review', () => {
    expect(decide(clearish, [hit('possible')], true).verdict).toBe('review');
  });

  it('never says clear without a list', () => {
    const decision = decide(clearish, [], false);
    expect(decision.verdict).toBe('review');
    expect(decision.reasons).toContain('no sanctions list is loaded: names were not screened');
  });

  it('says clear only with a list, no hit and a clear activity', () => {
    expect(decide(clearish, [], true).verdict).toBe('clear');
  });
});
