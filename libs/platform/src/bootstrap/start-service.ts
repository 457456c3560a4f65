import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { embeddedBroker } from '../bus/bus.module.js';
import { InProcessServer } from '../bus/in-process-transport.js';
import { JsonReplySerializer } from '../bus/json-reply.js';
import { NatsServer } from '../bus/nats-server.js';
import { loadEnv, NatsEnv } from '../config/env.js';
import { createLogger, PinoNestLogger } from '../logging/logger.js';
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
 * log line carries the correlation id.
 */
export async function startService({ name, module }: StartServiceOptions): Promise<INestMicroservice> {
  const { NATS_URL } = loadEnv(NatsEnv);
  const transport: MicroserviceOptions = NATS_URL
    ? { strategy: new NatsServer(name, NATS_URL, { queue: name, serializer: new JsonReplySerializer() }) }
    : { strategy: new InProcessServer(embeddedBroker) };
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module as never, {
    ...transport,
    logger: new PinoNestLogger(createLogger(name)),
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  app.useGlobalInterceptors(new CorrelationInterceptor());
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
