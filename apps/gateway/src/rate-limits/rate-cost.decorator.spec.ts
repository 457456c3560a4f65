import { describe, expect, it } from '@jest/globals';
import { Controller, Post, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { costOf, RateCost } from './rate-cost.decorator.js';

@Controller()
class Routes {
  @Post()
  read(): void {}

  @Post()
  @RateCost(10)
  preview(): void {}

  @Post()
  @RateCost((request) => (request.body as { rows: unknown[] }).rows.length)
  bulk(): void {}
}

@Controller()
@RateCost(3)
class CostlyRoutes {
  @Post()
  any(): void {}

  @Post()
  @RateCost(1)
  cheap(): void {}
}

function contextOf(controller: object, handler: string, body: unknown = {}): ExecutionContext {
  const type = controller as { prototype: Record<string, () => void> };
  return {
    getHandler: () => type.prototype[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => ({ body }) }),
  } as unknown as ExecutionContext;
}

describe('costOf', () => {
  const reflector = new Reflector();

  it.each([
    ['a route without RateCost', Routes, 'read', {}, 1],
    ['a fixed cost', Routes, 'preview', {}, 10],
    ['a cost worked out from the body (rows of a bulk import)', Routes, 'bulk', { rows: [1, 2, 3, 4, 5] }, 5],
    ['a cost from an empty bulk, at least 1', Routes, 'bulk', { rows: [] }, 1],
    ["the controller's cost", CostlyRoutes, 'any', {}, 3],
    ["a route's own cost over its controller's", CostlyRoutes, 'cheap', {}, 1],
  ])('%s', (_what, controller, handler, body, expected) => {
    expect(costOf(reflector, contextOf(controller, handler, body))).toBe(expected);
  });
});
