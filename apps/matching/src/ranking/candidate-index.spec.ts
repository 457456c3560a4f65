import { describe, expect, it } from '@jest/globals';
import type { OpportunitySummary } from '#contracts';
import { opportunity } from '../domain/scoring/scoring.fixtures.js';
import { CandidateIndex } from './candidate-index.js';

function summary(id: string, sector: OpportunitySummary['sector']): OpportunitySummary {
  return { ...opportunity({ id, sector }), counterparty: { name: 'Counterparty' } } as unknown as OpportunitySummary;
}

describe('CandidateIndex.opportunitiesFor', () => {
  it('lists the opportunities of the sectors asked for, as they are after every put and remove', () => {
    const index = new CandidateIndex();
    index.putOpportunity(summary('o-1', 'mining'), false);
    index.putOpportunity(summary('o-2', 'electricity'), false);
    const ids = (sectors: OpportunitySummary['sector'][]) => index.opportunitiesFor(sectors).map((o) => o.id).sort();
    expect(ids(['mining'])).toEqual(['o-1']);
    index.putOpportunity(summary('o-3', 'mining'), false);
    expect(ids(['mining'])).toEqual(['o-1', 'o-3']);
    expect(ids(['mining', 'electricity'])).toEqual(['o-1', 'o-2', 'o-3']);
    index.removeOpportunity('o-1');
    expect(ids(['mining'])).toEqual(['o-3']);
    index.putOpportunity(summary('o-3', 'electricity'), false);
    expect(ids(['mining'])).toEqual([]);
    expect(ids(['electricity'])).toEqual(['o-2', 'o-3']);
    expect(ids(['automobile'])).toEqual([]);
  });

  it('keeps each sector split by class, and moves an opportunity whose class changes', () => {
    const index = new CandidateIndex();
    index.putOpportunity(summary('o-1', 'electricity'), false);
    index.putOpportunity(summary('o-2', 'electricity'), true);
    index.putOpportunity(summary('o-3', 'electricity'), false);
    const ids = (cls: 'leads' | 'prohibited') => index.opportunitiesFor(['electricity'], cls).map((o) => o.id).sort();
    expect(ids('leads')).toEqual(['o-1', 'o-3']);
    expect(ids('prohibited')).toEqual(['o-2']);
    index.putOpportunity(summary('o-3', 'electricity'), true);
    expect(ids('leads')).toEqual(['o-1']);
    expect(ids('prohibited')).toEqual(['o-2', 'o-3']);
    expect(index.opportunity('o-3')!.barred).toBe(true);
  });
});
