import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { MatchingSubjects } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly } from '../auth/api-key.guard.js';
import { optionalInt } from '../http-params.js';

const deadLetterSchema = {
  type: 'object',
  required: ['seq', 'stream', 'consumer', 'subject', 'id', 'payload', 'deliveries', 'error', 'parkedAt'],
  properties: {
    seq: { type: 'integer', description: 'its position in the dead-letter stream: what replay takes' },
    stream: { type: 'string', example: 'COMPANIES' },
    consumer: { type: 'string', example: 'matching-companies-p7' },
    subject: { type: 'string', example: 'companies.v1.company.upserted.7' },
    id: { type: 'string', description: "the event's id (the owner's schema and outbox sequence)", example: 'companies:1042' },
    payload: { type: 'object', description: 'the event as its owner published it' },
    deliveries: { type: 'integer', description: 'how many times it was delivered and failed' },
    error: { type: 'string', description: 'the last failure' },
    parkedAt: { type: 'string', format: 'date-time' },
  },
};

/** Events the matching service could not apply after every retry: parked so that the events behind them went on. */
@ApiTags('operations')
@ApiSecurity('api-key')
@AdminOnly()
@Controller('v1/dead-letters')
export class DeadLettersHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Get()
  @ApiOperation({ summary: 'Events parked after failing every delivery, oldest first' })
  @ApiQuery({ name: 'after', required: false, type: 'integer', description: 'the `next` of the previous page (0: from the start)' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: '1 to 200, default 50' })
  @ApiOkResponse({
    description: 'A page of dead letters; `next` is null at the end',
    schema: { type: 'object', required: ['items', 'next'], properties: { items: { type: 'array', items: deadLetterSchema }, next: { type: 'integer', nullable: true } } },
  })
  list(@Query('after') after?: string, @Query('limit') limit?: string) {
    return this.bus.request(MatchingSubjects.deadLetterList, { after: optionalInt('after', after, 0, Number.MAX_SAFE_INTEGER), limit: optionalInt('limit', limit, 1, 200) });
  }

  @Post(':seq/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a parked event again (once its cause is fixed) and remove it from the dead letters' })
  @ApiOkResponse({ schema: { type: 'object', required: ['seq', 'replayed'], properties: { seq: { type: 'integer' }, replayed: { type: 'boolean', enum: [true] } } } })
  replay(@Param('seq') seq: string) {
    return this.bus.request(MatchingSubjects.deadLetterReplay, { seq: optionalInt('seq', seq, 1, Number.MAX_SAFE_INTEGER)! });
  }
}
