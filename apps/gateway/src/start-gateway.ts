import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createLogger, loadEnv, OpsEnv, PinoNestLogger, stopOnSignal } from '#platform';
import { isJsonMediaType, checkJsonBytes, requireJsonBody } from './body/json-body.js';
import { GatewayAppModule } from './gateway-app.module.js';
import { isImportRequest } from './imports/import-body.js';
import { loadGatewayConfig } from './gateway.config.js';
import { setUpOpenApi } from './openapi/openapi.js';
import { stopTakingRequests } from './ops/request-lifecycle.js';
import { serveWebConsole } from './web/web-console.js';

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
  // A bulk import's body is read by its route, row by row (CSV or a JSON array of any length).
  app.use((request: Request, response: Response, next: NextFunction) => (isImportRequest(request) ? next() : requireJsonBody(request, response, next)));
  const json = {
    limit: config.BODY_LIMIT_BYTES,
    type: (request: IncomingMessage) =>
      !isImportRequest(request) && isJsonMediaType(String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()),
    verify: checkJsonBytes,
  };
  app.useBodyParser('json', json);
  app.disable('x-powered-by');
  setUpOpenApi(app);
  serveWebConsole(app);
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  stopOnSignal({ name: 'gateway', stopTaking: async () => stopTakingRequests(), close: () => app.close() }, loadEnv(OpsEnv).SHUTDOWN_GRACE_MS);
  return app;
}
