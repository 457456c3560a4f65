import type { IntroductionDecidedEvent, LeadsCreatedEvent, LeadsVerdictChangedEvent } from '#contracts';
import type { WebhookEvent } from './webhook-queue.repository.js';

/**
 * What a partner's endpoint is told of each source event: one delivery per lead (a lead event
 * carries every lead of one company), never a counterparty's contact. Each key names the source
 * event by its owner's outbox (aggregate and sequence) and the lead, so consuming the event again
 * — or a replay of it from the dead letters — enqueues nothing new.
 */

export function matchCreatedEvents(event: LeadsCreatedEvent): WebhookEvent[] {
  const { companyId, leads } = event.payload;
  return leads.map((lead) => ({
    key: `match.created:${event.aggregateId}:${event.seq}:${lead.matchId}`,
    score: lead.score,
    data: { matchId: lead.matchId, companyId, opportunityId: lead.opportunityId, sector: lead.sector, score: lead.score, verdict: lead.verdict },
  }));
}

export function matchVerdictChangedEvents(event: LeadsVerdictChangedEvent): WebhookEvent[] {
  const { companyId, changes } = event.payload;
  return changes.map((change) => ({
    key: `match.verdict_changed:${event.aggregateId}:${event.seq}:${change.matchId}`,
    data: {
      matchId: change.matchId,
      companyId,
      opportunityId: change.opportunityId,
      sector: change.sector,
      score: change.score,
      verdict: change.verdict,
      previousVerdict: change.previousVerdict,
    },
  }));
}

/** An introduction is decided once: its id names the event. */
export function introductionDecidedEvents(event: IntroductionDecidedEvent): WebhookEvent[] {
  const view = event.payload;
  return [
    {
      key: `introduction.decided:${view.id}`,
      data: {
        introductionId: view.id,
        matchId: view.matchId,
        companyId: view.companyId,
        opportunityId: view.opportunityId,
        status: view.status,
        exemptionReference: view.exemptionReference,
        decisionNote: view.decisionNote,
        decidedAt: view.decidedAt,
      },
    },
  ];
}
