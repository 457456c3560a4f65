import { Inject, Injectable } from '@nestjs/common';
import { SECTOR_IDS, sectorSubjects, type SectorId } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { prepareRubric, type PreparedRubric, type RubricsBySector } from '../domain/scoring/index.js';

const TTL_MS = 5 * 60_000;

/** The scoring rubric of each sector, as the sectors service publishes it (cached; fetched again when stale). */
@Injectable()
export class RubricClient {
  private cache = new Map<SectorId, { rubric: PreparedRubric; expires: number }>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async rubric(sector: SectorId): Promise<PreparedRubric> {
    const cached = this.cache.get(sector);
    if (cached && cached.expires > Date.now()) return cached.rubric;
    try {
      const view = await this.bus.request(sectorSubjects(sector).describe, {});
      const rubric = prepareRubric({ sector, criteria: view.criteria, defaultOkved: view.defaultOkved });
      this.cache.set(sector, { rubric, expires: Date.now() + TTL_MS });
      return rubric;
    } catch (error) {
      if (cached) return cached.rubric;
      throw error;
    }
  }

  async rubrics(sectors: readonly SectorId[] = SECTOR_IDS): Promise<RubricsBySector> {
    const entries = await Promise.all(sectors.map(async (s) => [s, await this.rubric(s)] as const));
    return Object.fromEntries(entries);
  }
}
