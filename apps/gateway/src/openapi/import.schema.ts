import type { OpenAPIObject } from '@nestjs/swagger';
import { page } from './reply.schema.js';

/** Schemas of the bulk import's answers, written out because the replies are interfaces. */
const counts = {
  type: 'object',
  required: ['created', 'updated', 'unchanged', 'rejected'],
  properties: {
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    rejected: { type: 'integer' },
  },
};

const importJob = {
  type: 'object',
  required: ['id', 'status', 'dryRun', 'done', 'counts', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: {
      type: 'string',
      enum: ['receiving', 'running', 'done', 'failed'],
      description: 'running: the body was read and its rows are being stored; done: every row has its result; failed: the body was refused (error), nothing of it stored',
    },
    dryRun: { type: 'boolean' },
    total: { type: 'integer', description: 'rows in the body, once it was read' },
    done: { type: 'integer', description: 'rows with a result' },
    counts,
    error: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const rowResult = {
  type: 'object',
  required: ['row', 'status'],
  properties: {
    row: { type: 'integer', description: '1-based among the data rows (the CSV header is not counted)' },
    status: { type: 'string', enum: ['created', 'updated', 'unchanged', 'rejected'] },
    id: { type: 'string', format: 'uuid', description: "the company's id (none for a row a dry run would create)" },
    details: {
      type: 'array',
      description: 'why the row was rejected: the same {field, reason} a POST /v1/companies of the row would give',
      items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
    },
  },
};

export const IMPORT_SCHEMAS = {
  ImportJob: importJob,
  ImportPage: page('ImportJob', "The caller's imports (the admin's: every partner's), newest first.", { offset: false }),
  ImportRowResult: rowResult,
  ImportReport: {
    allOf: [
      { $ref: '#/components/schemas/ImportJob' },
      {
        type: 'object',
        required: ['rows'],
        properties: {
          rows: page('ImportRowResult', "The rows' results so far, in row order."),
        },
      },
    ],
  },
};

const CSV_EXAMPLE = [
  'name,inn,region,city,sectors,okved,hsCodes,capabilities,employees,annualRevenueRub,exportExperienceYears,acceptsRubSettlement,directors',
  'OOO Primorye Gornoe,2540000013,Primorsky Krai,Vladivostok,mining,28.92;07.10,8429;2601,open_pit_mining,850,4200000000,6,true,"[{""name"":""Ivan Petrov""}]"',
].join('\n');

const ACCEPTED_EXAMPLE = {
  id: '6f1c2a4e-8b1d-4c53-9f0e-2d7a1b3c4d5e',
  status: 'running',
  dryRun: false,
  total: 1000,
  done: 0,
  counts: { created: 0, updated: 0, unchanged: 0, rejected: 0 },
  createdAt: '2026-12-02T07:30:00.000Z',
  updatedAt: '2026-12-02T07:30:01.000Z',
};

const REPORT_EXAMPLE = {
  ...ACCEPTED_EXAMPLE,
  status: 'done',
  done: 1000,
  counts: { created: 963, updated: 0, unchanged: 0, rejected: 37 },
  rows: {
    items: [
      { row: 1, status: 'created', id: '0b7e4d0c-1f2a-4e5b-8c9d-0a1b2c3d4e5f' },
      { row: 2, status: 'rejected', details: [{ field: 'inn', reason: 'check digit 10 should be 3' }] },
    ],
    nextCursor: 'WzJd',
  },
};

/** The import routes' request bodies (CSV or a JSON array of profiles) and answers, in the document. */
export function describeImports(document: OpenAPIObject): void {
  const post = document.paths['/v1/companies/import']?.post;
  if (post) {
    post.requestBody = {
      required: true,
      description:
        'CSV: a header row of profile field names, then one row per company; lists (sectors, okved, hsCodes, capabilities) separated by `;`, ' +
        'location as the columns `location.lat` and `location.lon`, owners and directors as a JSON array in the cell; an empty cell is an absent field. ' +
        'Or a JSON array of profiles as POST /v1/companies takes them. At most IMPORT_MAX_ROWS rows (5,000); UTF-8, optionally gzip, deflate or br.',
      content: {
        'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
        'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/CompanyProfileDto' } } },
      },
    };
    post.responses = {
      ...post.responses,
      202: {
        description: 'The body was read and accepted; its rows are stored in the background: follow GET /v1/imports/{id}',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportJob' }, example: ACCEPTED_EXAMPLE } },
      },
      400: { description: 'The body is not CSV with a header row, or not a JSON array, or not UTF-8: nothing of it is stored' },
      413: { description: 'More than IMPORT_MAX_ROWS rows: nothing of it is stored' },
      415: { description: 'Neither text/csv nor application/json in UTF-8, or an unknown content encoding' },
    };
  }
  const get = document.paths['/v1/imports/{id}']?.get;
  if (get) {
    get.responses = {
      ...get.responses,
      200: {
        description: "The import's progress and a page of its rows' results (404: not the caller's import)",
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' }, example: REPORT_EXAMPLE } },
      },
    };
  }
}
