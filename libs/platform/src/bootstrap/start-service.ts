import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { embeddedBroker } from '../bus/bus.module.js';
import { InProcessServer } from '../bus/in-process-transport.js';
import { JsonReplySerializer } from '../bus/json-reply.js';
import { NatsServer } from '../bus/nats-server.js';
import { loadEnv, NatsEnv, OpsEnv } from '../config/env.js';
import { createLogger, PinoNestLogger } from '../logging/logger.js';
import { RpcMetricsInterceptor } from '../ops/rpc-metrics.interceptor.js';
import { stopOnSignal } from '../ops/shutdown.js';
import { CorrelationInterceptor } from '../rpc/correlation.interceptor.js';
import { RpcErrorFilter } from '../rpc/rpc-exception.filter.js';
import { createValidationPipe } from '../rpc/validation.js';

export interface StartServiceOptions {
  /** Also the NATS queue group: replicas of one service share its requests. */
  name: string;
  module: unknown;
}

/**
 * Boots one service: its handlers listen on NATS (NATS_URL; reconnecting forever) or on the
 * in-process broker, every payload is validated, every failure leaves as the error envelope, every
 * log line carries the correlation id, every request is counted and timed. With OPS_PORT it also
 * serves /health/live, /health/ready and /metrics over HTTP. On SIGTERM it stops taking requests,
 * answers those in flight (SHUTDOWN_GRACE_MS at most), then closes its messaging and its database.
 */
export async function startService({ name, module }: StartServiceOptions): Promise<INestApplication> {
  const { NATS_URL } = loadEnv(NatsEnv);
  const ops = loadEnv(OpsEnv);
  const nats = NATS_URL ? new NatsServer(name, NATS_URL, { queue: name, serializer: new JsonReplySerializer() }) : null;
  const strategy = nats ?? new InProcessServer(embeddedBroker);
  const app = await NestFactory.create(module as never, { logger: new PinoNestLogger(createLogger(name)), bodyParser: false });
  // Set on the application and inherited by its listener (a hybrid application's listener is
  // initialised with it, too late for enhancers of its own).
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  app.useGlobalInterceptors(new CorrelationInterceptor(), new RpcMetricsInterceptor(name));
  app.connectMicroservice<MicroserviceOptions>({ strategy }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  if (ops.OPS_PORT) await app.listen(ops.OPS_PORT, ops.OPS_HOST);
  else await app.init();
  stopOnSignal({ name, stopTaking: async () => nats?.stopTaking(), close: () => app.close() }, ops.SHUTDOWN_GRACE_MS);
  return app;
}
