import 'reflect-metadata';
import { openDatabase, stopEmbeddedDatabases } from '#platform';
import { sectorsDatabase } from './database/sectors-database.js';
import { OpportunitiesRepository } from './opportunities/opportunities.repository.js';
import { OpportunitiesService } from './opportunities/opportunities.service.js';
import { servedSectors } from './sectors-app.module.js';
import { getSectorDefinition } from './sectors/sectors.registry.js';

/**
 * `npm run seed`: loads the seed catalogue of each served sector; entries already present are kept as
 * they are. The running sectors service's relay publishes the new rows at its next poll.
 */
const noRelayHere = { wake: () => undefined };
const dataSource = await openDatabase(sectorsDatabase);
try {
  const repository = new OpportunitiesRepository(dataSource);
  for (const sector of servedSectors()) {
    const { added, present } = await new OpportunitiesService(getSectorDefinition(sector), repository, noRelayHere).loadSeed();
    process.stdout.write(`${sector}: ${added} added, ${present} already present\n`);
  }
} finally {
  await dataSource.destroy();
  await stopEmbeddedDatabases();
}
