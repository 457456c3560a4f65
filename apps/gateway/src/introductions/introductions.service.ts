import { Inject, Injectable } from '@nestjs/common';
import {
  CompaniesSubjects,
  ErrorCode,
  MatchingSubjects,
  ScreeningSubjects,
  type Caller,
  screeningPerson,
  type CompanyView,
  type HeldIntroductionView,
  type IntroductionView,
  type MatchView,
  type OpportunityView,
  type RequestIntroductionRequest,
} from '#contracts';
import { DomainError, isUnreachable, MESSAGE_BUS, RpcError, type MessageBus } from '#platform';
import { locateOpportunity } from '../sectors/opportunity-locator.js';

/** An introduction as its partner sees it: the counterparty's contact only once it is granted. */
export type IntroductionResponse = IntroductionView & { counterparty?: { name: string; contact: string | null } };

/** What a request for an introduction gives: screening's answer, or matching's receipt while screening cannot answer. */
export type IntroductionOutcome = { held: false; introduction: IntroductionResponse } | { held: true; receipt: HeldIntroductionView };

/**
 * Gathers what screening needs to decide an introduction (the match from matching, the company
 * from companies, which checks that the caller owns it, the opportunity from the sectors), asks
 * screening, and has matching hold the request while screening cannot answer.
 */
@Injectable()
export class IntroductionsService {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async request(caller: Caller, matchId: string, idempotencyKey?: string): Promise<IntroductionOutcome> {
    if (!caller.partnerId) throw new DomainError(ErrorCode.FORBIDDEN, 'Introductions are requested by partners');
    const { match, company } = await this.ownMatch(caller, matchId);
    const opportunity = (await locateOpportunity(this.bus, match.opportunityId, true)) as OpportunityView;
    const payload: RequestIntroductionRequest = {
      matchId: match.id,
      partnerId: caller.partnerId,
      company: {
        id: company.id,
        name: company.name,
        owners: company.owners.map(screeningPerson),
        directors: company.directors.map(screeningPerson),
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
      ...(idempotencyKey ? { idempotencyKey } : {}),
    };
    try {
      return { held: false, introduction: withContact(await this.bus.request(ScreeningSubjects.introductionRequest, payload), opportunity) };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      return { held: true, receipt: await this.hold(payload, error) };
    }
  }

  async get(caller: Caller, id: string): Promise<IntroductionResponse> {
    const introduction = await this.bus.request(ScreeningSubjects.introductionGet, { caller, id });
    if (introduction.status !== 'granted') return introduction;
    return withContact(introduction, (await locateOpportunity(this.bus, introduction.opportunityId, true)) as OpportunityView);
  }

  /**
   * The match and its company, if the caller's partner owns that company. Whether the match does
   * not exist or belongs to another partner, the answer is the same 404 naming only the match: the
   * other partner's company id (which companies would name) never reaches the caller.
   */
  private async ownMatch(caller: Caller, matchId: string): Promise<{ match: MatchView; company: CompanyView }> {
    try {
      const match = await this.bus.request(MatchingSubjects.matchGet, { id: matchId });
      const company = await this.bus.request(CompaniesSubjects.companyGet, { caller, id: match.companyId });
      return { match, company };
    } catch (error) {
      if (error instanceof RpcError && error.code === ErrorCode.NOT_FOUND) throw DomainError.notFound('Match', matchId);
      throw error;
    }
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
