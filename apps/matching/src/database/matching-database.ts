import type { ServiceDatabaseOptions } from '#platform';
import { InitialSchema1764201800000 } from './migrations/1764201800000-initial-schema.js';

export const MATCHING_SCHEMA = 'matching';

export const matchingDatabase: ServiceDatabaseOptions = {
  schema: MATCHING_SCHEMA,
  entities: [],
  migrations: [InitialSchema1764201800000],
};
