import { ErrorCode, INTRODUCTION_STATUSES, LIST_REFRESH_OUTCOMES, LIST_VERSION_STATES } from '#contracts';
import { REQUEST_EXAMPLES } from './request-examples.js';

/**
 * Response schemas of the routes whose replies are interfaces of libs/contracts (rendered by the
 * services, never validated as classes), written out here for the OpenAPI document and the typed
 * client generated from it. Request schemas come from the validating classes themselves.
 */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableString = { type: 'string', nullable: true };
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true };
const verdict = { type: 'string', enum: ['prohibited', 'exemption_required', 'review', 'clear'] };
const person = (extra: Record<string, unknown>) => ({
  type: 'object',
  required: ['name', ...Object.keys(extra)],
  properties: { name: { type: 'string' }, ...extra, dateOfBirth: { type: 'string' }, nationality: { type: 'string' } },
});

/**
 * A keyset page of `items` as `ListPage<T>` answers it: `nextCursor` always, the deprecated offset
 * fields only when the page was asked by `offset`.
 */
export const page = (item: string, description: string, options: { offset: boolean } = { offset: true }) => ({
  type: 'object',
  description: `${description} Read on with \`after=nextCursor\` until it is null. A page stops short of \`limit\` when its JSON would pass the reply's byte budget (512 KiB).`,
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: { type: 'string', nullable: true, description: 'the `after` of the next page (opaque); null at the end', example: 'WyIyMDI2LTEyLTAyIDEyOjU1OjQ1LjEyMzQ1NiswMCIsIjZmMWMyZDNlLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMSJd' },
    ...(options.offset ? offsetFields : {}),
  },
});

/** The deprecated offset page's fields, answered only to a page asked by `offset`. */
const offsetFields = {
  total: { type: 'integer', deprecated: true, description: 'Deprecated, with `offset`: every row the caller may see' },
  limit: { type: 'integer', deprecated: true, description: 'Deprecated, with `offset`' },
  offset: { type: 'integer', deprecated: true, description: 'Deprecated, with `offset`' },
  nextOffset: { type: 'integer', nullable: true, deprecated: true, description: 'Deprecated, with `offset`: where the next offset page starts' },
};

const deleted = { type: 'object', required: ['id', 'deleted'], properties: { id: uuid, deleted: { type: 'boolean', enum: [true] } } };

const officer = {
  type: 'object',
  required: ['id', 'name', 'email', 'createdAt', 'revokedAt'],
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: nullableString,
    createdAt: dateTime,
    revokedAt: { ...nullableDateTime, description: 'set once the admin revoked the officer: their key is refused from then on' },
  },
};

const listCounts = {
  type: 'object',
  nullable: true,
  required: ['total', 'byRegime'],
  properties: {
    total: { type: 'integer' },
    byRegime: {
      type: 'object',
      additionalProperties: { type: 'object', required: ['individual', 'entity'], properties: { individual: { type: 'integer' }, entity: { type: 'integer' } } },
    },
  },
};

const listVersion = {
  type: 'object',
  description:
    'One stored version of the list. `sha256` is the SHA-256 of the file as read; `version` its dateGenerated, or `<dateGenerated>#<first 12 hex of sha256>` ' +
    'when another file with the same dateGenerated was stored first.',
  required: ['version', 'sha256', 'state', 'source', 'generatedAt', 'loadedAt', 'counts', 'held', 'decidedBy', 'decidedAt', 'decisionNote'],
  properties: {
    version: { type: 'string' },
    sha256: { type: 'string' },
    state: { type: 'string', enum: [...LIST_VERSION_STATES] },
    source: { type: 'string' },
    generatedAt: nullableString,
    loadedAt: dateTime,
    counts: { ...listCounts, nullable: false },
    held: {
      type: 'object',
      nullable: true,
      description: 'why it was held: the change against the version then in force, and the reasons',
      required: ['at', 'reasons', 'change'],
      properties: {
        at: dateTime,
        reasons: { type: 'array', items: { type: 'string' } },
        change: {
          type: 'object',
          required: ['comparedWith', 'comparedWithSha256', 'removed', 'removedShare', 'added', 'removedDprk'],
          properties: {
            comparedWith: { type: 'string' },
            comparedWithSha256: { type: 'string' },
            removed: { type: 'integer' },
            removedShare: { type: 'number', description: '0–1, of the entries of the version compared with' },
            added: { type: 'integer' },
            removedDprk: { type: 'array', items: { type: 'string' }, description: 'reference numbers of the DPRK (1718) entries it removes' },
          },
        },
      },
    },
    decidedBy: nullableString,
    decidedAt: nullableDateTime,
    decisionNote: nullableString,
  },
};

const listStatusProperties = {
  version: nullableString,
  sha256: { ...nullableString, description: 'SHA-256 of the file of the version in force' },
  source: nullableString,
  generatedAt: nullableString,
  loadedAt: nullableDateTime,
  counts: listCounts,
  lastError: { ...nullableString, description: 'the last refresh that failed, if the latest attempt did; the list in force stays the previous one' },
  lastRefresh: {
    type: 'object',
    nullable: true,
    description: 'the last refresh that read a well-formed file, and what it did with it',
    required: ['outcome', 'version', 'sha256', 'at', 'message'],
    properties: { outcome: { type: 'string', enum: [...LIST_REFRESH_OUTCOMES] }, version: { type: 'string' }, sha256: { type: 'string' }, at: dateTime, message: { type: 'string' } },
  },
  candidate: { ...listVersion, nullable: true, description: 'a new list held until an admin confirms or rejects it; the version in force stays meanwhile' },
};
const listStatusRequired = Object.keys(listStatusProperties);

const listHit = {
  type: 'object',
  required: ['referenceNumber', 'listedName', 'nameKind', 'type', 'regime', 'score', 'strength', 'explanation'],
  properties: {
    referenceNumber: { type: 'string', example: 'KPi.033' },
    listedName: { type: 'string' },
    nameKind: { type: 'string' },
    type: { type: 'string', enum: ['individual', 'entity'] },
    regime: { type: 'string' },
    score: { type: 'number' },
    strength: { type: 'string', enum: ['designated', 'possible'], description: '`designated` at or above the prohibition threshold, else `possible` (a human reviews it)' },
    explanation: { type: 'string' },
    nameScore: { type: 'number', description: "the name's own score, when the date of birth or nationality given changed it" },
    evidence: { type: 'array', items: { type: 'string' }, description: 'what the date of birth and nationality given made of this hit' },
  },
};

const introductionProperties = {
  id: uuid,
  matchId: uuid,
  companyId: uuid,
  opportunityId: uuid,
  partnerId: uuid,
  status: { type: 'string', enum: [...INTRODUCTION_STATUSES] },
  compliance: {
    type: 'object',
    required: ['verdict', 'rules', 'listHits', 'reasons', 'listVersion', 'rulesVersion', 'screenedAt'],
    properties: {
      verdict,
      rules: { type: 'array', items: ref('ComplianceRule') },
      listHits: { type: 'array', items: { ...listHit, required: ['party', 'name', ...listHit.required], properties: { party: { type: 'string', enum: ['company', 'owner', 'director', 'counterparty'] }, name: { type: 'string' }, ...listHit.properties } } },
      reasons: { type: 'array', items: { type: 'string' } },
      listVersion: nullableString,
      rulesVersion: nullableString,
      screenedAt: dateTime,
    },
  },
  exemptionReference: nullableString,
  decisionNote: nullableString,
  decidedBy: nullableString,
  decidedAt: nullableDateTime,
  createdAt: dateTime,
  approvals: {
    type: 'array',
    description: "officers' approvals so far; an exemption_required introduction is granted on the second, by another officer",
    items: {
      type: 'object',
      required: ['officer', 'verdict', 'exemptionReference', 'note', 'approvedAt'],
      properties: {
        officer: { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } },
        verdict: { type: 'string' },
        exemptionReference: nullableString,
        note: nullableString,
        approvedAt: dateTime,
      },
    },
  },
  approvalsRequired: { type: 'integer', description: '2 for exemption_required, 1 otherwise' },
};

const opportunityStored = {
  type: 'object',
  required: ['id', 'okved', 'seedKey', 'version', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    okved: { type: 'array', items: { type: 'string' } },
    seedKey: { ...nullableString, description: 'a stable key for catalogue entries loaded from a seed; null for ones made through the API' },
    version: { type: 'integer' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

export const REPLY_SCHEMAS = {
  Error: {
    type: 'object',
    description: 'Every failure: the HTTP status, a stable code, a message, the fields refused (400) and the correlation id of the request.',
    required: ['statusCode', 'error', 'message', 'correlationId'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string', enum: Object.values(ErrorCode) },
      message: { type: 'string' },
      details: {
        description: 'for VALIDATION_FAILED, one line per field refused; otherwise what the error adds',
        oneOf: [
          { type: 'array', items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string', description: 'a dotted path such as owners.0.sharePct' }, reason: { type: 'string' } } } },
          { type: 'object', additionalProperties: true },
        ],
      },
      correlationId: { type: 'string' },
    },
    example: {
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: 'Invalid input',
      details: [{ field: 'inn', reason: 'inn must be 10 digits (organisation) or 12 digits (individual entrepreneur)' }],
      correlationId: '5f0c2a1e-8d7b-4c1a-9e55-0b6f3d2a7c10',
    },
  },
  PartnerCreated: {
    type: 'object',
    required: ['id', 'name', 'apiKey'],
    properties: { id: uuid, name: { type: 'string' }, apiKey: { type: 'string', description: 'shown once; only its SHA-256 is stored' } },
    example: { id: '0b7e4c55-2f7a-4f0e-9d2b-6a1c3e8f9a01', name: 'Primorye Chamber of Commerce', apiKey: 'tmn_3q9ZkV…' },
  },
  Officer: officer,
  OfficerCreated: {
    ...officer,
    required: [...officer.required, 'apiKey'],
    properties: { ...officer.properties, apiKey: { type: 'string', description: 'shown once; only its SHA-256 is stored. Officer keys start with tmo_' } },
  },
  Company: {
    description: 'A stored company profile as every reader sees it.',
    example: {
      ...REQUEST_EXAMPLES.company,
      id: '3d6f1c2a-9b8e-4f7d-a1c5-2e4b6d8f0a13',
      partnerId: '0b7e4c55-2f7a-4f0e-9d2b-6a1c3e8f9a01',
      location: { lat: 43.1155, lon: 131.8855 },
      locationSource: 'gazetteer',
      owners: [],
      version: 1,
      createdAt: '2026-12-02T07:30:00.000Z',
      updatedAt: '2026-12-02T07:30:00.000Z',
    },
    allOf: [
      ref('CompanyProfileDto'),
      {
        type: 'object',
        required: ['id', 'partnerId', 'locationSource', 'owners', 'directors', 'version', 'createdAt', 'updatedAt'],
        properties: {
          id: uuid,
          partnerId: uuid,
          location: { type: 'object', required: ['lat', 'lon'], properties: { lat: { type: 'number' }, lon: { type: 'number' } } },
          locationSource: { type: 'string', enum: ['submitted', 'gazetteer', 'unknown'], description: 'given by the partner, or looked up from the city' },
          owners: { type: 'array', items: person({ sharePct: { type: 'number' } }) },
          directors: { type: 'array', items: person({}) },
          version: { type: 'integer' },
          createdAt: dateTime,
          updatedAt: dateTime,
        },
      },
    ],
  },
  CompanyPage: page('Company', "The caller's companies (the admin's and officers': every partner's), oldest first."),
  CompanyDeleted: deleted,
  Sector: {
    type: 'object',
    required: ['id', 'title', 'description', 'criteria', 'capabilities', 'attributes', 'defaultOkved'],
    properties: {
      id: { type: 'string', enum: ['mining', 'automobile', 'electricity'] },
      title: { type: 'string' },
      description: { type: 'string' },
      criteria: {
        type: 'array',
        items: { type: 'object', required: ['id', 'weight', 'description'], properties: { id: { type: 'string' }, weight: { type: 'number' }, description: { type: 'string' } } },
      },
      capabilities: {
        type: 'array',
        items: { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: { type: 'string' }, description: { type: 'string' } } },
      },
      attributes: {
        type: 'array',
        description: 'the sector-specific attributes of its opportunities',
        items: {
          type: 'object',
          required: ['name', 'type', 'required'],
          properties: {
            name: { type: 'string' },
            type: { type: 'string' },
            required: { type: 'boolean' },
            values: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
            description: { type: 'string' },
          },
        },
      },
      defaultOkved: { type: 'array', items: { type: 'string' }, description: "OKVED2 codes the sector's activity falls under, used where an opportunity names none" },
    },
  },
  Opportunity: {
    description: "An opportunity; `counterparty.contact` only for the admin (a listing's or a partner's summary leaves it out).",
    allOf: [ref('OpportunityInputDto'), opportunityStored],
  },
  IntroductionPage: page('Introduction', "The caller's introductions (staff: every partner's), newest first.", { offset: false }),
  OpportunityPage: page('Opportunity', 'Opportunities of every sector, or of one (`sector`), without the counterparty\'s contact.'),
  OpportunityDeleted: deleted,
  Introduction: {
    type: 'object',
    required: Object.keys(introductionProperties),
    properties: {
      ...introductionProperties,
      counterparty: {
        type: 'object',
        description: "for the partner who asked: the counterparty, with its contact once the introduction is granted",
        required: ['name', 'contact'],
        properties: { name: { type: 'string' }, contact: nullableString },
      },
    },
  },
  HeldIntroduction: {
    type: 'object',
    description: 'Screening could not answer: the request is kept and screened as soon as it can; no contact.',
    required: ['status', 'matchId', 'partnerId', 'heldAt', 'reason'],
    properties: { status: { type: 'string', enum: ['held'] }, matchId: uuid, partnerId: uuid, heldAt: dateTime, reason: { type: 'string' } },
  },
  NameCheck: {
    type: 'object',
    required: ['name', 'hits', 'demoted', 'threshold', 'listVersion'],
    properties: {
      name: { type: 'string', description: 'the name as screened (trimmed, NFKC)' },
      hits: { type: 'array', items: listHit },
      demoted: { type: 'array', items: listHit, description: 'entries the name matched whose score the date of birth or nationality took below the threshold' },
      threshold: { type: 'number', description: 'the score from which a hit is reported (0.7)' },
      listVersion: nullableString,
    },
  },
  ListStatus: { type: 'object', required: listStatusRequired, properties: listStatusProperties },
  ListRefresh: {
    type: 'object',
    required: ['outcome', ...listStatusRequired],
    properties: {
      outcome: { type: 'string', enum: [...LIST_REFRESH_OUTCOMES], description: 'in_force, unchanged, held (the candidate) or rejected (an admin refused this very file before)' },
      ...listStatusProperties,
    },
  },
  ListVersion: listVersion,
  AuditEntry: {
    type: 'object',
    required: ['seq', 'kind', 'verdict', 'ruleIds', 'listReferences', 'listVersion', 'rulesVersion', 'actor', 'inputs', 'details', 'occurredAt'],
    properties: {
      seq: { type: 'integer' },
      kind: { type: 'string', example: 'company.decision' },
      decisionId: { type: 'string', description: 'the party decision this entry records (company.decision and opportunity.decision entries)' },
      verdict: nullableString,
      ruleIds: { type: 'array', items: { type: 'string' } },
      listReferences: { type: 'array', items: { type: 'string' } },
      listVersion: nullableString,
      rulesVersion: nullableString,
      actor: { type: 'string' },
      inputs: { type: 'object', additionalProperties: true },
      details: { type: 'object', additionalProperties: true },
      occurredAt: dateTime,
    },
  },
  Echo: {
    type: 'object',
    required: ['service'],
    properties: { service: { type: 'string', example: 'matching' }, filler: { type: 'string', description: 'padding to the size asked for with `bytes`' } },
  },
};
