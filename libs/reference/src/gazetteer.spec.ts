import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GAZETTEER_PLACES } from './gazetteer-places.reference.js';
import { Gazetteer, parseGeonamesCities } from './gazetteer.js';
import { REGIONS } from './regions.reference.js';

const DATA_DIR = process.env.TUMEN_SHARED_DATA_DIR ?? path.resolve(process.cwd(), '../shared/data');
const GEONAMES_PATH = path.join(DATA_DIR, 'cities/geonames-cities15000-RU-KP.txt');

function sourceCoordinates(): Map<string, [number, number]> {
  const coords = new Map<string, [number, number]>();
  for (const line of readFileSync(GEONAMES_PATH, 'utf8').split('\n').filter((l) => l !== '')) {
    const cols = line.split('\t');
    coords.set(`geonames:${cols[0]}`, [Number(cols[4]), Number(cols[5])]);
  }
  const csc = readFileSync(path.join(DATA_DIR, 'cities/csc-RU-far-east-and-KP-cities.csv'), 'utf8');
  for (const line of csc.split('\n').slice(1).filter((l) => l !== '')) {
    const cols = line.split(',');
    coords.set(`csc:${cols[4]}`, [Number(cols[6]), Number(cols[7])]);
  }
  const wiki = readFileSync(path.join(DATA_DIR, 'cities/wikipedia-coordinates-supplement.csv'), 'utf8');
  for (const line of wiki.split('\n').slice(1).filter((l) => l !== '')) {
    const url = /https:\/\/\S+?(?=,)/.exec(line)?.[0];
    const cols = line.split(',');
    coords.set(`wikipedia:${url}`, [Number(cols[2]), Number(cols[3])]);
  }
  return coords;
}

describe('GAZETTEER_PLACES', () => {
  it('has 79 places, 60 Russian and 19 in the DPRK (Rason is an alias of Rajin; Pukchang is in no source)', () => {
    expect(GAZETTEER_PLACES.filter((p) => p.country === 'RU')).toHaveLength(60);
    expect(GAZETTEER_PLACES.filter((p) => p.country === 'KP')).toHaveLength(19);
  });

  it('copies every coordinate from the source row it cites', () => {
    const coords = sourceCoordinates();
    const wrong = GAZETTEER_PLACES.filter((p) => {
      const key =
        p.source.kind === 'geonames'
          ? `geonames:${p.source.geonameId}`
          : p.source.kind === 'wikipedia'
            ? `wikipedia:${p.source.url}`
            : `csc:${p.source.cscCityId}`;
      const expected = coords.get(key);
      return expected === undefined || expected[0] !== p.lat || expected[1] !== p.lon;
    }).map((p) => p.name);
    expect(wrong).toEqual([]);
  });

  it('ties every place to a region of its own country', () => {
    const regions = new Map(REGIONS.map((r) => [r.id, r.country]));
    expect(GAZETTEER_PLACES.filter((p) => regions.get(p.region) !== p.country).map((p) => p.name)).toEqual([]);
  });

  it('gives no two places a name that folds to the same key', () => {
    const gazetteer = Gazetteer.builtIn();
    const ambiguous = GAZETTEER_PLACES.flatMap((p) => [p.name, ...p.aliases]).filter((n) => gazetteer.find(n) === undefined);
    expect(ambiguous).toEqual([]);
  });
});

describe('Gazetteer.locate (built-in table)', () => {
  const gazetteer = Gazetteer.builtIn();

  it.each([
    ['Vladivostok', undefined, { lat: 43.10562, lon: 131.87353 }],
    ['ВЛАДИВОСТОК', undefined, { lat: 43.10562, lon: 131.87353 }],
    ['  vladivostok ', undefined, { lat: 43.10562, lon: 131.87353 }],
    ['Артем', undefined, { lat: 43.35757, lon: 132.19137 }],
    ['Артём', undefined, { lat: 43.35757, lon: 132.19137 }],
    ['Artem', undefined, { lat: 43.35757, lon: 132.19137 }],
    ['Ростов-на-Дону', undefined, { lat: 47.21997, lon: 39.70769 }],
    ['rostov on don', undefined, { lat: 47.21997, lon: 39.70769 }],
    ['Khasan', 'Primorsky Krai', { lat: 42.42833, lon: 130.64556 }],
    ['Хасан', 'Приморский край', { lat: 42.42833, lon: 130.64556 }],
    ['Posyet', undefined, { lat: 42.71071, lon: 130.78126 }],
    ['Vostochny', 'Primorye', { lat: 42.73012, lon: 133.08381 }],
    ['Rason', undefined, { lat: 42.25559, lon: 130.28308 }],
    ['Rajin', 'Rason', { lat: 42.25559, lon: 130.28308 }],
    ['Sŏnbong', undefined, { lat: 42.35118, lon: 130.38307 }],
    ['Kimch’aek', undefined, { lat: 40.66889, lon: 129.18972 }],
    ['KIMCHAEK', undefined, { lat: 40.66889, lon: 129.18972 }],
    ['Tanchon', undefined, { lat: 40.458, lon: 128.911 }],
    ['Пхеньян', undefined, { lat: 39.03385, lon: 125.75432 }],
    ["Namp'o", undefined, { lat: 38.7375, lon: 125.40778 }],
    ['Blagoveshchensk', 'Amur Oblast', { lat: 50.27593, lon: 127.52637 }],
    ['Blagoveshchensk', 'Atlantis', { lat: 50.27593, lon: 127.52637 }],
  ])('%p in %p -> %p', (city, region, expected) => {
    expect(gazetteer.locate(city, region)).toEqual(expected);
  });

  it.each([
    ['Tumangang', undefined],
    ['', undefined],
    ['Pukchang', undefined],
    ['Blagoveshchensk', 'Bashkortostan'],
    ['Vladivostok', 'Moscow'],
  ])('%p in %p is not located', (city, region) => {
    expect(gazetteer.locate(city, region)).toBeUndefined();
  });

  it('returns the entry with its display name, country and region', () => {
    expect(gazetteer.find('Мусан')).toMatchObject({ name: 'Musan', country: 'KP', region: 'kp-north-hamgyong', curated: true });
  });
});

describe('Gazetteer.fromGeonames', () => {
  it('adds the places of the GeoNames subset and ties them to known regions', async () => {
    const gazetteer = await Gazetteer.fromGeonames(GEONAMES_PATH);
    expect(gazetteer.locate('Arsenyev')).toEqual({ lat: 44.15695, lon: 133.27331 });
    expect(gazetteer.find('Арсеньев')).toMatchObject({ name: 'Arsen’yev', region: 'primorsky', curated: false });
    expect(gazetteer.locate('Blagoveshchensk', 'Республика Башкортостан')).toEqual({ lat: 55.0352, lon: 55.97703 });
    expect(gazetteer.locate('Blagoveshchensk')).toEqual({ lat: 50.27593, lon: 127.52637 });
    expect(gazetteer.locate('Tanchon')).toEqual({ lat: 40.458, lon: 128.911 });
  });

  it('rejects a file that is not a GeoNames dump, naming the line', () => {
    expect(() => parseGeonamesCities('2013348\tVladivostok\n')).toThrow('line 1');
  });

  it('reads a well-formed row', () => {
    const row = ['1', 'Testograd', 'Testograd', 'Тестоград,Testgrad', '42.5', '130.5', 'P', 'PPL', 'RU', '', '59', '', '', '', '1500', '', '10', 'Asia/Vladivostok', '2025-01-01'].join('\t');
    expect(parseGeonamesCities(`${row}\n`)).toEqual([
      { name: 'Testograd', names: ['Testograd', 'Testograd', 'Тестоград', 'Testgrad'], country: 'RU', region: 'primorsky', lat: 42.5, lon: 130.5, population: 1500, curated: false },
    ]);
  });
});
