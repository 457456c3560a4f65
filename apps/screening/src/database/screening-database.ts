import type { ServiceDatabaseOptions } from '#platform';
import { InitialSchema1764201900000 } from './migrations/1764201900000-initial-schema.js';
import { OneOpenIntroduction1764202200000 } from './migrations/1764202200000-one-open-introduction.js';
import { NoVerdictState1764202300000 } from './migrations/1764202300000-no-verdict-state.js';
import { ListVersionsByContent1764202400000 } from './migrations/1764202400000-list-versions-by-content.js';
import { PartyDecisions1764202700000 } from './migrations/1764202700000-party-decisions.js';
import { AuditChain1764202800000 } from './migrations/1764202800000-audit-chain.js';
import { DismissalsAndApprovals1764210100000 } from './migrations/1764210100000-dismissals-and-approvals.js';
import { IdempotencyKeys1764230000000 } from './migrations/1764230000000-idempotency-keys.js';
import { Outbox1764240000000 } from './migrations/1764240000000-outbox.js';
import { IntroductionKeys1764246000000 } from './migrations/1764246000000-introduction-keys.js';

export const SCREENING_SCHEMA = 'screening';

export const screeningDatabase: ServiceDatabaseOptions = {
  schema: SCREENING_SCHEMA,
  entities: [],
  appendOnly: ['audit_log', 'outbox'],
  migrations: [InitialSchema1764201900000, OneOpenIntroduction1764202200000, NoVerdictState1764202300000, ListVersionsByContent1764202400000, PartyDecisions1764202700000, AuditChain1764202800000, DismissalsAndApprovals1764210100000, IdempotencyKeys1764230000000, Outbox1764240000000, IntroductionKeys1764246000000],
};
