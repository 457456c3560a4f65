import type { ServiceDatabaseOptions } from '#platform';
import { CompanyEntity } from '../companies/company.entity.js';
import { OfficerEntity } from '../officers/officer.entity.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { InitialSchema1764201600000 } from './migrations/1764201600000-initial-schema.js';
import { Officers1764210000000 } from './migrations/1764210000000-officers.js';
import { OutboxRelay1764220000000 } from './migrations/1764220000000-outbox-relay.js';
import { IdempotencyKeys1764230000000 } from './migrations/1764230000000-idempotency-keys.js';
import { Imports1764240000000 } from './migrations/1764240000000-imports.js';
import { ListKeys1764245000000 } from './migrations/1764245000000-list-keys.js';
import { Webhooks1764250000000 } from './migrations/1764250000000-webhooks.js';

export const COMPANIES_SCHEMA = 'companies';

/** The companies service's schema, entities and migrations, in the order they apply. */
export const companiesDatabase: ServiceDatabaseOptions = {
  schema: COMPANIES_SCHEMA,
  entities: [PartnerEntity, CompanyEntity, OfficerEntity],
  migrations: [InitialSchema1764201600000, Officers1764210000000, OutboxRelay1764220000000, IdempotencyKeys1764230000000, Imports1764240000000, ListKeys1764245000000, Webhooks1764250000000],
};
