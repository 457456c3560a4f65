import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ListCandidateDecisionBody, ScreeningSubjects } from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly, StaffOnly } from '../auth/api-key.guard.js';
import { optionalInt, sha256Param } from '../http-params.js';
import { ref } from '../openapi/reply.schema.js';

/** Reading, refreshing and confirming a list can take a full parse and index of the list. */
const LIST_CHANGE_TIMEOUT_MS = 120_000;

const DecisionResponses = () =>
  applyDecorators(
    ApiResponse({ status: 200, description: 'The list status after the decision (version and sha256 in force, candidate null)', schema: ref('ListStatus') }),
    ApiResponse({ status: 400, description: 'sha256 is not 64 hexadecimal digits, or the body is invalid' }),
    ApiResponse({ status: 401, description: 'No X-API-Key' }),
    ApiResponse({ status: 403, description: 'Not the admin key' }),
    ApiResponse({ status: 404, description: 'No stored version has this SHA-256' }),
    ApiResponse({ status: 409, description: 'The version is not the held candidate (in force, superseded, rejected or withdrawn)' }),
  );

@ApiTags('screening')
@ApiSecurity('api-key')
@StaffOnly()
@Controller('v1/screening/list')
export class SanctionsListHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Get()
  @ApiOperation({
    summary: 'The list in force (version, SHA-256 of its file, source, counts) and the candidate held for an admin, if any',
    description:
      'A candidate is a new list that removes any DPRK entry, or more than LIST_MAX_REMOVED_SHARE (default 5 %) of the entries in force. ' +
      'It shows its version, sha256, counts, and under `held` the change (removed, removedShare, added, removedDprk) and the reasons. `lastRefresh` says what the last refresh did.',
  })
  @ApiOkResponse({ schema: ref('ListStatus') })
  status() {
    return this.bus.request(ScreeningSubjects.listGet, {});
  }

  @Post('refresh')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Fetch the list again now',
    description:
      '`outcome`: `in_force` (a new version was put in force), `unchanged` (the file is the version in force: nothing is stored), ' +
      '`held` (stored as the candidate; the version in force stays until an admin confirms), `rejected` (an admin rejected this very file before). ' +
      'A malformed or truncated file is refused with 400 and the list in force stays.',
  })
  @ApiOkResponse({ description: 'The list status after the refresh, and what was done with the file read', schema: ref('ListRefresh') })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  refresh() {
    return this.bus.request(ScreeningSubjects.listRefresh, {}, { timeoutMs: LIST_CHANGE_TIMEOUT_MS });
  }

  @Get('versions')
  @ApiOperation({ summary: 'Stored versions of the list, newest first, each with the SHA-256 of its file, its state and who decided on it' })
  @ApiQuery({ name: 'version', required: false, description: 'one version, e.g. 2026-02-27T00:00:09.554Z' })
  @ApiQuery({ name: 'sha256', required: false })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: '1–200, default 50' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('ListVersion') } })
  versions(@Query('version') version?: string, @Query('sha256') sha256?: string, @Query('limit') limit?: string) {
    if (version !== undefined && (version === '' || version.length > 200)) {
      throw DomainError.validation([{ field: 'version', reason: 'must be 1 to 200 characters' }]);
    }
    return this.bus.request(ScreeningSubjects.listVersions, {
      ...(version !== undefined ? { version } : {}),
      ...(sha256 ? { sha256: sha256Param('sha256', sha256) } : {}),
      limit: optionalInt('limit', limit, 1, 200),
    });
  }

  @Post('candidates/:sha256/confirm')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the held candidate: it is put in force, matching screens again under it, and the confirmation is audited (list.confirmed)',
  })
  @ApiParam({ name: 'sha256', description: 'the candidate’s sha256, as GET /v1/screening/list shows it' })
  @DecisionResponses()
  confirm(@Param('sha256') sha256: string, @Body() body: ListCandidateDecisionBody) {
    return this.decide(sha256, 'confirm', body);
  }

  @Post('candidates/:sha256/reject')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the held candidate: the version in force stays, the rejection is audited (list.rejected), and the same file is not held again' })
  @ApiParam({ name: 'sha256', description: 'the candidate’s sha256, as GET /v1/screening/list shows it' })
  @DecisionResponses()
  reject(@Param('sha256') sha256: string, @Body() body: ListCandidateDecisionBody) {
    return this.decide(sha256, 'reject', body);
  }

  private decide(sha256: string, decision: 'confirm' | 'reject', body: ListCandidateDecisionBody) {
    return this.bus.request(
      ScreeningSubjects.listCandidateDecide,
      { sha256: sha256Param('sha256', sha256), decision, actor: 'admin', ...(body?.note !== undefined ? { note: body.note } : {}) },
      { timeoutMs: LIST_CHANGE_TIMEOUT_MS },
    );
  }
}

