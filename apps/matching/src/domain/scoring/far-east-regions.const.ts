/** A federal subject of the Russian Far East, recognised by fragments of its name or its ISO 3166-2 code. */
export interface FarEastRegion {
  name: string;
  iso: string;
  /** Lower-case fragments (Latin and Cyrillic) that identify the region in a free-text region field. */
  fragments: readonly string[];
  /** Close to the Khasan–Rajin rail link by rail (Primorye and its neighbours on the Trans-Siberian). */
  nearRajinLink: boolean;
}

/**
 * Regions of the Far Eastern Federal District. Order matters: the first match wins, so Sakhalin
 * is tried before Sakha and Khabarovsk before Amur.
 */
export const FAR_EAST_REGIONS: readonly FarEastRegion[] = [
  { name: 'Primorsky Krai', iso: 'RU-PRI', fragments: ['primor', 'примор'], nearRajinLink: true },
  { name: 'Khabarovsk Krai', iso: 'RU-KHA', fragments: ['khabarov', 'хабаров'], nearRajinLink: true },
  { name: 'Jewish Autonomous Oblast', iso: 'RU-YEV', fragments: ['jewish', 'yevrei', 'evrei', 'еврей'], nearRajinLink: true },
  { name: 'Amur Oblast', iso: 'RU-AMU', fragments: ['amur', 'амур'], nearRajinLink: true },
  { name: 'Sakhalin Oblast', iso: 'RU-SAK', fragments: ['sakhalin', 'сахалин'], nearRajinLink: false },
  { name: 'Sakha (Yakutia)', iso: 'RU-SA', fragments: ['sakha', 'yakut', 'саха', 'якут'], nearRajinLink: false },
  { name: 'Kamchatka Krai', iso: 'RU-KAM', fragments: ['kamchat', 'камчат'], nearRajinLink: false },
  { name: 'Magadan Oblast', iso: 'RU-MAG', fragments: ['magadan', 'магадан'], nearRajinLink: false },
  { name: 'Chukotka', iso: 'RU-CHU', fragments: ['chukot', 'чукот'], nearRajinLink: false },
  { name: 'Zabaykalsky Krai', iso: 'RU-ZAB', fragments: ['zabaykal', 'zabaikal', 'transbaikal', 'забайкал'], nearRajinLink: false },
  { name: 'Buryatia', iso: 'RU-BU', fragments: ['buryat', 'бурят'], nearRajinLink: false },
];

/** The Far East region a free-text region field names, if any. */
export function findFarEastRegion(region: string | undefined): FarEastRegion | undefined {
  if (!region) return undefined;
  const text = region.trim().toLowerCase();
  if (text === '') return undefined;
  return FAR_EAST_REGIONS.find(
    (r) => r.iso.toLowerCase() === text || r.fragments.some((f) => text.includes(f)),
  );
}
