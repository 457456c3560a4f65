import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CompaniesSubjects,
  ErrorCode,
  INTRODUCTION_STATUSES,
  IntroductionDecisionBody,
  MatchingSubjects,
  ScreeningSubjects,
  type Caller,
  type HeldIntroductionView,
  type IntroductionStatus,
  type IntroductionView,
  type OpportunityView,
  type RequestIntroductionRequest,
} from '#contracts';
import { DomainError, isUnreachable, MESSAGE_BUS, RpcError, type MessageBus } from '#platform';
import { AdminOnly, CurrentCaller } from '../auth/api-key.guard.js';
import { optionalInt, uuidParam } from '../http-params.js';
import { locateOpportunity } from '../sectors/opportunity-locator.js';

/** An introduction as its partner sees it: the counterparty's contact only once it is granted. */
type IntroductionResponse = IntroductionView & { counterparty?: { name: string; contact: string | null } };

@ApiTags('introductions')
@ApiSecurity('api-key')
@Controller('v1')
export class IntroductionsHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

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
    if (!caller.partnerId) throw new DomainError(ErrorCode.FORBIDDEN, 'Introductions are requested by partners');
    const match = await this.bus.request(MatchingSubjects.matchGet, { id: uuidParam('id', id) });
    const company = await this.bus.request(CompaniesSubjects.companyGet, { caller, id: match.companyId });
    const opportunity = (await locateOpportunity(this.bus, match.opportunityId, true)) as OpportunityView;
    const payload: RequestIntroductionRequest = {
      matchId: match.id,
      partnerId: caller.partnerId,
      company: {
        id: company.id,
        name: company.name,
        owners: company.owners.map(({ name }) => ({ name })),
        directors: company.directors.map(({ name }) => ({ name })),
      },
      opportunity: {
        id: opportunity.id,
        counterpartyName: opportunity.counterparty.name,
        direction: opportunity.direction,
        structure: opportunity.structure,
        hsCodes: opportunity.hsCodes,
        siteName: opportunity.site.name,
        attributes: opportunity.attributes,
      },
    };
    try {
      return withContact(await this.bus.request(ScreeningSubjects.introductionRequest, payload), opportunity);
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const held = await this.hold(payload, error);
      response.status(HttpStatus.ACCEPTED);
      return held;
    }
  }

  @Get('introductions/:id')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<IntroductionResponse> {
    const introduction = await this.bus.request(ScreeningSubjects.introductionGet, { caller, id: uuidParam('id', id) });
    if (introduction.status !== 'granted') return introduction;
    return withContact(introduction, (await locateOpportunity(this.bus, introduction.opportunityId, true)) as OpportunityView);
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

  /** Has matching keep the request until screening answers; if matching cannot either, the screening failure stands. */
  private async hold(payload: RequestIntroductionRequest, screeningFailure: RpcError): Promise<HeldIntroductionView> {
    try {
      return await this.bus.request(MatchingSubjects.introductionHold, payload);
    } catch (error) {
      if (isUnreachable(error)) throw screeningFailure;
      throw error;
    }
  }
}

function withContact(introduction: IntroductionView, opportunity: OpportunityView): IntroductionResponse {
  if (introduction.status !== 'granted') return introduction;
  return { ...introduction, counterparty: { name: opportunity.counterparty.name, contact: opportunity.counterparty.contact ?? null } };
}
