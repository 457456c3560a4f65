import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { describeImports, IMPORT_SCHEMAS } from './import.schema.js';
import { MATCH_LIST_ROUTES, MATCH_LIST_SCHEMAS } from './match-list.schema.js';
import { OFFICER_WORKFLOW_ROUTES, OFFICER_WORKFLOW_SCHEMAS } from './officer-workflow.schema.js';

/** OpenAPI at /docs (UI) and /docs-json; request schemas come from the same classes that validate requests. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Tumen API')
    .setDescription(
      'Compliance-first B2B matchmaking between Russian companies and DPRK-sector opportunities. ' +
        'Errors: {statusCode, error, message, details?, correlationId}.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(schemas as object), ...(MATCH_LIST_SCHEMAS as object), ...OFFICER_WORKFLOW_SCHEMAS, ...IMPORT_SCHEMAS } };
  const bodies: Record<string, string> = {
    'post /v1/companies': 'CompanyProfileDto',
    'post /v1/matchmaking/preview': 'CompanyProfileDto',
    'post /v1/opportunities': 'OpportunityInputDto',
    'post /v1/partners': 'CreatePartnerRequest',
    'post /v1/introductions/{id}/decision': 'IntroductionDecisionBody',
    'post /v1/screening/check': 'NameCheckRequest',
    'post /v1/officers': 'CreateOfficerRequest',
    'post /v1/matches/{id}/dismissals': 'DismissalBody',
    'post /v1/screening/list/candidates/{sha256}/confirm': 'ListCandidateDecisionBody',
    'post /v1/screening/list/candidates/{sha256}/reject': 'ListCandidateDecisionBody',
  };
  const optionalBodies = new Set(['post /v1/screening/list/candidates/{sha256}/confirm', 'post /v1/screening/list/candidates/{sha256}/reject']);
  for (const [route, schema] of Object.entries(bodies)) {
    const [method, path] = route.split(' ');
    const operation = (document.paths[path] as Record<string, { requestBody?: unknown }> | undefined)?.[method];
    if (operation) operation.requestBody = { required: !optionalBodies.has(route), content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } };
  }
  for (const route of MATCH_LIST_ROUTES) {
    const [method, path] = route.split(' ');
    const operation = (document.paths[path] as Record<string, { responses?: Record<string, unknown> }> | undefined)?.[method];
    if (operation) {
      operation.responses = {
        ...operation.responses,
        200: { description: 'The matches, best first, and the rules they cite', content: { 'application/json': { schema: { $ref: '#/components/schemas/MatchList' } } } },
      };
    }
  }
  for (const [method, path, status, schema] of OFFICER_WORKFLOW_ROUTES) {
    const operation = (document.paths[path] as Record<string, { responses?: Record<string, { description?: string; content?: unknown }> }> | undefined)?.[method];
    if (!operation) continue;
    const description = operation.responses?.[status]?.description ?? schema;
    const content: Record<string, unknown> = { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } };
    if (schema === 'EvidencePack') content['application/pdf'] = { schema: { type: 'string', format: 'binary' } };
    operation.responses = { ...operation.responses, [status]: { description, content } };
  }
  describeImports(document);
  addRateLimitResponses(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

const RATE_LIMITED = {
  description:
    "Rate limited: this API key made more than RATE_LIMIT_PER_MINUTE requests (each counted by its route's cost) in the last minute, " +
    'or this address had more than RATE_LIMIT_AUTH_FAILURES_PER_MINUTE failed authentications; error RATE_LIMITED',
  headers: { 'Retry-After': { description: 'Seconds until a request may succeed again', schema: { type: 'integer' } } },
};

/** Every route that takes a key may answer 429. */
function addRateLimitResponses(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation?.security?.length) operation.responses = { ...operation.responses, 429: RATE_LIMITED };
    }
  }
}
