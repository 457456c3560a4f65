import { AUTOMOBILE_SECTOR } from './automobile/automobile.sector.js';
import { ELECTRICITY_SECTOR } from './electricity/electricity.sector.js';
import { MINING_SECTOR } from './mining/mining.sector.js';
import type { SectorDefinition } from './sector-definition.js';
import type { SectorId } from './sector.types.js';

/** Every sector the platform serves, one line each. */
export const SECTOR_DEFINITIONS: readonly SectorDefinition[] = [
  MINING_SECTOR,
  AUTOMOBILE_SECTOR,
  ELECTRICITY_SECTOR,
];

/** The definition of a sector by id, or undefined for an id no sector has (e.g. from untrusted input). */
export function findSectorDefinition(id: string): SectorDefinition | undefined {
  return SECTOR_DEFINITIONS.find((s) => s.id === id);
}

/** The definition of a known sector; throws if the registry lacks it, which is a programming error. */
export function getSectorDefinition(id: SectorId): SectorDefinition {
  const definition = findSectorDefinition(id);
  if (definition === undefined) {
    throw new Error(`Sector "${id}" is not registered`);
  }
  return definition;
}
