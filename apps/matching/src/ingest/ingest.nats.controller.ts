import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CompaniesSubjects,
  MatchingSubjects,
  ScreeningSubjects,
  SECTOR_IDS,
  sectorSubjects,
  type MatchingStatusReply,
  type OutboxAppendedEvent,
  type VersionsChangedEvent,
} from '#contracts';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { HeldIntroductionsForwarder } from '../introductions/held-introductions.forwarder.js';
import { LeadStore } from '../leads/lead-store.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { OutboxFollowerService } from './outbox-follower.service.js';

@Controller()
export class IngestNatsController {
  constructor(
    private readonly follower: OutboxFollowerService,
    private readonly heldForwarder: HeldIntroductionsForwarder,
    private readonly index: CandidateIndex,
    private readonly leads: LeadStore,
    private readonly decisions: PartyDecisions,
  ) {}

  @MessagePattern(MatchingSubjects.status)
  status(): MatchingStatusReply {
    const { leads, prohibited } = this.leads.size;
    return { cursors: this.follower.status(), ...this.index.size, matches: leads + prohibited, leads, prohibited, decisionsDue: this.decisions.dueCount() };
  }

  @EventPattern([CompaniesSubjects.outboxAppended, ...SECTOR_IDS.map((s) => sectorSubjects(s).outboxAppended)])
  outboxAppended(@Payload() _hint: OutboxAppendedEvent) {
    this.follower.wake();
  }

  @EventPattern(ScreeningSubjects.versionsChanged)
  screeningChanged(@Payload() _event: VersionsChangedEvent) {
    this.follower.screeningChanged();
    this.heldForwarder.wake();
  }
}
