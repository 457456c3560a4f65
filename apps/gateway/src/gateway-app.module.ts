import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { BusModule, CORRELATION_HEADER, createValidationPipe, OpsModule, runWithCorrelation } from '#platform';
import { ApiKeyCache } from './auth/api-key.cache.js';
import { MeHttpController } from './auth/me.http.controller.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { CompaniesHttpController } from './companies/companies.http.controller.js';
import { HttpErrorFilter } from './errors/http-error.filter.js';
import { GATEWAY_CONFIG, loadGatewayConfig } from './gateway.config.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { ImportsHttpController } from './imports/imports.http.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { requestLifecycle } from './ops/request-lifecycle.js';
import { IntroductionsHttpController } from './introductions/introductions.http.controller.js';
import { SanctionsListHttpController } from './screening/sanctions-list.http.controller.js';
import { IntroductionsService } from './introductions/introductions.service.js';
import { ScreeningHttpController } from './screening/screening.http.controller.js';
import { MatchmakingHttpController } from './matches/matchmaking.http.controller.js';
import { DismissalsHttpController } from './dismissals/dismissals.http.controller.js';
import { DismissalsService } from './dismissals/dismissals.service.js';
import { EvidenceHttpController } from './evidence/evidence.http.controller.js';
import { DeadLettersHttpController } from './events/dead-letters.http.controller.js';
import { EvidenceService } from './evidence/evidence.service.js';
import { OfficersHttpController } from './officers/officers.http.controller.js';
import { AuthFailureLimiter } from './rate-limits/auth-failure.limiter.js';
import { RateCharges } from './rate-limits/rate-charge.js';
import { RateLimitGuard, rateLimitOptions } from './rate-limits/rate-limit.guard.js';
import { PartnersHttpController } from './partners/partners.http.controller.js';
import { SectorsHttpController } from './sectors/sectors.http.controller.js';
import { WebhooksHttpController } from './webhooks/webhooks.http.controller.js';

/** Gives every request a correlation id (the caller's, if it sent a sane one) that follows it through every service. */
function correlation(request: Request, _response: Response, next: NextFunction): void {
  const given = request.header(CORRELATION_HEADER);
  const id = given && /^[\w.-]{8,64}$/.test(given) ? given : undefined;
  runWithCorrelation(id, () => {
    next();
  });
}

@Module({
  imports: [BusModule.forService('gateway'), OpsModule.forService({ service: 'gateway' }), ThrottlerModule.forRootAsync({ useFactory: rateLimitOptions })],
  controllers: [
    MeHttpController,
    PartnersHttpController,
    OfficersHttpController,
    CompaniesHttpController,
    ImportsHttpController,
    WebhooksHttpController,
    SectorsHttpController,
    MatchmakingHttpController,
    IntroductionsHttpController,
    DismissalsHttpController,
    EvidenceHttpController,
    ScreeningHttpController,
    SanctionsListHttpController,
    DeadLettersHttpController,
    HealthHttpController,
  ],
  providers: [
    { provide: GATEWAY_CONFIG, useFactory: loadGatewayConfig },
    IntroductionsService,
    ImportsService,
    RateCharges,
    ApiKeyCache,
    DismissalsService,
    EvidenceService,
    AuthFailureLimiter,
    // In this order: the key is authenticated first, then its request counted against its limit.
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class GatewayAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlation, requestLifecycle).forRoutes('*path');
  }
}
