import type { ServiceDatabaseOptions } from '#platform';
import { InitialSchema1764201800000 } from './migrations/1764201800000-initial-schema.js';
import { MatchScreening1764202000000 } from './migrations/1764202000000-match-screening.js';

export const MATCHING_SCHEMA = 'matching';

export const matchingDatabase: ServiceDatabaseOptions = {
  schema: MATCHING_SCHEMA,
  entities: [],
  migrations: [InitialSchema1764201800000, MatchScreening1764202000000],
};
