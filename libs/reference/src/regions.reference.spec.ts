import { describe, expect, it } from '@jest/globals';
import { placeNameKey } from './place-name.js';
import { findRussianFarEastRegion, REGIONS, regionByGeonamesAdmin1, regionIsRussianFarEast, resolveRegion } from './regions.reference.js';

describe('regionIsRussianFarEast', () => {
  it.each([
    'Primorsky Krai', 'Приморский край', 'Primorye', 'primorskiy kray',
    'Khabarovsk Krai', 'Хабаровский край',
    'Amur Oblast', 'Амурская область',
    'Jewish Autonomous Oblast', 'Еврейская автономная область', 'ЕАО',
    'Sakhalin Oblast', 'Сахалинская область',
    'Kamchatka Krai', 'Камчатский край',
    'Magadan Oblast', 'Магаданская область',
    'Chukotka Autonomous Okrug', 'Чукотский АО',
    'Republic of Sakha (Yakutia)', 'Sakha', 'Yakutia', 'Республика Саха (Якутия)',
    'Republic of Buryatia', 'Бурятия',
    'Zabaykalsky Krai', 'Trans-Baikal Territory', 'Забайкальский край',
  ])('%p is in the Russian Far East', (region) => {
    expect(regionIsRussianFarEast(region)).toBe(true);
  });

  it.each(['Irkutsk Oblast', 'Krasnoyarsk Krai', 'Novosibirsk Oblast', 'Moscow', 'Rason', 'North Hamgyong', 'Altai', 'Atlantis', ''])(
    '%p is not',
    (region) => {
      expect(regionIsRussianFarEast(region)).toBe(false);
    },
  );

  it('flags exactly eleven regions', () => {
    expect(REGIONS.filter((r) => r.russianFarEast).map((r) => r.id)).toEqual([
      'primorsky', 'khabarovsk', 'amur', 'jewish', 'sakhalin', 'kamchatka', 'magadan', 'chukotka', 'sakha', 'buryatia', 'zabaykalsky',
    ]);
  });
});

describe('resolveRegion', () => {
  it.each([
    ['Altai Krai', 'altai-krai'],
    ['Республика Алтай', 'altai-republic'],
    ['Altai', undefined],
    ['Rason Special City', 'kp-rason'],
    ['Hamgyŏng-bukto', 'kp-north-hamgyong'],
    ['г. Москва', 'moscow'],
    ['Kuzbass', 'kemerovo'],
    ['Oblast', undefined],
    ['RU-PRI', 'primorsky'],
    ['ru-kha', 'khabarovsk'],
    ['KP-13', 'kp-rason'],
  ])('%p -> %p', (name, id) => {
    expect(resolveRegion(name)?.id).toBe(id);
  });

  it('maps GeoNames admin1 codes per country', () => {
    expect(regionByGeonamesAdmin1('RU', '59')?.id).toBe('primorsky');
    expect(regionByGeonamesAdmin1('KP', '18')?.id).toBe('kp-rason');
    expect(regionByGeonamesAdmin1('RU', '18')).toBeUndefined();
  });

  it('gives every region an ISO 3166-2 code of its country, no two the same', () => {
    expect(REGIONS.filter((r) => !new RegExp(`^${r.country}-[A-Z0-9]{1,3}$`).test(r.iso)).map((r) => r.id)).toEqual([]);
    expect(new Set(REGIONS.map((r) => r.iso)).size).toBe(REGIONS.length);
  });

  it('gives no two regions the same GeoNames admin1 code in one country', () => {
    const keys = REGIONS.filter((r) => r.geonamesAdmin1).map((r) => `${r.country}:${r.geonamesAdmin1}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('findRussianFarEastRegion', () => {
  it.each([
    // Names, aliases and ISO codes, as resolveRegion knows them.
    ['Primorsky Krai', 'Primorsky Krai', true],
    ['Приморский край', 'Primorsky Krai', true],
    ['RU-PRI', 'Primorsky Krai', true],
    ['Khabarovsk Krai', 'Khabarovsk Krai', true],
    ['Амурская область', 'Amur Oblast', true],
    ['Jewish Autonomous Oblast', 'Jewish Autonomous Oblast', true],
    ['ЕАО', 'Jewish Autonomous Oblast', true],
    ['Sakhalin Oblast', 'Sakhalin Oblast', false],
    ['Республика Саха (Якутия)', 'Sakha (Yakutia)', false],
    ['Trans-Baikal Territory', 'Zabaykalsky Krai', false],
    ['Chukotka', 'Chukotka Autonomous Okrug', false],
    // Longer free text, by the stems of the Far East names: the first region whose stem occurs.
    ['г. Владивосток, Приморского края', 'Primorsky Krai', true],
    ['Primorskiy region, Vladivostok', 'Primorsky Krai', true],
    ['Хабаровского края', 'Khabarovsk Krai', true],
    ['Yuzhno-Sakhalinsk, Sakhalinskaya obl.', 'Sakhalin Oblast', false],
    ['Yakutsk (Yakutia)', 'Sakha (Yakutia)', false],
    ['Ulan-Ude, Buryat Rep.', 'Republic of Buryatia', false],
    // Stems with й, which placeNameKey folds to и on both sides.
    ['Еврейская АО, г. Биробиджан', 'Jewish Autonomous Oblast', true],
    ['г. Чита, Забайкальского края', 'Zabaykalsky Krai', false],
    // Elsewhere, or nothing at all.
    ['Moscow', undefined, false],
    ['Irkutsk Oblast', undefined, false],
    ['Rason', undefined, false],
    ['North Hamgyong', undefined, false],
    ['', undefined, false],
    ['  ', undefined, false],
    [undefined, undefined, false],
  ])('%j → %j (near the Rajin link: %j)', (text, name, near) => {
    const found = findRussianFarEastRegion(text);
    expect(found?.name).toBe(name);
    expect(found?.nearRajinLink === true).toBe(near);
  });

  it('puts Primorye and its three neighbours on the Trans-Siberian near the Rajin link, and no other region', () => {
    expect(REGIONS.filter((r) => r.nearRajinLink).map((r) => r.id)).toEqual(['primorsky', 'khabarovsk', 'amur', 'jewish']);
    expect(REGIONS.filter((r) => r.nearRajinLink !== undefined && !r.russianFarEast)).toEqual([]);
  });

  it('gives every Far East region name stems and no other region any', () => {
    expect(REGIONS.filter((r) => (r.nameStems ?? []).length > 0).map((r) => r.id)).toEqual(REGIONS.filter((r) => r.russianFarEast).map((r) => r.id));
  });

  it('finds every Far East region by each of its names, and no other region by any of its names', () => {
    for (const r of REGIONS) {
      for (const name of [r.name, r.iso, ...r.aliases]) {
        expect([name, findRussianFarEastRegion(name)?.id]).toEqual([name, r.russianFarEast ? r.id : undefined]);
      }
    }
  });

  it('cannot take another region for a Far East one: no name of another region contains a Far East stem', () => {
    const stems = REGIONS.flatMap((r) => r.nameStems ?? []).map(placeNameKey);
    const clashes = REGIONS.filter((r) => !r.russianFarEast)
      .flatMap((r) => [r.name, ...r.aliases].map(placeNameKey))
      .filter((key) => stems.some((stem) => key.includes(stem)));
    expect(clashes).toEqual([]);
  });
});
