import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, normalizeIp, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ErrorCode } from '#contracts';
import { DomainError } from '#platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

const MINUTE_MS = 60_000;
const MAX_BLOCKED = 10_000;

/**
 * Failed authentications (every 401: no key, an unknown or a revoked one) by client address. Past
 * RATE_LIMIT_AUTH_FAILURES_PER_MINUTE in any minute the address is refused 429 for a minute,
 * before any key it sends is looked at, so guessing keys costs the companies service nothing more.
 * The address is the TCP peer's (IPv6 by /64), as the gateway sees it.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  addressOf(request: Request): string {
    return normalizeIp(request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }

  /** Refuses the request (429) while its address is blocked. */
  assertAllowed(address: string, response: Response, now = Date.now()): void {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return;
    if (until > now) throw this.refusal(response, Math.ceil((until - now) / 1000));
    this.blockedUntil.delete(address);
  }

  /** Counts one failure; the one past the limit blocks the address and is answered 429 itself (returned to be thrown). */
  async failed(address: string, response: Response): Promise<DomainError | undefined> {
    const name = 'auth-failures';
    const record = await this.storage.increment(`${name}:${address}`, MINUTE_MS, this.config.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE, MINUTE_MS, name);
    if (!record.isBlocked) return undefined;
    const now = Date.now();
    if (this.blockedUntil.size >= MAX_BLOCKED) for (const [a, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(a);
    this.blockedUntil.set(address, now + record.timeToBlockExpire * 1000);
    return this.refusal(response, record.timeToBlockExpire);
  }

  private refusal(response: Response, retryAfterSeconds: number): DomainError {
    response.setHeader('Retry-After', String(retryAfterSeconds));
    const limit = this.config.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE;
    return new DomainError(ErrorCode.RATE_LIMITED, `Too many failed authentications from this address (more than ${limit} a minute); retry in ${retryAfterSeconds} s`, {
      limitPerMinute: limit,
      retryAfterSeconds,
    });
  }
}
