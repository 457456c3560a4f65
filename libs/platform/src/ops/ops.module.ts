import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { collectProcessMetrics } from './metrics.js';
import { OpsHttpController } from './ops.http.controller.js';
import { OPS_SERVICE_NAME, READINESS_CHECKS, ServiceHealth, type ReadinessCheck } from './service-health.js';

export interface OpsOptions {
  service: string;
  /** Checks the service adds to its readiness: providers of the service's own module, found when asked. */
  checks?: Type<ReadinessCheck>[];
}

/** Liveness, readiness and metrics for one service (its HTTP routes are served where the service listens on HTTP). */
@Module({})
export class OpsModule {
  static forService({ service, checks = [] }: OpsOptions): DynamicModule {
    collectProcessMetrics();
    return {
      module: OpsModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [OpsHttpController],
      providers: [
        { provide: OPS_SERVICE_NAME, useValue: service },
        { provide: READINESS_CHECKS, useValue: checks },
        ServiceHealth,
      ],
      exports: [ServiceHealth],
    };
  }
}
