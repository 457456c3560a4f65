import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerRequest } from '@nestjs/throttler';
import type { Request } from 'express';
import { ErrorCode, type Caller } from '#contracts';
import { DomainError } from '#platform';
import { loadGatewayConfig } from '../gateway.config.js';
import { costOf } from './rate-cost.decorator.js';

export const MINUTE_MS = 60_000;
/** The one throttler: every key's requests in any minute. */
export const THROTTLER_NAME = 'default';

/** The per-key limit: RATE_LIMIT_PER_MINUTE in any minute (a sliding window), counted in this process's memory. */
export function rateLimitOptions(): ThrottlerModuleOptions {
  return { throttlers: [{ name: THROTTLER_NAME, ttl: MINUTE_MS, limit: loadGatewayConfig().RATE_LIMIT_PER_MINUTE }] };
}

/** Whose budget a request spends: the key's holder as the API-key guard established it. */
export function keyHolderOf(caller: Caller): string {
  if (caller.officerId) return `officer:${caller.officerId}`;
  return caller.partnerId ? `partner:${caller.partnerId}` : 'admin';
}

/**
 * Counts each authenticated request against its API key, by its route's cost (RateCost, 1 by
 * default), across every route: one key's budget is its own, so a partner over its limit leaves
 * the others as they were. Past the limit the key is refused 429 RATE_LIMITED with `Retry-After`
 * until its window has room again. Runs after ApiKeyGuard; public routes (no key) are not counted.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !callerOf(context.switchToHttp().getRequest<Request>());
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return keyHolderOf(callerOf(request as unknown as Request)!);
  }

  /** One counter per key for every route (the library's default is one per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  /** Spends all but the last unit of the route's cost here; the library's own handling spends the last one and answers. */
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const cost = costOf(this.reflector, props.context);
    if (cost > 1) {
      const request = props.context.switchToHttp().getRequest<Record<string, unknown>>();
      const key = props.generateKey(props.context, await props.getTracker(request, props.context), props.throttler.name!);
      for (let spent = 1; spent < cost; spent++) {
        await this.storageService.increment(key, props.ttl, props.limit, props.blockDuration, props.throttler.name!);
      }
    }
    return super.handleRequest(props);
  }

  /** The platform's envelope (the library's exception would be rendered as a 400); `Retry-After` is already set. */
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError(ErrorCode.RATE_LIMITED, `This API key made more than its ${detail.limit} requests a minute; retry in ${detail.timeToBlockExpire} s`, {
      limitPerMinute: detail.limit,
      retryAfterSeconds: detail.timeToBlockExpire,
    });
  }
}

function callerOf(request: Request): Caller | undefined {
  return (request as Request & { caller?: Caller }).caller;
}
