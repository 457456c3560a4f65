import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListDeadLettersRequest,
  MatchingSubjects,
  ReplayDeadLetterRequest,
  type DeadLetterPage,
  type MatchingStatusReply,
} from '#contracts';
import { DomainError, EVENT_LOG, type EventLog } from '#platform';
import { MatchingStatus } from '../partitions/matching-status.service.js';

@Controller()
export class IngestNatsController {
  constructor(
    private readonly matchingStatus: MatchingStatus,
    @Inject(EVENT_LOG) private readonly log: EventLog,
  ) {}

  @MessagePattern(MatchingSubjects.status)
  status(): Promise<MatchingStatusReply> {
    return this.matchingStatus.all();
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
}
