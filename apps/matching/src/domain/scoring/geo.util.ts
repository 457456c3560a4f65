import type { GeoPoint } from './scoring.types.js';

/** Mean Earth radius (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const DEG = Math.PI / 180;

/** Rajin port in the Rason special economic zone, the DPRK end of the Khasan–Rajin rail link. */
export const RAJIN: GeoPoint = { lat: 42.25, lon: 130.3 };

/** Sites within this distance of Rajin are treated as served by the Khasan–Rajin rail link. */
export const RAJIN_LINK_RADIUS_KM = 150;

/** Great-circle distance between two points in kilometres (haversine formula). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const latA = a.lat * DEG;
  const latB = b.lat * DEG;
  return haversineRadKm(latA, a.lon * DEG, Math.cos(latA), latB, b.lon * DEG, Math.cos(latB));
}

/**
 * Haversine distance from coordinates already in radians with the cosines of their latitudes,
 * so a point prepared once can be compared with many others without recomputing them.
 */
export function haversineRadKm(
  latA: number,
  lonA: number,
  cosLatA: number,
  latB: number,
  lonB: number,
  cosLatB: number,
): number {
  const sinHalfLat = Math.sin((latB - latA) / 2);
  const sinHalfLon = Math.sin((lonB - lonA) / 2);
  const h = sinHalfLat * sinHalfLat + cosLatA * cosLatB * sinHalfLon * sinHalfLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Whether a point is a usable coordinate pair. */
export function isGeoPoint(p: GeoPoint | undefined | null): p is GeoPoint {
  return (
    p != null &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lon) &&
    Math.abs(p.lat) <= 90 &&
    Math.abs(p.lon) <= 180
  );
}
