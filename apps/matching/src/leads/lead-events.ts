import { Injectable } from '@nestjs/common';
import { LeadEventType, type LeadsCreatedEvent, type LeadsVerdictChangedEvent } from '#contracts';
import { appendOutboxMany, OutboxWaker, type NewOutboxEvent } from '#platform';
import { MATCHING_SCHEMA } from '../database/matching-database.js';
import { Transactions, type TransactionPart } from '../database/transactions.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { LeadChanges, type LeadLedger } from './lead-changes.js';

/** The outbox's own stream column for lead events. */
export const LEADS_OUTBOX_STREAM = 'leads';

/**
 * Matching's lead events, written to its outbox in the transaction that changes the stored
 * matches: one `leads.created` per company that gained leads, one `leads.verdict-changed` per
 * company whose stored matches' verdicts moved, all in one statement just before the commit.
 */
@Injectable()
export class LeadEvents {
  constructor(
    private readonly tx: Transactions,
    private readonly index: CandidateIndex,
    private readonly waker: OutboxWaker,
  ) {}

  /** The changes of the transaction under way, made on first use. */
  changes(ledger: LeadLedger): LeadChanges {
    return this.tx.part(this, () => new TransactionLeadEvents(ledger, this.tx, this.index, this.waker)).changes;
  }
}

class TransactionLeadEvents implements TransactionPart {
  readonly changes: LeadChanges;
  private written = false;

  constructor(
    ledger: LeadLedger,
    private readonly tx: Transactions,
    private readonly index: CandidateIndex,
    private readonly waker: OutboxWaker,
  ) {
    this.changes = new LeadChanges(ledger);
  }

  async beforeCommit(): Promise<void> {
    const events: NewOutboxEvent[] = [];
    for (const { companyId, created, changed } of this.changes.changes()) {
      const partnerId = this.index.company(companyId)?.view.partnerId;
      if (!partnerId) continue;
      if (created.length) {
        const payload: LeadsCreatedEvent['payload'] = { companyId, partnerId, leads: created };
        events.push({ stream: LEADS_OUTBOX_STREAM, type: LeadEventType.CREATED, aggregateId: companyId, payload });
      }
      if (changed.length) {
        const payload: LeadsVerdictChangedEvent['payload'] = { companyId, partnerId, changes: changed };
        events.push({ stream: LEADS_OUTBOX_STREAM, type: LeadEventType.VERDICT_CHANGED, aggregateId: companyId, payload });
      }
    }
    await appendOutboxMany(this.tx.manager(), MATCHING_SCHEMA, events);
    this.written = events.length > 0;
  }

  afterCommit(): void {
    if (this.written) this.waker.wake();
  }
}
