import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, PinoNestLogger } from '#platform';
import { GatewayAppModule } from './gateway-app.module.js';
import { loadGatewayConfig } from './gateway.config.js';
import { setUpOpenApi } from './openapi/openapi.js';

/** Boots the REST gateway on PORT and resolves once it listens. */
export async function startGateway(): Promise<INestApplication> {
  const config = loadGatewayConfig();
  const app = await NestFactory.create<NestExpressApplication>(GatewayAppModule, {
    logger: new PinoNestLogger(createLogger('gateway')),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.BODY_LIMIT_BYTES, type: () => true });
  app.disable('x-powered-by');
  setUpOpenApi(app);
  app.enableShutdownHooks();
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  return app;
}
