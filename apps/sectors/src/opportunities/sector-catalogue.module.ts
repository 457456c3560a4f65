import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { loadEnv, env } from '#platform';
import type { SectorDefinition } from '../sectors/sector-definition.js';
import { createOpportunitiesController } from './opportunities.nats.controller.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { OpportunitiesService, SECTOR_DEFINITION } from './opportunities.service.js';

/** One sector's catalogue: its definition, its service and its NATS controller. */
@Module({})
export class SectorCatalogueModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(SectorCatalogueModule.name);

  constructor(
    private readonly opportunities: OpportunitiesService,
    @Inject(SECTOR_DEFINITION) private readonly sector: SectorDefinition,
  ) {}

  static register(sector: SectorDefinition): DynamicModule {
    return {
      module: SectorCatalogueModule,
      controllers: [createOpportunitiesController(sector.id)],
      providers: [{ provide: SECTOR_DEFINITION, useValue: sector }, OpportunitiesRepository, OpportunitiesService],
      exports: [OpportunitiesService],
    };
  }

  /** With SEED_ON_EMPTY (the embedded default), an empty catalogue gets the seed once. */
  async onApplicationBootstrap(): Promise<void> {
    const { SEED_ON_EMPTY } = loadEnv({ SEED_ON_EMPTY: env.bool(false) });
    if (!SEED_ON_EMPTY || !(await this.opportunities.isEmpty())) return;
    const { added } = await this.opportunities.loadSeed();
    this.logger.log(`seeded ${added} ${this.sector.id} opportunities`);
  }
}
