import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { CompaniesSubjects, ErrorCode, OFFICER_KEY_PREFIX, type Caller } from '#contracts';
import { ADMIN_ROUTE, DomainError, MESSAGE_BUS, PUBLIC_ROUTE, RpcError, type MessageBus } from '#platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { AuthFailureLimiter } from '../rate-limits/auth-failure.limiter.js';
import { ApiKeyCache } from './api-key.cache.js';

export { Public } from '#platform';
const ROLES = 'tumen:roles';

/**
 * Who holds the key: the admin (the one key from config), a compliance officer (a `tmo_` key of
 * their own) or a partner (a `tmn_` key).
 */
export type Role = 'admin' | 'officer' | 'partner';

/** An officer as routes see them: who decides, by id and name (both are audited). */
export interface OfficerIdentity {
  id: string;
  name: string;
}

/** The route needs one of these roles; any other known key is 403. Routes without it take every role. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/** The route needs the admin key (routes marked with the platform's AdminOnly, such as /metrics, too). */
export const AdminOnly = () => Roles('admin');
/** The route needs a compliance officer's own key (a person, so that every decision names who took it). */
export const OfficerOnly = () => Roles('officer');
/** Platform staff: the admin key or an officer's key (reading the audit log, the list, the evidence). */
export const StaffOnly = () => Roles('admin', 'officer');

type AuthedRequest = Request & { caller?: Caller; officer?: OfficerIdentity };

/** The caller the guard established for this request. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().caller!;
});

/** The officer whose key made this request (routes marked OfficerOnly). */
export const CurrentOfficer = createParamDecorator((_: unknown, ctx: ExecutionContext): OfficerIdentity => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().officer!;
});

function isUnauthenticated(error: unknown): boolean {
  return (error instanceof DomainError || error instanceof RpcError) && error.code === ErrorCode.UNAUTHENTICATED;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const ROLE_NAMES: Record<Role, string> = { admin: 'the admin key', officer: "a compliance officer's key", partner: "a partner's key" };

/**
 * Authenticates `X-API-Key`: the admin key from config, an officer key or a partner key known to
 * the companies service (only their SHA-256 is sent). No key or an unknown key → 401; a known key
 * whose role the route does not take → 403. Officers are staff: they see every partner's data
 * (`admin: true` downstream) and are named by `officerId`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly adminDigest: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly cache: ApiKeyCache,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly authFailures: AuthFailureLimiter,
  ) {
    this.adminDigest = sha256(config.ADMIN_API_KEY);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = this.authFailures.addressOf(request);
    this.authFailures.assertAllowed(address, response);
    // An unknown key is 401 on every route (and counts against the address); a known key of a role the route does not take is 403.
    const who = await this.identify(request.header('x-api-key')).catch(async (error: unknown) => {
      if (!isUnauthenticated(error)) throw error;
      throw (await this.authFailures.failed(address, response)) ?? error;
    });
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? (this.reflector.getAllAndOverride<boolean>(ADMIN_ROUTE, targets) ? ['admin'] : undefined);
    if (roles && !roles.includes(who.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `This operation needs ${roles.map((r) => ROLE_NAMES[r]).join(' or ')}`);
    }
    request.caller = who.caller;
    if (who.officer) request.officer = who.officer;
    return true;
  }

  private async identify(key: string | undefined): Promise<{ role: Role; caller: Caller; officer?: OfficerIdentity }> {
    if (!key) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Missing X-API-Key header');
    const digest = sha256(key);
    if (timingSafeEqual(digest, this.adminDigest)) return { role: 'admin', caller: { partnerId: null, admin: true } };
    return this.lookUp(key, digest.toString('hex'));
  }

  private async lookUp(key: string, apiKeyHash: string): Promise<{ role: Role; caller: Caller; officer?: OfficerIdentity }> {
    const now = Date.now();
    let entry = this.cache.get(apiKeyHash, now);
    if (!entry) {
      if (key.startsWith(OFFICER_KEY_PREFIX)) {
        const officer = await this.bus.request(CompaniesSubjects.officerAuthenticate, { apiKeyHash });
        entry = { caller: { partnerId: null, admin: true, officerId: officer.id }, officer: { id: officer.id, name: officer.name }, expires: now + this.config.AUTH_CACHE_MS };
      } else {
        const partner = await this.bus.request(CompaniesSubjects.partnerAuthenticate, { apiKeyHash });
        entry = { caller: { partnerId: partner.id, admin: false }, expires: now + this.config.AUTH_CACHE_MS };
      }
      this.cache.set(apiKeyHash, entry);
    }
    return { role: entry.officer ? 'officer' : 'partner', caller: entry.caller, ...(entry.officer ? { officer: entry.officer } : {}) };
  }
}
