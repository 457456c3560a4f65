import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, ScreeningSubjects, type HeldIntroductionView, type RequestIntroductionRequest } from '#contracts';
import { isUnreachable, MESSAGE_BUS, type MessageBus } from '#platform';
import { HeldIntroductionsRepository, type HeldIntroduction } from './held-introductions.repository.js';

export const HELD_REASON =
  'screening is unavailable; the request is kept and screened as soon as screening answers; no contact is given until then';

/** What became of one held request sent to screening. */
type Outcome = 'decided' | 'unreachable' | 'failed';

/**
 * Introduction requests made while screening could not answer: kept in matching's database and sent
 * on to screening, unchanged, once it answers. Screening has decided a request when it replies or
 * refuses it as prohibited (it audits both); only then is the request let go.
 */
@Injectable()
export class HeldIntroductionsService {
  private readonly logger = new Logger(HeldIntroductionsService.name);

  constructor(
    private readonly repository: HeldIntroductionsRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async hold(request: RequestIntroductionRequest): Promise<HeldIntroductionView> {
    const held = await this.repository.hold(request);
    return { status: 'held', matchId: held.matchId, partnerId: held.partnerId, heldAt: held.heldAt, reason: HELD_REASON };
  }

  /**
   * Sends up to `max` held requests to screening, oldest first, and stops at the first one screening
   * cannot take. Returns how many screening decided and whether a further call may find more to send.
   */
  async forwardSome(max: number): Promise<{ decided: number; more: boolean }> {
    const batch = await this.repository.oldest(max);
    let decided = 0;
    for (const held of batch) {
      const outcome = await this.forward(held);
      if (outcome === 'unreachable') return { decided, more: false };
      if (outcome === 'decided') {
        await this.repository.release(held.matchId, held.partnerId);
        decided++;
      }
    }
    return { decided, more: batch.length === max && decided > 0 };
  }

  private async forward(held: HeldIntroduction): Promise<Outcome> {
    try {
      await this.bus.request(ScreeningSubjects.introductionRequest, held.request);
      return 'decided';
    } catch (error) {
      if ((error as { code?: unknown }).code === ErrorCode.PROHIBITED) return 'decided';
      if (isUnreachable(error)) return 'unreachable';
      this.logger.warn({ msg: 'screening did not decide a held introduction; kept for the next try', matchId: held.matchId, error: (error as Error).message });
      return 'failed';
    }
  }
}
