import type { ServiceDatabaseOptions } from '#platform';
import { InitialSchema1764201800000 } from './migrations/1764201800000-initial-schema.js';
import { MatchScreening1764202000000 } from './migrations/1764202000000-match-screening.js';
import { HeldIntroduction1764202100000 } from './migrations/1764202100000-held-introduction.js';
import { MatchDecisions1764202400000 } from './migrations/1764202400000-match-decisions.js';
import { MatchBook1764202500000 } from './migrations/1764202500000-match-book.js';
import { MatchScreenedAt1764202600000 } from './migrations/1764202600000-match-screened-at.js';
import { PartyDecisions1764202700000 } from './migrations/1764202700000-party-decisions.js';
import { RemovedParties1764220000002 } from './migrations/1764220000002-removed-parties.js';
import { CompanyPartitions1764230000000 } from './migrations/1764230000000-company-partitions.js';
import { Outbox1764240000000 } from './migrations/1764240000000-outbox.js';

export const MATCHING_SCHEMA = 'matching';

export const matchingDatabase: ServiceDatabaseOptions = {
  schema: MATCHING_SCHEMA,
  entities: [],
  // The relay only reads it: the service may append to it, never rewrite it.
  appendOnly: ['outbox'],
  migrations: [InitialSchema1764201800000, MatchScreening1764202000000, HeldIntroduction1764202100000, MatchDecisions1764202400000, MatchBook1764202500000, MatchScreenedAt1764202600000, PartyDecisions1764202700000, RemovedParties1764220000002, CompanyPartitions1764230000000, Outbox1764240000000],
};
