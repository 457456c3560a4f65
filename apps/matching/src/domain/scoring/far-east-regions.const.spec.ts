import { describe, expect, it } from '@jest/globals';
import { findFarEastRegion } from './far-east-regions.const.js';

describe('findFarEastRegion', () => {
  it.each([
    ['Primorsky Krai', 'Primorsky Krai', true],
    ['Приморский край', 'Primorsky Krai', true],
    ['RU-PRI', 'Primorsky Krai', true],
    ['Khabarovsk Krai', 'Khabarovsk Krai', true],
    ['Амурская область', 'Amur Oblast', true],
    ['Jewish Autonomous Oblast', 'Jewish Autonomous Oblast', true],
    ['Sakhalin Oblast', 'Sakhalin Oblast', false],
    ['Республика Саха (Якутия)', 'Sakha (Yakutia)', false],
    ['Moscow', undefined, undefined],
    ['Irkutsk Oblast', undefined, undefined],
    ['', undefined, undefined],
  ])('%j → %j (near the Rajin link: %j)', (region, name, near) => {
    const found = findFarEastRegion(region);
    expect(found?.name).toBe(name);
    expect(found?.nearRajinLink).toBe(near);
  });
});
