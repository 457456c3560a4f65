import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';

const RATE_COST = 'tumen:rate-cost';

/**
 * What one request to a route counts against its key's RATE_LIMIT_PER_MINUTE: a number, or worked
 * out from the request once its body is parsed. (A bulk import, whose body is read after the
 * guards, counts its rows afterwards: see RateCharges.)
 */
export type RateCostOf = number | ((request: Request) => number);

/** The route costs more than the 1 every other route counts, because it does that much more work. */
export const RateCost = (cost: RateCostOf) => SetMetadata(RATE_COST, cost);

/** What this request counts: its route's RateCost, 1 without one; a whole number, at least 1. */
export function costOf(reflector: Reflector, context: ExecutionContext): number {
  const cost = reflector.getAllAndOverride<RateCostOf | undefined>(RATE_COST, [context.getHandler(), context.getClass()]) ?? 1;
  const value = typeof cost === 'function' ? cost(context.switchToHttp().getRequest<Request>()) : cost;
  return Number.isFinite(value) ? Math.max(1, Math.ceil(value)) : 1;
}
