import { describe, expect, it } from '@jest/globals';
import { REGIONS, regionByGeonamesAdmin1, regionIsRussianFarEast, resolveRegion } from './regions.reference.js';

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
  ])('%p -> %p', (name, id) => {
    expect(resolveRegion(name)?.id).toBe(id);
  });

  it('maps GeoNames admin1 codes per country', () => {
    expect(regionByGeonamesAdmin1('RU', '59')?.id).toBe('primorsky');
    expect(regionByGeonamesAdmin1('KP', '18')?.id).toBe('kp-rason');
    expect(regionByGeonamesAdmin1('RU', '18')).toBeUndefined();
  });

  it('gives no two regions the same GeoNames admin1 code in one country', () => {
    const keys = REGIONS.filter((r) => r.geonamesAdmin1).map((r) => `${r.country}:${r.geonamesAdmin1}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
