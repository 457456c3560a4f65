import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { CompaniesSubjects, ErrorCode, type Caller } from '#contracts';
import { ADMIN_ROUTE, DomainError, MESSAGE_BUS, PUBLIC_ROUTE, type MessageBus } from '#platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

export { AdminOnly, Public } from '#platform';
const PUBLIC = PUBLIC_ROUTE;
const ADMIN_ONLY = ADMIN_ROUTE;

type AuthedRequest = Request & { caller?: Caller };

/** The caller the guard established for this request. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().caller!;
});

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Authenticates `X-API-Key`: the admin key from config, or a partner key known to the companies
 * service. No key or an unknown key → 401; a partner's key on an admin-only route → 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly cache = new Map<string, { partnerId: string; expires: number }>();
  private readonly adminDigest: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.adminDigest = sha256(config.ADMIN_API_KEY);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const key = request.header('x-api-key');
    if (!key) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Missing X-API-Key header');
    const digest = sha256(key);
    if (timingSafeEqual(digest, this.adminDigest)) {
      request.caller = { partnerId: null, admin: true };
      return true;
    }
    // An unknown key is 401 on every route; a known partner's key on an admin route is 403.
    const partnerId = await this.partnerOf(digest.toString('hex'));
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This operation needs the admin key');
    }
    request.caller = { partnerId, admin: false };
    return true;
  }

  private async partnerOf(apiKeyHash: string): Promise<string> {
    const cached = this.cache.get(apiKeyHash);
    if (cached && cached.expires > Date.now()) return cached.partnerId;
    const partner = await this.bus.request(CompaniesSubjects.partnerAuthenticate, { apiKeyHash });
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(apiKeyHash, { partnerId: partner.id, expires: Date.now() + this.config.AUTH_CACHE_MS });
    return partner.id;
  }
}
