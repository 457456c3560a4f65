/**
 * The response schemas of match listings, written out here because matches are interfaces (they
 * are rendered by the matching service, never validated as classes).
 */
const verdict = { type: 'string', enum: ['prohibited', 'exemption_required', 'review', 'clear'] };

const decisionRef = {
  type: 'object',
  description: 'One of the two party decisions the verdict comes from; its audit entry is GET /v1/audit?decision={id}.',
  required: ['id', 'kind', 'partyId', 'partyVersion', 'verdict', 'listVersion', 'rulesVersion', 'decidedAt', 'screened'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['company', 'opportunity'] },
    partyId: { type: 'string', format: 'uuid' },
    partyVersion: { type: 'integer' },
    verdict,
    listVersion: { type: 'string', nullable: true },
    rulesVersion: { type: 'string', nullable: true },
    decidedAt: { type: 'string', format: 'date-time' },
    screened: { type: 'boolean', description: 'false while the screening service has not answered for this party: its decision is then review' },
  },
};

const listHit = {
  type: 'object',
  required: ['party', 'name', 'referenceNumber', 'listedName', 'nameKind', 'type', 'regime', 'score', 'strength', 'explanation'],
  properties: {
    party: { type: 'string', enum: ['company', 'owner', 'director', 'counterparty'] },
    name: { type: 'string' },
    referenceNumber: { type: 'string' },
    listedName: { type: 'string' },
    nameKind: { type: 'string' },
    type: { type: 'string', enum: ['individual', 'entity'] },
    regime: { type: 'string' },
    score: { type: 'number' },
    strength: { type: 'string', enum: ['designated', 'possible'] },
    explanation: { type: 'string' },
    nameScore: { type: 'number', description: "the name's own score, when the date of birth or nationality given changed it" },
    evidence: { type: 'array', items: { type: 'string' }, description: 'what the date of birth and nationality given made of this hit' },
  },
};

export const MATCH_LIST_SCHEMAS = {
  ComplianceRule: {
    type: 'object',
    required: ['id', 'title', 'resolution', 'paragraph', 'verdict', 'evidence', 'verified'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      resolution: { type: 'string', nullable: true },
      paragraph: { type: 'string', nullable: true },
      verdict: { type: 'string', enum: ['prohibited', 'exemption_required', 'review'] },
      evidence: { type: 'string', description: 'evidence tag of the reference; GK marks a statement not checked against an official text' },
      verified: { type: 'boolean', description: 'false for every rule with an unverified ([GK]) part' },
      exemptionPath: { type: 'string' },
      conditions: { type: 'array', items: { type: 'string' } },
      hsCodes: { type: 'array', items: { type: 'string' } },
    },
  },
  ListedMatch: {
    type: 'object',
    required: ['id', 'companyId', 'opportunityId', 'sector', 'score', 'breakdown', 'compliance', 'scoredAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      companyId: { type: 'string', format: 'uuid' },
      opportunityId: { type: 'string', format: 'uuid' },
      sector: { type: 'string', enum: ['mining', 'automobile', 'electricity'] },
      score: { type: 'number', description: '0–100; the sum of the breakdown contributions' },
      breakdown: {
        type: 'array',
        items: {
          type: 'object',
          required: ['criterion', 'weight', 'value', 'contribution', 'reason'],
          properties: {
            criterion: { type: 'string' },
            weight: { type: 'number' },
            value: { type: 'number' },
            contribution: { type: 'number' },
            reason: { type: 'string' },
          },
        },
      },
      compliance: {
        type: 'object',
        description: "The worse of the company's and the opportunity's decisions. Rules by id: their texts are in the listing's `rules`.",
        required: ['verdict', 'ruleIds', 'listHits', 'reasons', 'listVersion', 'rulesVersion', 'screenedAt', 'decisions'],
        properties: {
          verdict,
          ruleIds: { type: 'array', items: { type: 'string' } },
          listHits: { type: 'array', items: listHit },
          reasons: { type: 'array', items: { type: 'string' } },
          listVersion: { type: 'string', nullable: true },
          rulesVersion: { type: 'string', nullable: true },
          screenedAt: { type: 'string', format: 'date-time' },
          decisions: {
            type: 'object',
            description: "The ids of the two decisions behind the verdict; each is stated once in the listing's `decisions`.",
            required: ['company', 'opportunity'],
            properties: { company: { type: 'string' }, opportunity: { type: 'string' } },
          },
        },
      },
      opportunity: { type: 'object', description: 'title, site, counterparty name, direction, structure, size (company listings and preview)' },
      company: { type: 'object', description: "name, region, city (opportunity listings; a company's own listing leaves it out)" },
      scoredAt: { type: 'string', format: 'date-time' },
    },
  },
  MatchList: {
    type: 'object',
    description:
      'Admissible leads (clear, review, exemption_required), best first; with includeProhibited=true the best prohibited matches are merged in by score. ' +
      'Each rule and each party decision cited by any item is stated once, in `rules` and `decisions`.',
    required: ['items', 'rules', 'decisions'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/ListedMatch' } },
      rules: { type: 'object', additionalProperties: { $ref: '#/components/schemas/ComplianceRule' } },
      decisions: { type: 'object', additionalProperties: decisionRef },
    },
  },
};

/** The routes that answer a MatchList. */
export const MATCH_LIST_ROUTES = ['get /v1/companies/{id}/matches', 'get /v1/opportunities/{id}/matches', 'post /v1/matchmaking/preview'];
