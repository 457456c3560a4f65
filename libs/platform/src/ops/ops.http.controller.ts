import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { metricsRegistry } from './metrics.js';
import { AdminOnly, Public } from './route-access.js';
import { ServiceHealth } from './service-health.js';

/**
 * What a platform team scrapes and probes: `/health/live`, `/health/ready` (200, or 503 with what
 * is down) and `/metrics` (Prometheus text). Served on each service's OPS_PORT, and by the gateway
 * on its own port, where the probes are public and the metrics need the admin key.
 */
@ApiExcludeController()
@Controller()
export class OpsHttpController {
  constructor(private readonly health: ServiceHealth) {}

  @Get('/health/live')
  @Public()
  async live(@Res() response: Response): Promise<void> {
    response.status(HttpStatus.OK).json(await this.health.live());
  }

  @Get('/health/ready')
  @Public()
  async ready(@Res() response: Response): Promise<void> {
    const result = await this.health.ready();
    response.status(result.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(result);
  }

  @Get('/metrics')
  @AdminOnly()
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() response: Response): Promise<void> {
    response.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  }
}
