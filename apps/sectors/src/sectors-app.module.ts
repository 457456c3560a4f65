import { Module, type DynamicModule } from '@nestjs/common';
import { SECTOR_IDS, type SectorId } from '#contracts';
import { BusModule, DatabaseModule, env, loadEnv, OpsModule } from '#platform';
import { sectorsDatabase } from './database/sectors-database.js';
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
        OpsModule.forService({ service: 'sectors' }),
        ...sectors.map((id) => SectorCatalogueModule.register(getSectorDefinition(id))),
      ],
    };
  }
}
