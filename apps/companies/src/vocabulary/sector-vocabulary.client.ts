import { Inject, Injectable } from '@nestjs/common';
import { SECTOR_IDS, sectorSubjects, type SectorId } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';

const TTL_MS = 60_000;

/**
 * The capability vocabulary of each sector, as the sectors service publishes it. Cached for a
 * minute; when the sectors service cannot be asked the caller gets its UNAVAILABLE error, so a
 * profile is never accepted unchecked.
 */
@Injectable()
export class SectorVocabularyClient {
  private cache = new Map<SectorId, { capabilities: Set<string>; expires: number }>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async capabilitiesOf(sectors: readonly SectorId[]): Promise<Map<SectorId, Set<string>>> {
    const wanted = sectors.filter((s) => SECTOR_IDS.includes(s));
    const entries = await Promise.all(wanted.map(async (s) => [s, await this.load(s)] as const));
    return new Map(entries);
  }

  private async load(sector: SectorId): Promise<Set<string>> {
    const cached = this.cache.get(sector);
    if (cached && cached.expires > Date.now()) return cached.capabilities;
    const view = await this.bus.request(sectorSubjects(sector).describe, {});
    const capabilities = new Set(view.capabilities.map((c) => c.id));
    this.cache.set(sector, { capabilities, expires: Date.now() + TTL_MS });
    return capabilities;
  }
}
