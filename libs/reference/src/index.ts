export * from './geo-point.js';
export * from './hs-chapters.reference.js';
export * from './okved2.reference.js';
export * from './place-name.js';
export * from './regions.reference.js';
export * from './gazetteer-places.reference.js';
export * from './gazetteer.js';
