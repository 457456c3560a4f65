import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, loadEnv, OpsEnv, PinoNestLogger, stopOnSignal } from '#platform';
import { isJsonMediaType, checkJsonBytes, requireJsonBody } from './body/json-body.js';
import { GatewayAppModule } from './gateway-app.module.js';
import { loadGatewayConfig } from './gateway.config.js';
import { setUpOpenApi } from './openapi/openapi.js';
import { stopTakingRequests } from './ops/request-lifecycle.js';

/**
 * Boots the REST gateway on PORT and resolves once it listens. On SIGTERM it answers new requests
 * 503, answers those in flight (SHUTDOWN_GRACE_MS at most), then closes its port and its messaging.
 */
export async function startGateway(): Promise<INestApplication> {
  const config = loadGatewayConfig();
  const app = await NestFactory.create<NestExpressApplication>(GatewayAppModule, {
    logger: new PinoNestLogger(createLogger('gateway')),
    bodyParser: false,
  });
  // Bodies are JSON declared as such (else 415), at most BODY_LIMIT_BYTES once decompressed (else
  // 413), valid UTF-8 and at most MAX_BODY_DEPTH deep (else 400), checked on the bytes before parsing.
  // (Nest reserves body-parser's `verify` only for `rawBody: true`, which the gateway does not use.)
  app.use(requireJsonBody);
  const json = {
    limit: config.BODY_LIMIT_BYTES,
    type: (request: IncomingMessage) => isJsonMediaType(String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()),
    verify: checkJsonBytes,
  };
  app.useBodyParser('json', json);
  app.disable('x-powered-by');
  setUpOpenApi(app);
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  stopOnSignal({ name: 'gateway', stopTaking: async () => stopTakingRequests(), close: () => app.close() }, loadEnv(OpsEnv).SHUTDOWN_GRACE_MS);
  return app;
}
