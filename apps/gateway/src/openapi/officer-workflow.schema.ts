/**
 * Response schemas of the officers' routes, written out because the replies are interfaces
 * (rendered by the services, never validated as classes).
 */
const officer = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } };

const dismissal = {
  type: 'object',
  required: ['id', 'subject', 'party', 'name', 'referenceNumber', 'listVersion', 'entryDigest', 'reason', 'officer', 'createdAt', 'expiresAt', 'state'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    matchId: { type: 'string', format: 'uuid', nullable: true },
    subject: { type: 'object', properties: { kind: { type: 'string', enum: ['company', 'opportunity'] }, id: { type: 'string', format: 'uuid' } } },
    party: { type: 'string', enum: ['company', 'owner', 'director', 'counterparty'] },
    name: { type: 'string' },
    dateOfBirth: { type: 'string', nullable: true },
    nationality: { type: 'string', nullable: true },
    referenceNumber: { type: 'string' },
    listedName: { type: 'string' },
    listVersion: { type: 'string', description: 'the list version in force when it was recorded' },
    entryDigest: { type: 'string', description: "SHA-256 of the listed entry's content then; another digest in a later list version voids it" },
    reason: { type: 'string' },
    officer,
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    state: { type: 'string', enum: ['active', 'expired', 'void'] },
    endedAt: { type: 'string', format: 'date-time', nullable: true },
    endReason: { type: 'string', nullable: true },
  },
};

const decision = {
  type: 'object',
  description: 'A party decision as audited: what it was screened on (inputs), the hits that count, the hits dismissed, the reasons.',
  required: ['id', 'kind', 'partyId', 'partyVersion', 'verdict', 'listHits', 'dismissedHits', 'reasons', 'ruleIds'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['company', 'opportunity'] },
    partyId: { type: 'string', format: 'uuid' },
    partyVersion: { type: 'integer' },
    verdict: { type: 'string', enum: ['prohibited', 'exemption_required', 'review', 'clear'] },
    listVersion: { type: 'string', nullable: true },
    rulesVersion: { type: 'string', nullable: true },
    decidedAt: { type: 'string', format: 'date-time' },
    screened: { type: 'boolean' },
    inputs: { type: 'object', nullable: true },
    ruleIds: { type: 'array', items: { type: 'string' } },
    listHits: { type: 'array', items: { type: 'object', description: 'party, name, referenceNumber, listedName, score, strength, explanation' } },
    dismissedHits: { type: 'array', items: { type: 'object', description: 'a list hit and the dismissalId that set it aside' } },
    reasons: { type: 'array', items: { type: 'string' } },
    auditSeq: { type: 'integer', nullable: true },
  },
};

export const OFFICER_WORKFLOW_SCHEMAS = {
  Dismissal: dismissal,
  EvidencePack: {
    type: 'object',
    required: ['matchId', 'generatedAt', 'match', 'list', 'rules', 'matcher', 'decisions', 'parties', 'dismissals', 'approvals', 'introductions'],
    properties: {
      matchId: { type: 'string', format: 'uuid' },
      generatedAt: { type: 'string', format: 'date-time' },
      match: { type: 'object', description: 'companyId, opportunityId, sector, score, verdict, reasons' },
      list: { type: 'object', nullable: true, properties: { version: { type: 'string' }, sha256: { type: 'string', nullable: true }, generatedAt: { type: 'string', nullable: true } } },
      rules: {
        type: 'object',
        properties: {
          version: { type: 'string' },
          sha256: { type: 'string', nullable: true },
          cited: { type: 'array', items: { type: 'object', description: 'id, title, resolution, paragraph, verdict, evidence, verified, exemptionPath?, conditions?' } },
        },
      },
      matcher: { type: 'object', properties: { version: { type: 'string' }, possibleAt: { type: 'number' }, designatedAt: { type: 'number' } } },
      decisions: { type: 'object', properties: { company: decision, opportunity: decision } },
      parties: { type: 'object', description: 'the company (name, owners, directors) and the opportunity (counterparty, direction, structure, HS codes, site, attributes) as screened now, with their versions' },
      dismissals: { type: 'array', items: dismissal },
      approvals: {
        type: 'array',
        items: { type: 'object', properties: { introductionId: { type: 'string', format: 'uuid' }, officer, verdict: { type: 'string' }, exemptionReference: { type: 'string', nullable: true }, note: { type: 'string', nullable: true }, approvedAt: { type: 'string', format: 'date-time' } } },
      },
      introductions: { type: 'array', items: { type: 'object', description: 'id, status, partnerId, createdAt, decidedAt, exemptionReference' } },
    },
  },
};

/** Routes whose 200/201 reply is one of the schemas above. */
export const OFFICER_WORKFLOW_ROUTES: [string, string, string, string][] = [
  ['post', '/v1/matches/{id}/dismissals', '201', 'Dismissal'],
  ['get', '/v1/dismissals/{id}', '200', 'Dismissal'],
  ['get', '/v1/matches/{id}/evidence', '200', 'EvidencePack'],
];
