import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DISMISSAL_STATES, DismissalBody, ScreeningSubjects, type DismissalState } from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { CurrentOfficer, OfficerOnly, StaffOnly, type OfficerIdentity } from '../auth/api-key.guard.js';
import { optionalInt, uuidParam } from '../http-params.js';
import { ref } from '../openapi/reply.schema.js';
import { DismissalsService } from './dismissals.service.js';

@ApiTags('dismissals')
@ApiSecurity('api-key')
@Controller('v1')
export class DismissalsHttpController {
  constructor(
    private readonly dismissals: DismissalsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @Post('matches/:id/dismissals')
  @HttpCode(201)
  @OfficerOnly()
  @ApiOperation({
    summary: "Dismiss a false list hit of a match's party (compliance officer)",
    description:
      'Records that the party (company, owner, director or counterparty) named is not the listed entry its possible hit names, with a reason; audited as dismissal.recorded. ' +
      'The hit then counts for nothing in that party\'s decision, and the verdicts of all its matches are recomputed (the sectoral rules still apply). ' +
      'A dismissal expires after DISMISSAL_PERIOD_DAYS (180) or at `expiresAt` if earlier, and is void as soon as the listed entry changes in a new list version, ' +
      "or the party's name, date of birth or nationality changes. A designated hit (score ≥ 0.90) cannot be dismissed.",
  })
  @ApiResponse({ status: 201, description: 'The dismissal (state active)' })
  @ApiResponse({ status: 400, description: 'A field is invalid, or the match shows no such hit (field referenceNumber), or the hit is designated, or expiresAt is past or beyond the period' })
  @ApiResponse({ status: 403, description: "Not a compliance officer's key (the admin key and partners cannot dismiss)" })
  @ApiResponse({ status: 404, description: 'No such match' })
  @ApiResponse({ status: 409, description: 'An active dismissal of this hit exists already' })
  dismiss(@CurrentOfficer() officer: OfficerIdentity, @Param('id') id: string, @Body() body: DismissalBody) {
    return this.dismissals.dismiss(officer, uuidParam('id', id), body);
  }

  @Get('dismissals')
  @StaffOnly()
  @ApiOperation({ summary: 'Dismissals, newest first (admin or officer)' })
  @ApiQuery({ name: 'matchId', required: false })
  @ApiQuery({ name: 'subjectId', required: false, description: 'a company or opportunity id' })
  @ApiQuery({ name: 'state', required: false, enum: DISMISSAL_STATES })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: '1 to 200, default 50' })
  @ApiResponse({ status: 200, description: 'The dismissals', schema: { type: 'array', items: ref('Dismissal') } })
  @ApiResponse({ status: 403, description: 'A partner key' })
  list(@Query('matchId') matchId?: string, @Query('subjectId') subjectId?: string, @Query('state') state?: string, @Query('limit') limit?: string) {
    if (state !== undefined && !DISMISSAL_STATES.includes(state as DismissalState)) {
      throw DomainError.validation([{ field: 'state', reason: `must be one of: ${DISMISSAL_STATES.join(', ')}` }]);
    }
    return this.bus.request(ScreeningSubjects.dismissalList, {
      ...(matchId !== undefined ? { matchId: uuidParam('matchId', matchId) } : {}),
      ...(subjectId !== undefined ? { subjectId: uuidParam('subjectId', subjectId) } : {}),
      ...(state ? { state: state as DismissalState } : {}),
      limit: optionalInt('limit', limit, 1, 200),
    });
  }

  @Get('dismissals/:id')
  @StaffOnly()
  @ApiOperation({ summary: 'One dismissal with its state (active, expired, void) and why it ended' })
  @ApiResponse({ status: 403, description: 'A partner key' })
  @ApiResponse({ status: 404, description: 'No such dismissal' })
  get(@Param('id') id: string) {
    return this.bus.request(ScreeningSubjects.dismissalGet, { id: uuidParam('id', id) });
  }
}
