import { Controller, Inject } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListDeadLettersRequest,
  MatchingSubjects,
  ReplayDeadLetterRequest,
  ScreeningSubjects,
  type DeadLetterPage,
  type MatchingStatusReply,
  type VersionsChangedEvent,
} from '#contracts';
import { DomainError, EVENT_LOG, type EventLog } from '#platform';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { HeldIntroductionsForwarder } from '../introductions/held-introductions.forwarder.js';
import { LeadStore } from '../leads/lead-store.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { EventIngestService } from './event-ingest.service.js';

@Controller()
export class IngestNatsController {
  constructor(
    private readonly ingest: EventIngestService,
    private readonly heldForwarder: HeldIntroductionsForwarder,
    private readonly index: CandidateIndex,
    private readonly leads: LeadStore,
    private readonly decisions: PartyDecisions,
    @Inject(EVENT_LOG) private readonly log: EventLog,
  ) {}

  @MessagePattern(MatchingSubjects.status)
  async status(): Promise<MatchingStatusReply> {
    const { leads, prohibited } = this.leads.size;
    return {
      cursors: this.ingest.status(),
      pending: await this.ingest.pending(),
      ...this.index.size,
      matches: leads + prohibited,
      leads,
      prohibited,
      decisionsDue: this.decisions.dueCount(),
    };
  }

  @MessagePattern(MatchingSubjects.deadLetterList)
  deadLetters(@Payload() req: ListDeadLettersRequest): Promise<DeadLetterPage> {
    return this.log.deadLetters(req.after ?? 0, req.limit ?? 50);
  }

  @MessagePattern(MatchingSubjects.deadLetterReplay)
  async replay(@Payload() req: ReplayDeadLetterRequest): Promise<{ seq: number; replayed: true }> {
    if (!(await this.log.replayDeadLetter(req.seq))) throw DomainError.notFound('Dead letter', String(req.seq));
    return { seq: req.seq, replayed: true };
  }

  @EventPattern(ScreeningSubjects.versionsChanged)
  screeningChanged(@Payload() _event: VersionsChangedEvent) {
    this.ingest.screeningChanged();
    this.heldForwarder.wake();
  }
}
