import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Caller } from '#contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { keyHolderOf, MINUTE_MS, THROTTLER_NAME } from './rate-limit.guard.js';

/**
 * Counts work against a key's RATE_LIMIT_PER_MINUTE once it is known, after the request was let
 * through: a bulk import's rows are known only once its body was read (RateCost is worked out
 * before). The key may go over its limit this way; its next requests wait until the minute has room.
 */
@Injectable()
export class RateCharges {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async charge(caller: Caller, units: number): Promise<void> {
    const key = `${THROTTLER_NAME}:${keyHolderOf(caller)}`;
    for (let spent = 0; spent < units; spent++) {
      await this.storage.increment(key, MINUTE_MS, this.config.RATE_LIMIT_PER_MINUTE, MINUTE_MS, THROTTLER_NAME);
    }
  }
}
