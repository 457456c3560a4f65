import type { ServiceDatabaseOptions } from '#platform';
import { OpportunityEntity } from '../opportunities/opportunity.entity.js';
import { InitialSchema1764201700000 } from './migrations/1764201700000-initial-schema.js';
import { OutboxRelay1764220000001 } from './migrations/1764220000001-outbox-relay.js';

export const SECTORS_SCHEMA = 'sectors';

export const sectorsDatabase: ServiceDatabaseOptions = {
  schema: SECTORS_SCHEMA,
  entities: [OpportunityEntity],
  migrations: [InitialSchema1764201700000, OutboxRelay1764220000001],
};
