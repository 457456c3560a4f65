import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  INTRODUCTION_STATUSES,
  IntroductionDecisionBody,
  ScreeningSubjects,
  type Caller,
  type HeldIntroductionView,
  type IntroductionStatus,
} from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly, CurrentCaller } from '../auth/api-key.guard.js';
import { optionalInt, uuidParam } from '../http-params.js';
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
      'The match is screened again: prohibited → 451 with the rules; review or exemption_required → pending until an admin decides; clear → granted with the contact. ' +
      'If screening cannot answer, the request is held (202, status held, no contact) and screened as soon as screening answers again.',
  })
  async request(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IntroductionResponse | HeldIntroductionView> {
    const outcome = await this.introductions.request(caller, uuidParam('id', id));
    if (!outcome.held) return outcome.introduction;
    response.status(HttpStatus.ACCEPTED);
    return outcome.receipt;
  }

  @Get('introductions/:id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<IntroductionResponse> {
    return this.introductions.get(caller, uuidParam('id', id));
  }

  @Get('introductions')
  @ApiQuery({ name: 'status', required: false, enum: INTRODUCTION_STATUSES })
  @ApiQuery({ name: 'limit', required: false })
  list(@CurrentCaller() caller: Caller, @Query('status') status?: string, @Query('limit') limit?: string) {
    if (status !== undefined && !INTRODUCTION_STATUSES.includes(status as IntroductionStatus)) {
      throw DomainError.validation([{ field: 'status', reason: `must be one of: ${INTRODUCTION_STATUSES.join(', ')}` }]);
    }
    return this.bus.request(ScreeningSubjects.introductionList, {
      caller,
      status: status as IntroductionStatus | undefined,
      limit: optionalInt('limit', limit, 1, 200),
    });
  }

  @Post('introductions/:id/decision')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Approve or refuse a held introduction; approving an exemption_required one needs the exemption reference' })
  decide(@Param('id') id: string, @Body() body: IntroductionDecisionBody) {
    return this.bus.request(ScreeningSubjects.introductionDecide, { id: uuidParam('id', id), ...body, actor: 'admin' });
  }
}
