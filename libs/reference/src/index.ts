/** The one GeoPoint, declared in libs/contracts, for callers that know only this library. */
export type { GeoPoint } from '#contracts';
export * from './hs-chapters.reference.js';
export * from './okved2.reference.js';
export * from './place-name.js';
export * from './regions.reference.js';
export * from './gazetteer-places.reference.js';
export * from './gazetteer.js';
