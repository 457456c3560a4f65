import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EchoRequest, MatchingSubjects, RequestIntroductionRequest, type HealthReply } from '#contracts';
import { JsonReply, ServiceHealth } from '#platform';
import { HeldIntroductionsService } from './introductions/held-introductions.service.js';

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

/** The service's own subjects: health, the echo the benchmark compares reads with, and held introductions. */
@Controller()
export class MatchingNatsController {
  constructor(
    private readonly heldIntroductions: HeldIntroductionsService,
    private readonly serviceHealth: ServiceHealth,
  ) {}

  /**
   * Does no work: the floor a benchmark compares reads with (the same gateway → NATS → service hop).
   * With `bytes`, the same hop moving a body of that size, rendered once per size.
   */
  @MessagePattern(MatchingSubjects.echo)
  echo(@Payload() req: EchoRequest): JsonReply {
    return echoReply(req.bytes ?? 0);
  }

  @MessagePattern(MatchingSubjects.introductionHold)
  holdIntroduction(@Payload() req: RequestIntroductionRequest) {
    return this.heldIntroductions.hold(req);
  }

  @MessagePattern(MatchingSubjects.healthCheck)
  health(): Promise<HealthReply> {
    return this.serviceHealth.reply();
  }
}
