import { describe, expect, it } from '@jest/globals';
import type { OpportunitySummary } from '#contracts';
import { opportunity } from '../domain/scoring/scoring.fixtures.js';
import { MatchCatalogue } from './match-catalogue.js';

function summary(id: string, sector: OpportunitySummary['sector']): OpportunitySummary {
  return { ...opportunity({ id, sector }), counterparty: { name: 'Counterparty' } } as unknown as OpportunitySummary;
}

describe('MatchCatalogue.opportunitiesFor', () => {
  it('lists the opportunities of the sectors asked for, as they are after every put and remove', () => {
    const catalogue = new MatchCatalogue();
    catalogue.putOpportunity(summary('o-1', 'mining'));
    catalogue.putOpportunity(summary('o-2', 'electricity'));
    const ids = (sectors: OpportunitySummary['sector'][]) => catalogue.opportunitiesFor(sectors).map((o) => o.id).sort();
    expect(ids(['mining'])).toEqual(['o-1']);
    catalogue.putOpportunity(summary('o-3', 'mining'));
    expect(ids(['mining'])).toEqual(['o-1', 'o-3']);
    expect(ids(['mining', 'electricity'])).toEqual(['o-1', 'o-2', 'o-3']);
    catalogue.removeOpportunity('o-1');
    expect(ids(['mining'])).toEqual(['o-3']);
    catalogue.putOpportunity(summary('o-3', 'electricity'));
    expect(ids(['mining'])).toEqual([]);
    expect(ids(['electricity'])).toEqual(['o-2', 'o-3']);
    expect(ids(['automobile'])).toEqual([]);
  });
});
