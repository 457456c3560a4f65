import { Module, type DynamicModule } from '@nestjs/common';
import { OpportunityEventType, OpportunityEvents, SECTOR_IDS, type SectorId } from '#contracts';
import { BusModule, DatabaseModule, env, EventLogModule, loadEnv, OpsModule, OutboxRelayModule, type OutboxRow } from '#platform';
import { SECTORS_SCHEMA, sectorsDatabase } from './database/sectors-database.js';
import { SectorCatalogueModule } from './opportunities/sector-catalogue.module.js';
import { getSectorDefinition } from './sectors/sectors.registry.js';

/** The sectors to serve: all by default, or those named in SECTORS (e.g. `SECTORS=mining`). */
export function servedSectors(): SectorId[] {
  return loadEnv({ SECTORS: env.list(SECTOR_IDS, [...SECTOR_IDS]) }).SECTORS;
}

@Module({})
export class SectorsAppModule {
  static forSectors(sectors: SectorId[] = servedSectors()): DynamicModule {
    return {
      module: SectorsAppModule,
      imports: [
        BusModule.forService('sectors'),
        DatabaseModule.forService(sectorsDatabase),
        EventLogModule.forService('sectors'),
        // Every sector shares the one outbox; with a process per sector, one of them publishes it at a time.
        OutboxRelayModule.forSchema({
          schema: SECTORS_SCHEMA,
          stream: { name: OpportunityEvents.stream, subjects: [...OpportunityEvents.subjects] },
          subjectOf: opportunityEventSubject,
        }),
        OpsModule.forService({ service: 'sectors' }),
        ...sectors.map((id) => SectorCatalogueModule.register(getSectorDefinition(id))),
      ],
    };
  }
}

/** The outbox's stream column is the opportunity's sector. */
function opportunityEventSubject(row: OutboxRow): string {
  const sector = row.stream as SectorId;
  return row.type === OpportunityEventType.DELETED ? OpportunityEvents.deleted(sector) : OpportunityEvents.upserted(sector);
}
