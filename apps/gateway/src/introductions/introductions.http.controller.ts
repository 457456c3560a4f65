import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  IDEMPOTENCY_KEY_HEADER,
  INTRODUCTION_STATUSES,
  IntroductionDecisionBody,
  ScreeningSubjects,
  type Caller,
  type HeldIntroductionView,
  type IntroductionStatus,
} from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { CurrentCaller, CurrentOfficer, OfficerOnly, type OfficerIdentity } from '../auth/api-key.guard.js';
import { optionalCursor, optionalIdempotencyKey, optionalInt, uuidParam } from '../http-params.js';
import { ApiCursorQuery } from '../openapi/cursor-query.js';
import { ApiIdempotencyKey } from '../openapi/idempotency.openapi.js';
import { ref } from '../openapi/reply.schema.js';
import { IntroductionsService, type IntroductionResponse } from './introductions.service.js';

@ApiTags('introductions')
@ApiSecurity('api-key')
@Controller('v1')
export class IntroductionsHttpController {
  constructor(
    private readonly introductions: IntroductionsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @Post('matches/:id/introductions')
  @HttpCode(201)
  @ApiOperation({
    summary: "Ask to be introduced to an opportunity's counterparty",
    description:
      'The match is screened again: prohibited → 451 with the rules; review or exemption_required → pending until compliance officers decide (two for exemption_required); clear → granted with the contact. ' +
      'If screening cannot answer, the request is held (202, status held, no contact) and screened as soon as screening answers again; ' +
      'a held answer is not kept under an Idempotency-Key (asking again while screening is down returns the same held request).',
  })
  @ApiIdempotencyKey('asks for the introduction to this match')
  @ApiResponse({ status: 201, description: 'Granted with the contact (clear), or pending for compliance officers', schema: ref('Introduction') })
  @ApiResponse({ status: 202, description: 'Held: screening cannot answer now; screened as soon as it can', schema: ref('HeldIntroduction') })
  @ApiResponse({ status: 403, description: 'Not a partner key' })
  @ApiResponse({ status: 404, description: "No such match, or another partner's" })
  @ApiResponse({ status: 451, description: 'Screened again, the match is prohibited; details name the rules' })
  async request(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<IntroductionResponse | HeldIntroductionView> {
    const outcome = await this.introductions.request(caller, uuidParam('id', id), optionalIdempotencyKey(idempotencyKey));
    if (!outcome.held) return outcome.introduction;
    response.status(HttpStatus.ACCEPTED);
    return outcome.receipt;
  }

  @Get('introductions/:id')
  @ApiOperation({ summary: 'One introduction (its partner, or staff)' })
  @ApiOkResponse({ schema: ref('Introduction') })
  @ApiResponse({ status: 404, description: "No such introduction, or another partner's" })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<IntroductionResponse> {
    return this.introductions.get(caller, uuidParam('id', id));
  }

  @Get('introductions')
  @ApiOperation({ summary: "The caller's introductions, newest first (staff: every partner's)" })
  @ApiQuery({ name: 'status', required: false, enum: INTRODUCTION_STATUSES })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: '1 to 200, default 50' })
  @ApiCursorQuery({ offset: false })
  @ApiOkResponse({ schema: ref('IntroductionPage') })
  list(@CurrentCaller() caller: Caller, @Query('status') status?: string, @Query('limit') limit?: string, @Query('after') after?: string) {
    if (status !== undefined && !INTRODUCTION_STATUSES.includes(status as IntroductionStatus)) {
      throw DomainError.validation([{ field: 'status', reason: `must be one of: ${INTRODUCTION_STATUSES.join(', ')}` }]);
    }
    return this.bus.request(ScreeningSubjects.introductionList, {
      caller,
      status: status as IntroductionStatus | undefined,
      limit: optionalInt('limit', limit, 1, 200),
      after: optionalCursor(after),
    });
  }

  @Post('introductions/:id/decision')
  @HttpCode(200)
  @OfficerOnly()
  @ApiOperation({
    summary: 'Approve or refuse a held introduction (compliance officer)',
    description:
      'The pair is screened again first (prohibited → 451). A refusal, or approving a review one, takes one officer. ' +
      'Approving an exemption_required one needs the 1718 Committee exemption reference and two different officers: the first approval is recorded ' +
      '(status stays pending, `approvals` lists it), the second, by another officer citing the same reference, grants it. ' +
      'Every approval (introduction.approved), grant and refusal is audited with its officer.',
  })
  @ApiResponse({ status: 200, description: 'The introduction: pending with its approvals so far, granted or refused', schema: ref('Introduction') })
  @ApiResponse({ status: 400, description: 'exemptionReference missing, or not the reference of the first approval' })
  @ApiResponse({ status: 403, description: "Not a compliance officer's key: the admin key and partners (the one who asked among them) never approve" })
  @ApiResponse({ status: 409, description: 'Already decided, or this officer already approved it (the second approval must come from another officer)' })
  @ApiResponse({ status: 451, description: 'Screened again, the match is prohibited' })
  decide(@CurrentOfficer() officer: OfficerIdentity, @Param('id') id: string, @Body() body: IntroductionDecisionBody) {
    return this.bus.request(ScreeningSubjects.introductionDecide, { id: uuidParam('id', id), ...body, officer });
  }
}
