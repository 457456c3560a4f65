import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRuleSet } from '../rules/index.js';
import type { ListEntry } from '../list/index.js';
import { NameIndex } from '../names/name-index.js';
import { activitiesOf, decide, evaluateOpportunity, screenParty, searchList, type ListSnapshot, type PartyHit } from './match-verdict.js';

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

describe('searchList with secondary evidence', () => {
  const entries: ListEntry[] = [
    {
      referenceNumber: 'KPi.033',
      dataId: '1',
      type: 'individual',
      regime: 'DPRK',
      names: [{ value: 'RI WON HO', kind: 'primary' }],
      nameParts: ['RI', 'WON HO'],
      datesOfBirth: ['1964-07-17'],
      placesOfBirth: [],
      addresses: [],
      nationalities: ["Democratic People's Republic of Korea"],
    },
    {
      referenceNumber: 'QDi.406',
      dataId: '2',
      type: 'individual',
      regime: 'Al-Qaida',
      names: [{ value: 'Ahmad Zulqarnain Obwoya', kind: 'primary' }, { value: 'John', kind: 'alias', quality: 'Low' }],
      nameParts: ['Ahmad', 'Zulqarnain', 'Obwoya'],
      datesOfBirth: [],
      placesOfBirth: [],
      addresses: [],
      nationalities: [],
    },
    {
      referenceNumber: 'KPe.001',
      dataId: '3',
      type: 'entity',
      regime: 'DPRK',
      names: [{ value: 'KOREA MINING DEVELOPMENT TRADING CORPORATION', kind: 'primary' }],
      nameParts: ['KOREA MINING DEVELOPMENT TRADING CORPORATION'],
      datesOfBirth: [],
      placesOfBirth: [],
      addresses: [],
      nationalities: [],
    },
  ];
  const index = new NameIndex();
  for (const e of entries) index.add({ id: e.referenceNumber, type: e.type, origin: e.nationalities[0] ?? e.regime, names: e.names });
  const list: ListSnapshot = { version: 'v1', index, entries: new Map(entries.map((e) => [e.referenceNumber, e])) };

  it('takes the name alone when nothing else is given', () => {
    const { hits, demoted } = searchList(list, 'Ri Won Ho');
    expect(hits).toMatchObject([{ referenceNumber: 'KPi.033', score: 1, strength: 'designated' }]);
    expect(hits[0].evidence).toBeUndefined();
    expect(demoted).toEqual([]);
  });

  it('demotes an individual whose recorded date of birth contradicts, and says why', () => {
    const { hits } = searchList(list, 'Ri Won Ho', 'individual', 5, { dateOfBirth: '1980' });
    expect(hits).toMatchObject([{ referenceNumber: 'KPi.033', score: 0.75, nameScore: 1, strength: 'possible' }]);
    expect(hits[0].evidence).toEqual(['born 1980, but every recorded date of birth differs (1964-07-17): -0.25']);
  });

  it('moves a hit that both contradict below the threshold into demoted', () => {
    const { hits, demoted } = searchList(list, 'Ri Won Ho', 'individual', 5, { dateOfBirth: '1980-01-01', nationality: 'RU' });
    expect(hits).toEqual([]);
    expect(demoted).toMatchObject([{ referenceNumber: 'KPi.033', score: 0.6, nameScore: 1 }]);
  });

  it('raises the confidence of an agreeing one, never above 1', () => {
    const { hits } = searchList(list, 'Ri Won Ho', 'individual', 5, { dateOfBirth: '1964-07-17', nationality: 'KP' });
    expect(hits).toMatchObject([{ referenceNumber: 'KPi.033', score: 1, nameScore: 1, strength: 'designated' }]);
    expect(hits[0].evidence).toHaveLength(2);
  });

  it('never weighs an entity with a date of birth', () => {
    const { hits } = searchList(list, 'Korea Mining Development Trading Corporation', undefined, 5, { dateOfBirth: '1980', nationality: 'RU' });
    expect(hits).toMatchObject([{ referenceNumber: 'KPe.001', score: 1, strength: 'designated' }]);
  });

  it('keeps a weak alias queried exactly at possible, and none when it is part of the name', () => {
    expect(searchList(list, 'John').hits).toMatchObject([{ referenceNumber: 'QDi.406', score: 1, strength: 'possible' }]);
    expect(searchList(list, 'John').hits[0].explanation).toContain('a low-quality alias alone is never taken as the listed person: review');
    expect(searchList(list, 'John Smith').hits).toEqual([]);
  });

  it('gives the reasons of a demoted director in the decision', () => {
    const screened = screenParty(list, 'director', 'Ri Won Ho', { dateOfBirth: '1980-01-01', nationality: 'RU' });
    const decision = decide({ verdict: 'clear', rules: [], reasons: [], ruleSetVersion: rules.version }, screened.hits, true, screened.demoted);
    expect(decision.verdict).toBe('clear');
    expect(decision.reasons).toEqual([
      'director "Ri Won Ho" is not taken for the listed individual KPi.033 (RI WON HO): name score 1; born 1980-01-01, but every recorded date of birth ' +
        "differs (1964-07-17): -0.25; nationality RU, but every recorded nationality differs (Democratic People's Republic of Korea): -0.15; 0.6 is below 0.7",
    ]);
  });
});
