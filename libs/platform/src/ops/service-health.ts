import { Inject, Injectable, ServiceUnavailableException, type Type } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { HealthReply } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '../bus/message-bus.js';

/** A check a service adds to its readiness (screening: a list in force, young enough). */
export interface ReadinessCheck {
  readonly key: string;
  /** Resolves with details when up; throws (with the reason) when down. */
  check(): Promise<Record<string, unknown>> | Record<string, unknown>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const OPS_SERVICE_NAME = Symbol('OPS_SERVICE_NAME');

const CHECK_TIMEOUT_MS = 1000;

/**
 * A service's liveness and readiness, through terminus. Live: the process answers. Ready: its
 * messaging connection is up, its database answers (when it has one), and each check it adds is
 * up; while it shuts down it is not ready. The same readiness answers the gateway's `/health`
 * over NATS (`<service>.v1.health.check`) and the service's own `/health/ready`.
 */
@Injectable()
export class ServiceHealth {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly modules: ModuleRef,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(OPS_SERVICE_NAME) private readonly service: string,
    @Inject(READINESS_CHECKS) private readonly checks: Type<ReadinessCheck>[],
  ) {}

  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  /** The readiness result, also when it is not ready (terminus throws it as a 503; here it is returned). */
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness());
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }

  /** The readiness as the gateway's `/health` reads it, under `service` (a sector's name, say) or the service's own. */
  async reply(service = this.service): Promise<HealthReply> {
    const result = await this.ready();
    const checks: HealthReply['checks'] = {};
    const detail: Record<string, unknown> = {};
    for (const [key, { status, ...rest }] of Object.entries(result.details)) {
      checks[key] = status === 'up' ? 'up' : 'down';
      for (const [field, value] of Object.entries(rest)) detail[`${key}.${field}`] = value;
    }
    return { service, status: result.status === 'ok' ? 'up' : 'down', checks, ...(Object.keys(detail).length ? { detail } : {}) };
  }

  private readiness(): HealthIndicatorFunction[] {
    const fns: HealthIndicatorFunction[] = [
      () => {
        const state = this.bus.connectionState();
        const session = this.indicators.check('messaging');
        return state === 'up' ? session.up({ state }) : session.down({ state });
      },
    ];
    const dataSource = this.dataSource();
    if (dataSource) {
      fns.push(() =>
        this.indicators
          .check('database')
          .attempt(async () => {
            await dataSource!.query('SELECT 1');
          })
          .withTimeout(CHECK_TIMEOUT_MS),
      );
    }
    for (const type of this.checks) {
      const c = this.modules.get(type, { strict: false });
      fns.push(() => this.indicators.check(c.key).attempt(() => c.check()).withTimeout(CHECK_TIMEOUT_MS));
    }
    return fns;
  }

  /** The service's database, if it has one (the gateway has none). */
  private dataSource(): DataSource | undefined {
    try {
      return this.modules.get(DataSource, { strict: false });
    } catch {
      return undefined;
    }
  }
}
