import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NameCheckRequest, ScreeningSubjects } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { StaffOnly } from '../auth/api-key.guard.js';
import { optionalInt } from '../http-params.js';

@ApiTags('screening')
@ApiSecurity('api-key')
@StaffOnly()
@Controller('v1')
export class ScreeningHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post('screening/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Screen one name against the UN consolidated list, with explained hits' })
  check(@Body() body: NameCheckRequest) {
    return this.bus.request(ScreeningSubjects.nameCheck, body);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The append-only audit log of verdicts, introduction decisions and list decisions (list.held, list.confirmed, list.rejected)' })
  @ApiQuery({ name: 'after', required: false, description: 'the seq after which to read: the nextAfter of the previous page (0 or none: from the start)' })
  @ApiQuery({ name: 'limit', required: false, description: 'at most this many entries (1 to 500, default 100)' })
  @ApiQuery({ name: 'kind', required: false, description: 'e.g. company.decision, opportunity.decision, introduction.requested' })
  @ApiQuery({ name: 'decision', required: false, description: 'the entry of one party decision (a match cites its two in compliance.decisions)' })
  @ApiOkResponse({
    description:
      'Entries in seq order, at most `limit` and at most AUDIT_PAGE_MAX_BYTES of JSON (512 KiB unless configured): a page of large ' +
      'entries holds fewer than `limit`. An entry larger than the budget comes alone. Read on with `after=nextAfter` until nextAfter is null.',
    schema: {
      type: 'object',
      required: ['items', 'nextAfter'],
      properties: {
        items: { type: 'array', items: { type: 'object', description: 'an audit entry: seq, kind, decisionId?, verdict, ruleIds, listReferences, listVersion, rulesVersion, actor, inputs, details, occurredAt' } },
        nextAfter: { type: 'integer', nullable: true, description: 'the `after` of the next page; null when nothing more is selected' },
      },
    },
  })
  audit(@Query('after') after?: string, @Query('limit') limit?: string, @Query('kind') kind?: string, @Query('decision') decision?: string) {
    return this.bus.request(ScreeningSubjects.auditList, {
      after: optionalInt('after', after, 0, Number.MAX_SAFE_INTEGER),
      limit: optionalInt('limit', limit, 1, 500),
      ...(kind ? { kind } : {}),
      ...(decision ? { decision } : {}),
    });
  }
}
