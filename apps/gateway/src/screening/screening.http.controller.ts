import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NameCheckRequest, ScreeningSubjects } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { StaffOnly } from '../auth/api-key.guard.js';
import { optionalCursor, optionalInt } from '../http-params.js';
import { ref } from '../openapi/reply.schema.js';

/** Verifying reads and hashes the whole log. */
const AUDIT_VERIFY_TIMEOUT_MS = 60_000;

@ApiTags('screening')
@ApiSecurity('api-key')
@StaffOnly()
@Controller('v1')
export class ScreeningHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post('screening/check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Screen one name against the UN consolidated list, with explained hits',
    description:
      'Optional `type` (individual or entity), `dateOfBirth` (YYYY or YYYY-MM-DD) and `nationality` (ISO 3166-1 alpha-2). ' +
      'A listed individual whose every recorded date of birth, or every recorded nationality, contradicts the one given is demoted ' +
      '(date of birth −0.25, nationality −0.15); one that agrees raises the score (same day +0.1, year +0.03, nationality +0.03); ' +
      'nothing recorded, or a record that cannot be read, changes nothing. A hit whose score evidence changed carries `nameScore` and ' +
      '`evidence` (why); entries the name matched that evidence took below the threshold are listed under `demoted`. ' +
      'A low-quality alias of the list never makes a hit alone: only when the name is exactly that alias, and then at most `possible`.',
  })
  @ApiOkResponse({ description: 'The hits, best first, and what the evidence demoted', schema: ref('NameCheck') })
  check(@Body() body: NameCheckRequest) {
    return this.bus.request(ScreeningSubjects.nameCheck, body);
  }

  @Get('audit/verify')
  @ApiOperation({ summary: "Recompute the audit log's hash chain and name its first broken link" })
  @ApiOkResponse({
    description:
      'Every entry stores the hash of the one before it. `valid` is false when an entry is missing from its position, was altered ' +
      'after it was written, or no longer links to its predecessor; `firstBroken` names the position, the entry (seq) and the reason. ' +
      'Record `head` outside the platform: a log cut short at its end is only seen against a recorded head.',
    schema: {
      type: 'object',
      required: ['valid', 'entries', 'head', 'firstBroken', 'verifiedAt'],
      properties: {
        valid: { type: 'boolean' },
        entries: { type: 'integer', description: 'entries checked and found intact, from the first' },
        head: { type: 'object', nullable: true, properties: { position: { type: 'integer' }, hash: { type: 'string' } } },
        firstBroken: {
          type: 'object',
          nullable: true,
          properties: {
            position: { type: 'integer' },
            seq: { type: 'integer', nullable: true },
            reason: { type: 'string', enum: ['entry missing', 'entry altered', 'link to the previous entry broken'] },
          },
        },
        verifiedAt: { type: 'string', format: 'date-time' },
      },
    },
  })
  verifyAudit() {
    return this.bus.request(ScreeningSubjects.auditVerify, {}, { timeoutMs: AUDIT_VERIFY_TIMEOUT_MS });
  }

  @Get('audit')
  @ApiOperation({ summary: 'The append-only audit log of verdicts, introduction decisions and list decisions (list.held, list.confirmed, list.rejected)' })
  @ApiQuery({
    name: 'after',
    required: false,
    type: 'string',
    description: "the page before's `nextCursor` (none: from the start). Deprecated, kept for one version: a bare seq, the `nextAfter` of the page before.",
  })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: 'at most this many entries (1 to 500, default 100)' })
  @ApiQuery({ name: 'kind', required: false, description: 'e.g. company.decision, opportunity.decision, introduction.requested' })
  @ApiQuery({ name: 'decision', required: false, description: 'the entry of one party decision (a match cites its two in compliance.decisions)' })
  @ApiOkResponse({
    description:
      'Entries in seq order, at most `limit` and at most AUDIT_PAGE_MAX_BYTES of JSON (512 KiB unless configured): a page of large ' +
      'entries holds fewer than `limit`. An entry larger than the budget comes alone. Read on with `after=nextCursor` until nextCursor is null.',
    schema: {
      type: 'object',
      required: ['items', 'nextCursor', 'nextAfter'],
      properties: {
        items: { type: 'array', items: ref('AuditEntry') },
        nextCursor: { type: 'string', nullable: true, description: 'the `after` of the next page (opaque); null when nothing more is selected' },
        nextAfter: { type: 'integer', nullable: true, deprecated: true, description: 'Deprecated: the seq of the last entry given; read on with `nextCursor`' },
      },
    },
  })
  audit(@Query('after') after?: string, @Query('limit') limit?: string, @Query('kind') kind?: string, @Query('decision') decision?: string) {
    return this.bus.request(ScreeningSubjects.auditList, {
      // A bare seq is the deprecated `after`; anything else must be a cursor this list gave.
      ...(after !== undefined && /^\d+$/.test(after) ? { after: optionalInt('after', after, 0, Number.MAX_SAFE_INTEGER) } : { cursor: optionalCursor(after) }),
      limit: optionalInt('limit', limit, 1, 500),
      ...(kind ? { kind } : {}),
      ...(decision ? { decision } : {}),
    });
  }
}
