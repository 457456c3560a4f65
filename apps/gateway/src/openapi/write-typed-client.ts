import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { GatewayAppModule } from '../gateway-app.module.js';
import { createOpenApiDocument } from './openapi.js';
import { TYPED_CLIENT_PATH, typedClientSource } from './typed-client.js';

/**
 * `npm run client`: writes the OpenAPI document to dist/openapi.json and its TypeScript types to
 * TYPED_CLIENT_PATH, with nothing running: the gateway's module is created on the in-process bus
 * (NATS_URL empty) and never started.
 */
const DOCUMENT_PATH = 'dist/openapi.json';

async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  process.env.NATS_URL = '';
  process.env.ADMIN_API_KEY ||= 'openapi-document';
  const app = await NestFactory.create(GatewayAppModule, { logger: false, bodyParser: false });
  try {
    // Through JSON, as a client reads it from /docs-json.
    return JSON.parse(JSON.stringify(createOpenApiDocument(app))) as OpenAPIObject;
  } finally {
    await app.close();
  }
}

const document = await offlineOpenApiDocument();
await mkdir(dirname(DOCUMENT_PATH), { recursive: true });
await writeFile(DOCUMENT_PATH, `${JSON.stringify(document, null, 2)}\n`);
await mkdir(dirname(TYPED_CLIENT_PATH), { recursive: true });
await writeFile(TYPED_CLIENT_PATH, await typedClientSource(document));
console.log(`${Object.keys(document.paths).length} paths: ${DOCUMENT_PATH}, ${TYPED_CLIENT_PATH}`);
