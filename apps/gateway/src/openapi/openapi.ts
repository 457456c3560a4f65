import { createRequire } from 'node:module';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { describeImports, IMPORT_SCHEMAS } from './import.schema.js';
import { MATCH_LIST_ROUTES, MATCH_LIST_SCHEMAS } from './match-list.schema.js';
import { OFFICER_WORKFLOW_ROUTES, OFFICER_WORKFLOW_SCHEMAS } from './officer-workflow.schema.js';
import { REPLY_SCHEMAS, ref } from './reply.schema.js';
import { REQUEST_EXAMPLES } from './request-examples.js';
import { describeWebhooks, WEBHOOK_SCHEMAS } from './webhook.schema.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * class-transformer's record of each `@Type`: without it a nested array (a company's owners) is an
 * array of `Array`. It is the CommonJS instance the contracts' decorators write to, which has no
 * type declarations of its own at that path.
 */
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as { defaultMetadataStorage: MetadataStorage };

/** The JSON body of each route that takes one: its schema (a validating class, or a patch of one) and an example. */
const BODIES: Record<string, { schema: string; example: unknown; optional?: true }> = {
  'post /v1/companies': { schema: 'CompanyProfileDto', example: REQUEST_EXAMPLES.company },
  'patch /v1/companies/{id}': { schema: 'CompanyPatch', example: REQUEST_EXAMPLES.companyPatch },
  'post /v1/matchmaking/preview': { schema: 'CompanyProfileDto', example: REQUEST_EXAMPLES.company },
  'post /v1/opportunities': { schema: 'OpportunityInputDto', example: REQUEST_EXAMPLES.opportunity },
  'patch /v1/opportunities/{id}': { schema: 'OpportunityPatch', example: REQUEST_EXAMPLES.opportunityPatch },
  'post /v1/partners': { schema: 'CreatePartnerRequest', example: REQUEST_EXAMPLES.partner },
  'post /v1/introductions/{id}/decision': { schema: 'IntroductionDecisionBody', example: REQUEST_EXAMPLES.introductionDecision },
  'post /v1/screening/check': { schema: 'NameCheckRequest', example: REQUEST_EXAMPLES.nameCheck },
  'post /v1/webhooks': { schema: 'WebhookRegistrationDto', example: REQUEST_EXAMPLES.webhook },
  'post /v1/officers': { schema: 'CreateOfficerRequest', example: REQUEST_EXAMPLES.officer },
  'post /v1/matches/{id}/dismissals': { schema: 'DismissalBody', example: REQUEST_EXAMPLES.dismissal },
  'post /v1/screening/list/candidates/{sha256}/confirm': { schema: 'ListCandidateDecisionBody', example: REQUEST_EXAMPLES.listCandidateDecision, optional: true },
  'post /v1/screening/list/candidates/{sha256}/reject': { schema: 'ListCandidateDecisionBody', example: REQUEST_EXAMPLES.listCandidateDecision, optional: true },
};

/**
 * The OpenAPI document of the gateway's routes: request schemas from the same classes that
 * validate requests, reply schemas written out in this folder, one error schema for every failure.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tumen API')
    .setDescription(
      'Compliance-first B2B matchmaking between Russian companies and DPRK-sector opportunities. ' +
        'Errors: {statusCode, error, message, details?, correlationId} (schema Error).',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const validated = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage }) as Record<string, SchemaObject>;
  document.components = {
    ...document.components,
    schemas: {
      ...(document.components?.schemas ?? {}),
      ...validated,
      CompanyPatch: patchOf(validated.CompanyProfileDto, 'Fields of a company profile to change; merged over the stored profile and validated as a whole.'),
      OpportunityPatch: patchOf(validated.OpportunityInputDto, 'Fields of an opportunity to change; merged over the stored one and validated as a whole (its sector cannot change).'),
      ...(MATCH_LIST_SCHEMAS as Record<string, SchemaObject>),
      ...(OFFICER_WORKFLOW_SCHEMAS as Record<string, SchemaObject>),
      ...(REPLY_SCHEMAS as Record<string, SchemaObject>),
      ...(IMPORT_SCHEMAS as Record<string, SchemaObject>),
      ...(WEBHOOK_SCHEMAS as Record<string, SchemaObject>),
    },
  };
  for (const [route, { schema, example, optional }] of Object.entries(BODIES)) {
    const operation = operationOf(document, route);
    if (operation) operation.requestBody = { required: !optional, content: { 'application/json': { schema: ref(schema), example } } };
  }
  for (const route of MATCH_LIST_ROUTES) {
    const operation = operationOf(document, route);
    if (operation) {
      operation.responses = {
        ...operation.responses,
        200: { description: 'The matches, best first, and the rules they cite', content: { 'application/json': { schema: ref('MatchList') } } },
      };
    }
  }
  for (const [method, path, status, schema] of OFFICER_WORKFLOW_ROUTES) {
    const operation = operationOf(document, `${method} ${path}`);
    if (!operation) continue;
    const description = (operation.responses?.[status] as ResponseObject | undefined)?.description ?? schema;
    const content: ResponseObject['content'] = { 'application/json': { schema: ref(schema) } };
    if (schema === 'EvidencePack') content['application/pdf'] = { schema: { type: 'string', format: 'binary' } };
    operation.responses = { ...operation.responses, [status]: { description, content } };
  }
  describeImports(document);
  describeWebhooks(document);
  addErrorResponses(document);
  keepReferencedSchemas(document);
  return document;
}

/** OpenAPI at /docs (UI) and /docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

function operationOf(document: OpenAPIObject, route: string): OperationObject | undefined {
  const [method, path] = route.split(' ') as [(typeof METHODS)[number], string];
  return document.paths[path]?.[method];
}

/** The same fields, none required: what a PATCH takes. */
function patchOf(schema: SchemaObject | undefined, description: string): SchemaObject {
  const { required: _required, ...rest } = schema ?? { type: 'object' };
  return { ...rest, description };
}

/**
 * Only the schemas the routes use, directly or through others: class-validator knows every class of
 * every service's messages (callers, key hashes, internal requests), which are no part of the REST API.
 */
function keepReferencedSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const kept = new Set<string>();
  const visit = (value: unknown): void => {
    for (const [, name] of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (kept.has(name)) continue;
      kept.add(name);
      visit(schemas[name] ?? {});
    }
  };
  visit(document.paths);
  document.components!.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => kept.has(name)));
}

const RATE_LIMITED: ResponseObject = {
  description:
    "Rate limited: this API key made more than RATE_LIMIT_PER_MINUTE requests (each counted by its route's cost) in the last minute, " +
    'or this address had more than RATE_LIMIT_AUTH_FAILURES_PER_MINUTE failed authentications; error RATE_LIMITED',
  headers: { 'Retry-After': { description: 'Seconds until a request may succeed again', schema: { type: 'integer' } } },
};

/**
 * Every route with input may answer 400 naming the fields, every route that takes a key 401 and
 * 429; every failure has the one error body.
 */
function addErrorResponses(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses = operation.responses as Record<string, ResponseObject>;
      if ((operation.parameters?.length || operation.requestBody) && !responses['400']) {
        responses['400'] = { description: 'Invalid input: VALIDATION_FAILED, each field refused named in details[].field' };
      }
      if (operation.security?.length) {
        responses['401'] ??= { description: 'UNAUTHENTICATED: no X-API-Key, or an unknown or revoked one' };
        responses['429'] = RATE_LIMITED;
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && !response.content) response.content = { 'application/json': { schema: ref('Error') } };
      }
    }
  }
}
