import { Gazetteer } from '#reference';
import type { OpportunitySeed } from './sector.types.js';

/**
 * The site of a seed opportunity at a DPRK place of the reference gazetteer, so every seed
 * coordinate comes from the cited city datasets. Throws when the place is not a DPRK place.
 */
export function dprkSite(place: string, label?: string): OpportunitySeed['site'] {
  const entry = Gazetteer.builtIn().find(place);
  if (entry === undefined || entry.country !== 'KP') {
    throw new Error(`Seed site "${place}" is not a DPRK place of the gazetteer`);
  }
  return { name: label ?? entry.name, lat: entry.lat, lon: entry.lon };
}
