import { describe, expect, it } from '@jest/globals';
import type { DismissalChangesReply, PartyKind, VersionsReply } from '#contracts';
import type { ScreeningClient } from '../clients/screening.client.js';
import type { DecisionsRepository } from './decisions.repository.js';
import type { PartyDecision } from './party-decision.js';
import { PartyDecisions } from './party-decisions.service.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function decision(kind: PartyKind, n: number, verdict: PartyDecision['verdict'] = 'review'): PartyDecision {
  return {
    id: `d_${kind}_${n}_${verdict}`,
    kind,
    partyId: uuid(n),
    partyVersion: 1,
    verdict,
    ruleIds: [],
    listHits: [],
    reasons: [],
    listVersion: 'L1',
    rulesVersion: '1.0.0',
    decidedAt: '2026-12-01T00:00:00.000Z',
    screened: true,
  };
}

/** The stored decisions and a screening service that answers versions and dismissal changes as told. */
function harness(held: PartyDecision[]) {
  const state: { versions: VersionsReply; changes: DismissalChangesReply; asked: number[] } = {
    versions: { listVersion: 'L1', rulesVersion: '1.0.0', dismissalsSeq: 0 },
    changes: { parties: [], last: 0 },
    asked: [],
  };
  const repository = { all: async () => held, put: async () => undefined, remove: async () => undefined } as unknown as DecisionsRepository;
  const screening = {
    versions: async () => state.versions,
    dismissalChanges: async (after: number) => {
      state.asked.push(after);
      return state.changes;
    },
  } as unknown as ScreeningClient;
  return { decisions: new PartyDecisions(repository, screening), state };
}

describe('PartyDecisions and dismissals', () => {
  it('makes due the parties whose dismissals changed, and only those, until screening decides them again', async () => {
    const { decisions, state } = harness([decision('company', 1), decision('company', 2), decision('opportunity', 3)]);
    await decisions.load(() => true);
    await decisions.syncVersions();
    expect(decisions.due(10)).toEqual({ companies: [], opportunities: [] });

    state.versions = { ...state.versions, dismissalsSeq: 7 };
    state.changes = { parties: [{ kind: 'company', id: uuid(2) }, { kind: 'opportunity', id: uuid(3) }, { kind: 'company', id: uuid(99) }], last: 7 };
    await decisions.syncVersions();
    expect(decisions.due(10)).toEqual({ companies: [uuid(2)], opportunities: [uuid(3)] });
    expect(decisions.dueCount()).toBe(2);

    await decisions.save([decision('company', 2, 'clear'), decision('opportunity', 3, 'review')].map((d) => ({ ...d, id: `${d.id}_again` })));
    expect(decisions.dueCount()).toBe(0);
    expect(decisions.company(uuid(2))?.verdict).toBe('clear');
  });

  it('asks for every change after a start, then for those after the last one seen, and not at all while the number stands', async () => {
    const { decisions, state } = harness([decision('company', 1)]);
    await decisions.load(() => true);
    state.versions = { ...state.versions, dismissalsSeq: 40 };
    state.changes = { parties: [{ kind: 'company', id: uuid(1) }], last: 40 };
    await decisions.syncVersions();
    expect(decisions.due(10).companies).toEqual([uuid(1)]);
    await decisions.syncVersions();
    state.versions = { ...state.versions, dismissalsSeq: 41 };
    state.changes = { parties: [], last: 41 };
    await decisions.syncVersions();
    expect(state.asked).toEqual([0, 40]);
  });
});
