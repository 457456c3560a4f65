/** A point on the Earth in decimal degrees (WGS 84). */
export interface GeoPoint {
  lat: number;
  lon: number;
}
