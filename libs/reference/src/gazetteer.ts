import { readFile } from 'node:fs/promises';
import type { GeoPoint } from '#contracts';
import { GAZETTEER_PLACES } from './gazetteer-places.reference.js';
import { placeNameKey } from './place-name.js';
import { regionByGeonamesAdmin1, resolveRegion } from './regions.reference.js';

/** A place the gazetteer can return: a display name, its country and region, coordinates and how much to trust it. */
export interface GazetteerEntry {
  readonly name: string;
  readonly names: readonly string[];
  readonly country: string;
  /** Region id (see REGIONS), when known. */
  readonly region?: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  /** Curated entries (the built-in table) win over entries loaded from a GeoNames dump. */
  readonly curated: boolean;
}

const GEONAMES_COLUMNS = 19;

function builtInEntries(): GazetteerEntry[] {
  return GAZETTEER_PLACES.map((p) => ({
    name: p.name,
    names: [p.name, ...p.aliases],
    country: p.country,
    region: p.region,
    lat: p.lat,
    lon: p.lon,
    population: p.population ?? 0,
    curated: true,
  }));
}

/**
 * Parses rows of a GeoNames `cities*.txt` dump (tab-separated, 19 columns) into gazetteer
 * entries named by their name, ASCII name and every alternate name. Throws on a malformed row,
 * naming its line.
 */
export function parseGeonamesCities(text: string): GazetteerEntry[] {
  const entries: GazetteerEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const cols = line.split('\t');
    const lat = Number(cols[4]);
    const lon = Number(cols[5]);
    if (cols.length !== GEONAMES_COLUMNS || cols[4] === '' || cols[5] === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      throw new Error(`GeoNames cities file: line ${index + 1} is not a ${GEONAMES_COLUMNS}-column row with coordinates`);
    }
    const [, name, asciiName, alternateNames] = cols;
    const country = cols[8];
    entries.push({
      name,
      names: [name, asciiName, ...alternateNames.split(',')].filter((n) => n !== ''),
      country,
      region: regionByGeonamesAdmin1(country, cols[10])?.id,
      lat,
      lon,
      population: Number(cols[14]) || 0,
      curated: false,
    });
  });
  return entries;
}

function preferred(a: GazetteerEntry, b: GazetteerEntry): GazetteerEntry {
  if (a.curated !== b.curated) {
    return a.curated ? a : b;
  }
  return b.population > a.population ? b : a;
}

/**
 * Geocodes Russian and DPRK city names, written in Latin or Cyrillic, ignoring case, ё/е and
 * romanisation diacritics. A region, when given and recognised, picks among homonyms
 * (Blagoveshchensk in Amur Oblast or in Bashkortostan); an unrecognised region is ignored.
 */
export class Gazetteer {
  private static builtInInstance: Gazetteer | undefined;
  private readonly byKey = new Map<string, GazetteerEntry[]>();

  constructor(entries: readonly GazetteerEntry[] = builtInEntries()) {
    for (const entry of entries) {
      for (const key of new Set(entry.names.map(placeNameKey))) {
        if (key === '') {
          continue;
        }
        const list = this.byKey.get(key);
        if (list) {
          list.push(entry);
        } else {
          this.byKey.set(key, [entry]);
        }
      }
    }
  }

  /** The gazetteer of the built-in table only, shared. */
  static builtIn(): Gazetteer {
    Gazetteer.builtInInstance ??= new Gazetteer();
    return Gazetteer.builtInInstance;
  }

  /** The built-in table extended with every row of a GeoNames cities dump read from `path`. */
  static async fromGeonames(path: string): Promise<Gazetteer> {
    const text = await readFile(path, 'utf8');
    return new Gazetteer([...builtInEntries(), ...parseGeonamesCities(text)]);
  }

  /** The best entry for a city name, optionally within a region; undefined when none fits. */
  find(city: string, region?: string): GazetteerEntry | undefined {
    const candidates = this.byKey.get(placeNameKey(city));
    if (!candidates) {
      return undefined;
    }
    const pool = region === undefined ? candidates : this.withinRegion(candidates, region);
    return pool.length === 0 ? undefined : pool.reduce(preferred);
  }

  /** The coordinates of a city, optionally within a region; undefined when the city is unknown. */
  locate(city: string, region?: string): GeoPoint | undefined {
    const entry = this.find(city, region);
    return entry ? { lat: entry.lat, lon: entry.lon } : undefined;
  }

  private withinRegion(candidates: readonly GazetteerEntry[], region: string): readonly GazetteerEntry[] {
    const wanted = resolveRegion(region);
    if (!wanted) {
      return candidates;
    }
    const same = candidates.filter((c) => c.region === wanted.id);
    return same.length > 0 ? same : candidates.filter((c) => c.region === undefined && c.country === wanted.country);
  }
}
