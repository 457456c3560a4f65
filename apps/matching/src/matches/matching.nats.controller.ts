import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CompaniesSubjects,
  CompanyMatchesRequest,
  EchoRequest,
  ForgetCompanyRequest,
  MatchingSubjects,
  OpportunityMatchesRequest,
  PreviewRequest,
  MatchByIdRequest,
  RequestIntroductionRequest,
  ScreeningSubjects,
  type VersionsChangedEvent,
  sectorSubjects,
  SECTOR_IDS,
  type OutboxAppendedEvent,
  type HealthReply,
  type MatchingStatusReply,
} from '#contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseHealth, JsonReply } from '#platform';
import { OutboxFollowerService } from '../ingest/outbox-follower.service.js';
import { HeldIntroductionsForwarder } from '../introductions/held-introductions.forwarder.js';
import { HeldIntroductionsService } from '../introductions/held-introductions.service.js';
import { MatchMakerService } from './match-maker.service.js';
import { MatchesRepository } from './matches.repository.js';

const DEFAULT_LIMIT = 20;
const ECHO_REPLIES = new Map<number, JsonReply>();

function echoReply(bytes: number): JsonReply {
  let reply = ECHO_REPLIES.get(bytes);
  if (!reply) {
    const bare = JSON.stringify({ service: 'matching' });
    reply = bytes > bare.length ? JsonReply.of({ service: 'matching', filler: 'x'.repeat(Math.max(0, bytes - bare.length - 12)) }) : new JsonReply(bare);
    if (ECHO_REPLIES.size >= 16) ECHO_REPLIES.clear();
    ECHO_REPLIES.set(bytes, reply);
  }
  return reply;
}

@Controller()
export class MatchingNatsController {
  constructor(
    private readonly matchMaker: MatchMakerService,
    private readonly follower: OutboxFollowerService,
    private readonly repository: MatchesRepository,
    private readonly heldIntroductions: HeldIntroductionsService,
    private readonly heldForwarder: HeldIntroductionsForwarder,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Does no work: the floor a benchmark compares reads with (the same gateway → NATS → service hop).
   * With `bytes`, the same hop moving a body of that size, rendered once per size.
   */
  @MessagePattern(MatchingSubjects.echo)
  echo(@Payload() req: EchoRequest): JsonReply {
    return echoReply(req.bytes ?? 0);
  }

  @MessagePattern(MatchingSubjects.matchGet)
  match(@Payload() req: MatchByIdRequest) {
    return this.matchMaker.matchById(req.id);
  }

  @MessagePattern(MatchingSubjects.companyMatches)
  async companyMatches(@Payload() req: CompanyMatchesRequest): Promise<JsonReply> {
    const { caller, companyId, ...filter } = req;
    return JsonReply.of(await this.matchMaker.companyMatches(companyId, { ...filter, limit: req.limit ?? DEFAULT_LIMIT }, caller));
  }

  @MessagePattern(MatchingSubjects.companyForget)
  forgetCompany(@Payload() req: ForgetCompanyRequest) {
    this.matchMaker.forget(req.id);
    return { id: req.id };
  }

  @MessagePattern(MatchingSubjects.opportunityMatches)
  opportunityMatches(@Payload() req: OpportunityMatchesRequest) {
    return this.matchMaker.opportunityMatches(req.opportunityId, { ...req, limit: req.limit ?? DEFAULT_LIMIT });
  }

  @MessagePattern(MatchingSubjects.preview)
  preview(@Payload() req: PreviewRequest) {
    return this.matchMaker.preview(req.profile, { ...req, limit: req.limit ?? DEFAULT_LIMIT });
  }

  @MessagePattern(MatchingSubjects.status)
  async status(): Promise<MatchingStatusReply> {
    return { cursors: this.follower.status(), ...this.matchMaker.size };
  }

  @MessagePattern(MatchingSubjects.introductionHold)
  holdIntroduction(@Payload() req: RequestIntroductionRequest) {
    return this.heldIntroductions.hold(req);
  }

  @MessagePattern(MatchingSubjects.healthCheck)
  health(): Promise<HealthReply> {
    return databaseHealth('matching', this.dataSource);
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
