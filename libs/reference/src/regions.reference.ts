import { placeNameKey } from './place-name.js';

/** A first-level administrative unit (Russian federal subject or DPRK province) that the gazetteer knows by name. */
export interface RegionDefinition {
  readonly id: string;
  readonly country: 'RU' | 'KP';
  readonly name: string;
  /** Spellings accepted for the region, Latin and Cyrillic; generic words (Krai, область...) may be left out by callers. */
  readonly aliases: readonly string[];
  /** The ISO 3166-2 code of the region ("RU-PRI", "KP-13"). */
  readonly iso: string;
  /** The GeoNames admin1 code of the region within its country, so rows of a GeoNames dump can be tied to it. */
  readonly geonamesAdmin1?: string;
  readonly russianFarEast?: boolean;
  /**
   * Reaches the Khasan–Rajin rail link by rail over a short haul: Primorye, where the link starts
   * at Khasan, and its neighbours on the Trans-Siberian (Khabarovsk, Amur, the Jewish AO).
   * Set on the Russian Far East regions only.
   */
  readonly nearRajinLink?: boolean;
  /**
   * Stems (Latin and Cyrillic) that name the region inside longer free text, in any grammatical
   * case ("Приморского края", "Primorskiy region"), compared as placeNameKey folds them; set on
   * the Russian Far East regions only (see findRussianFarEastRegion).
   */
  readonly nameStems?: readonly string[];
}

/**
 * Regions of the cities in the built-in gazetteer. The eleven regions flagged `russianFarEast`
 * are the subjects of the Far Eastern Federal District that the platform treats as the Russian
 * Far East: Primorsky, Khabarovsk, Amur, Jewish AO, Sakhalin, Kamchatka, Magadan, Chukotka,
 * Sakha (Yakutia), Buryatia and Zabaykalsky.
 */
export const REGIONS: readonly RegionDefinition[] = [
  { id: 'primorsky', country: 'RU', name: 'Primorsky Krai', iso: 'RU-PRI', geonamesAdmin1: '59', russianFarEast: true, nearRajinLink: true, nameStems: ['primor', 'примор'], aliases: ['Primorsky Krai', 'Primorskiy Kray', 'Primorskii', 'Primorye', 'Primorie', 'Maritime Province', 'Приморский край', 'Приморье'] },
  { id: 'khabarovsk', country: 'RU', name: 'Khabarovsk Krai', iso: 'RU-KHA', geonamesAdmin1: '30', russianFarEast: true, nearRajinLink: true, nameStems: ['khabarov', 'хабаров'], aliases: ['Khabarovsk Krai', 'Khabarovskiy Kray', 'Khabarovsky Krai', 'Хабаровский край'] },
  { id: 'amur', country: 'RU', name: 'Amur Oblast', iso: 'RU-AMU', geonamesAdmin1: '05', russianFarEast: true, nearRajinLink: true, nameStems: ['amur', 'амур'], aliases: ['Amur Oblast', 'Amurskaya Oblast', 'Amur Region', 'Амурская область', 'Приамурье'] },
  { id: 'jewish', country: 'RU', name: 'Jewish Autonomous Oblast', iso: 'RU-YEV', geonamesAdmin1: '89', russianFarEast: true, nearRajinLink: true, nameStems: ['jewish', 'yevrei', 'evrei', 'еврей'], aliases: ['Jewish Autonomous Oblast', 'Jewish AO', 'JAO', 'Yevreyskaya Avtonomnaya Oblast', 'Evreyskaya', 'Еврейская автономная область', 'ЕАО'] },
  { id: 'sakhalin', country: 'RU', name: 'Sakhalin Oblast', iso: 'RU-SAK', geonamesAdmin1: '64', russianFarEast: true, nearRajinLink: false, nameStems: ['sakhalin', 'сахалин'], aliases: ['Sakhalin Oblast', 'Sakhalinskaya Oblast', 'Sakhalin', 'Сахалинская область', 'Сахалин'] },
  { id: 'kamchatka', country: 'RU', name: 'Kamchatka Krai', iso: 'RU-KAM', geonamesAdmin1: '92', russianFarEast: true, nearRajinLink: false, nameStems: ['kamchat', 'камчат'], aliases: ['Kamchatka Krai', 'Kamchatskiy Kray', 'Kamchatsky Krai', 'Kamchatka', 'Камчатский край', 'Камчатка'] },
  { id: 'magadan', country: 'RU', name: 'Magadan Oblast', iso: 'RU-MAG', geonamesAdmin1: '44', russianFarEast: true, nearRajinLink: false, nameStems: ['magadan', 'магадан'], aliases: ['Magadan Oblast', 'Magadanskaya Oblast', 'Магаданская область'] },
  { id: 'chukotka', country: 'RU', name: 'Chukotka Autonomous Okrug', iso: 'RU-CHU', geonamesAdmin1: '15', russianFarEast: true, nearRajinLink: false, nameStems: ['chukot', 'чукот'], aliases: ['Chukotka Autonomous Okrug', 'Chukotka', 'Chukotskiy Avtonomnyy Okrug', 'Chukotsky', 'Чукотский автономный округ', 'Чукотка'] },
  { id: 'sakha', country: 'RU', name: 'Sakha (Yakutia)', iso: 'RU-SA', geonamesAdmin1: '63', russianFarEast: true, nearRajinLink: false, nameStems: ['sakha', 'yakut', 'саха', 'якут'], aliases: ['Sakha (Yakutia)', 'Republic of Sakha (Yakutia)', 'Sakha Republic', 'Yakutia', 'Yakutiya', 'Республика Саха (Якутия)', 'Саха (Якутия)', 'Якутия'] },
  { id: 'buryatia', country: 'RU', name: 'Republic of Buryatia', iso: 'RU-BU', geonamesAdmin1: '11', russianFarEast: true, nearRajinLink: false, nameStems: ['buryat', 'бурят'], aliases: ['Republic of Buryatia', 'Buryatia', 'Buryatiya', 'Buryat Republic', 'Республика Бурятия', 'Бурятия'] },
  { id: 'zabaykalsky', country: 'RU', name: 'Zabaykalsky Krai', iso: 'RU-ZAB', geonamesAdmin1: '93', russianFarEast: true, nearRajinLink: false, nameStems: ['zabaykal', 'zabaikal', 'transbaikal', 'забайкал'], aliases: ['Zabaykalsky Krai', 'Zabaykalskiy Kray', 'Zabaikalsky Krai', 'Zabaykalye', 'Trans-Baikal Territory', 'Transbaikal', 'Забайкальский край', 'Забайкалье'] },

  { id: 'moscow', country: 'RU', name: 'Moscow', iso: 'RU-MOW', geonamesAdmin1: '48', aliases: ['Moscow', 'Moskva', 'Москва', 'г. Москва'] },
  { id: 'saint-petersburg', country: 'RU', name: 'Saint Petersburg', iso: 'RU-SPE', geonamesAdmin1: '66', aliases: ['Saint Petersburg', 'St Petersburg', 'St. Petersburg', 'Sankt-Peterburg', 'Санкт-Петербург'] },
  { id: 'novosibirsk', country: 'RU', name: 'Novosibirsk Oblast', iso: 'RU-NVS', geonamesAdmin1: '53', aliases: ['Novosibirsk Oblast', 'Novosibirskaya Oblast', 'Новосибирская область'] },
  { id: 'sverdlovsk', country: 'RU', name: 'Sverdlovsk Oblast', iso: 'RU-SVE', geonamesAdmin1: '71', aliases: ['Sverdlovsk Oblast', 'Sverdlovskaya Oblast', 'Свердловская область'] },
  { id: 'nizhny-novgorod', country: 'RU', name: 'Nizhny Novgorod Oblast', iso: 'RU-NIZ', geonamesAdmin1: '51', aliases: ['Nizhny Novgorod Oblast', 'Nizhegorodskaya Oblast', 'Нижегородская область'] },
  { id: 'tatarstan', country: 'RU', name: 'Republic of Tatarstan', iso: 'RU-TA', geonamesAdmin1: '73', aliases: ['Republic of Tatarstan', 'Tatarstan', 'Республика Татарстан', 'Татарстан'] },
  { id: 'chelyabinsk', country: 'RU', name: 'Chelyabinsk Oblast', iso: 'RU-CHE', geonamesAdmin1: '13', aliases: ['Chelyabinsk Oblast', 'Chelyabinskaya Oblast', 'Челябинская область'] },
  { id: 'omsk', country: 'RU', name: 'Omsk Oblast', iso: 'RU-OMS', geonamesAdmin1: '54', aliases: ['Omsk Oblast', 'Omskaya Oblast', 'Омская область'] },
  { id: 'samara', country: 'RU', name: 'Samara Oblast', iso: 'RU-SAM', geonamesAdmin1: '65', aliases: ['Samara Oblast', 'Samarskaya Oblast', 'Самарская область'] },
  { id: 'rostov', country: 'RU', name: 'Rostov Oblast', iso: 'RU-ROS', geonamesAdmin1: '61', aliases: ['Rostov Oblast', 'Rostovskaya Oblast', 'Ростовская область'] },
  { id: 'bashkortostan', country: 'RU', name: 'Republic of Bashkortostan', iso: 'RU-BA', geonamesAdmin1: '08', aliases: ['Republic of Bashkortostan', 'Bashkortostan', 'Bashkiria', 'Республика Башкортостан', 'Башкортостан', 'Башкирия'] },
  { id: 'krasnoyarsk', country: 'RU', name: 'Krasnoyarsk Krai', iso: 'RU-KYA', geonamesAdmin1: '91', aliases: ['Krasnoyarsk Krai', 'Krasnoyarskiy Kray', 'Красноярский край'] },
  { id: 'voronezh', country: 'RU', name: 'Voronezh Oblast', iso: 'RU-VOR', geonamesAdmin1: '86', aliases: ['Voronezh Oblast', 'Voronezhskaya Oblast', 'Воронежская область'] },
  { id: 'volgograd', country: 'RU', name: 'Volgograd Oblast', iso: 'RU-VGG', geonamesAdmin1: '84', aliases: ['Volgograd Oblast', 'Volgogradskaya Oblast', 'Волгоградская область'] },
  { id: 'perm', country: 'RU', name: 'Perm Krai', iso: 'RU-PER', geonamesAdmin1: '90', aliases: ['Perm Krai', 'Permskiy Kray', 'Пермский край'] },
  { id: 'krasnodar', country: 'RU', name: 'Krasnodar Krai', iso: 'RU-KDA', geonamesAdmin1: '38', aliases: ['Krasnodar Krai', 'Krasnodarskiy Kray', 'Kuban', 'Краснодарский край', 'Кубань'] },
  { id: 'saratov', country: 'RU', name: 'Saratov Oblast', iso: 'RU-SAR', geonamesAdmin1: '67', aliases: ['Saratov Oblast', 'Saratovskaya Oblast', 'Саратовская область'] },
  { id: 'tyumen', country: 'RU', name: 'Tyumen Oblast', iso: 'RU-TYU', geonamesAdmin1: '78', aliases: ['Tyumen Oblast', 'Tyumenskaya Oblast', 'Тюменская область'] },
  { id: 'udmurtia', country: 'RU', name: 'Udmurt Republic', iso: 'RU-UD', geonamesAdmin1: '80', aliases: ['Udmurt Republic', 'Udmurtia', 'Удмуртская Республика', 'Удмуртия'] },
  { id: 'altai-krai', country: 'RU', name: 'Altai Krai', iso: 'RU-ALT', geonamesAdmin1: '04', aliases: ['Altai Krai', 'Altayskiy Kray', 'Altaisky Krai', 'Алтайский край'] },
  { id: 'ulyanovsk', country: 'RU', name: 'Ulyanovsk Oblast', iso: 'RU-ULY', geonamesAdmin1: '81', aliases: ['Ulyanovsk Oblast', 'Ulyanovskaya Oblast', 'Ульяновская область'] },
  { id: 'irkutsk', country: 'RU', name: 'Irkutsk Oblast', iso: 'RU-IRK', geonamesAdmin1: '20', aliases: ['Irkutsk Oblast', 'Irkutskaya Oblast', 'Иркутская область'] },
  { id: 'yaroslavl', country: 'RU', name: 'Yaroslavl Oblast', iso: 'RU-YAR', geonamesAdmin1: '88', aliases: ['Yaroslavl Oblast', 'Yaroslavskaya Oblast', 'Ярославская область'] },
  { id: 'dagestan', country: 'RU', name: 'Republic of Dagestan', iso: 'RU-DA', geonamesAdmin1: '17', aliases: ['Republic of Dagestan', 'Dagestan', 'Республика Дагестан', 'Дагестан'] },
  { id: 'tomsk', country: 'RU', name: 'Tomsk Oblast', iso: 'RU-TOM', geonamesAdmin1: '75', aliases: ['Tomsk Oblast', 'Tomskaya Oblast', 'Томская область'] },
  { id: 'orenburg', country: 'RU', name: 'Orenburg Oblast', iso: 'RU-ORE', geonamesAdmin1: '55', aliases: ['Orenburg Oblast', 'Orenburgskaya Oblast', 'Оренбургская область'] },
  { id: 'kemerovo', country: 'RU', name: 'Kemerovo Oblast (Kuzbass)', iso: 'RU-KEM', geonamesAdmin1: '29', aliases: ['Kemerovo Oblast', 'Kemerovskaya Oblast', 'Kuzbass', 'Кемеровская область', 'Кузбасс'] },
  { id: 'altai-republic', country: 'RU', name: 'Altai Republic', iso: 'RU-AL', geonamesAdmin1: '03', aliases: ['Altai Republic', 'Republic of Altai', 'Gorny Altai', 'Республика Алтай', 'Горный Алтай'] },
  { id: 'khakassia', country: 'RU', name: 'Republic of Khakassia', iso: 'RU-KK', geonamesAdmin1: '31', aliases: ['Republic of Khakassia', 'Khakassia', 'Khakasiya', 'Республика Хакасия', 'Хакасия'] },
  { id: 'tuva', country: 'RU', name: 'Tuva Republic', iso: 'RU-TY', geonamesAdmin1: '79', aliases: ['Tuva Republic', 'Tuva', 'Tyva', 'Республика Тыва', 'Тыва', 'Тува'] },
  { id: 'khanty-mansi', country: 'RU', name: 'Khanty-Mansi Autonomous Okrug – Yugra', iso: 'RU-KHM', geonamesAdmin1: '32', aliases: ['Khanty-Mansi Autonomous Okrug', 'Khanty-Mansi', 'Yugra', 'Ханты-Мансийский автономный округ', 'Югра'] },
  { id: 'yamalo-nenets', country: 'RU', name: 'Yamalo-Nenets Autonomous Okrug', iso: 'RU-YAN', geonamesAdmin1: '87', aliases: ['Yamalo-Nenets Autonomous Okrug', 'Yamalo-Nenets', 'Yamal', 'Ямало-Ненецкий автономный округ', 'Ямал'] },

  { id: 'kp-pyongyang', country: 'KP', name: 'Pyongyang', iso: 'KP-01', geonamesAdmin1: '12', aliases: ['Pyongyang', "P'yŏngyang", 'Pyongyang Capital City', 'Пхеньян'] },
  { id: 'kp-rason', country: 'KP', name: 'Rason', iso: 'KP-13', geonamesAdmin1: '18', aliases: ['Rason', 'Rasŏn', 'Rason Special City', 'Rajin-Sonbong', 'Расон'] },
  { id: 'kp-north-hamgyong', country: 'KP', name: 'North Hamgyong', iso: 'KP-09', geonamesAdmin1: '17', aliases: ['North Hamgyong', 'North Hamgyŏng', 'Hamgyong-bukto', 'Hamgyŏng-bukto', 'Hamgyongbuk-do', 'Северная Хамгён', 'Хамгён-Пукто'] },
  { id: 'kp-south-hamgyong', country: 'KP', name: 'South Hamgyong', iso: 'KP-08', geonamesAdmin1: '03', aliases: ['South Hamgyong', 'South Hamgyŏng', 'Hamgyong-namdo', 'Hamgyŏng-namdo', 'Hamgyongnam-do', 'Южная Хамгён', 'Хамгён-Намдо'] },
  { id: 'kp-ryanggang', country: 'KP', name: 'Ryanggang', iso: 'KP-10', geonamesAdmin1: '13', aliases: ['Ryanggang', 'Yanggang', 'Ryanggang-do', 'Янгандо', 'Рянган'] },
  { id: 'kp-chagang', country: 'KP', name: 'Chagang', iso: 'KP-04', geonamesAdmin1: '01', aliases: ['Chagang', 'Chagang-do', 'Чагандо', 'Чаган'] },
  { id: 'kp-north-pyongan', country: 'KP', name: 'North Pyongan', iso: 'KP-03', geonamesAdmin1: '11', aliases: ['North Pyongan', "North P'yŏngan", 'Pyonganbuk-do', "P'yŏngan-bukto", 'Пхёнан-Пукто', 'Северная Пхёнан'] },
  { id: 'kp-south-pyongan', country: 'KP', name: 'South Pyongan', iso: 'KP-02', geonamesAdmin1: '15', aliases: ['South Pyongan', "South P'yŏngan", 'Pyongannam-do', "P'yŏngan-namdo", 'Пхёнан-Намдо', 'Южная Пхёнан'] },
  { id: 'kp-nampo', country: 'KP', name: 'Nampo', iso: 'KP-14', geonamesAdmin1: '14', aliases: ['Nampo', "Namp'o", 'Nampo Special City', 'Нампхо'] },
  { id: 'kp-kangwon', country: 'KP', name: 'Kangwon', iso: 'KP-07', geonamesAdmin1: '09', aliases: ['Kangwon', 'Kangwŏn', 'Kangwon-do', 'Канвондо', 'Канвон'] },
  { id: 'kp-north-hwanghae', country: 'KP', name: 'North Hwanghae', iso: 'KP-06', geonamesAdmin1: '07', aliases: ['North Hwanghae', 'Hwanghaebuk-do', 'Hwanghae-bukto', 'Хванхэ-Пукто', 'Северная Хванхэ'] },
  { id: 'kp-south-hwanghae', country: 'KP', name: 'South Hwanghae', iso: 'KP-05', geonamesAdmin1: '06', aliases: ['South Hwanghae', 'Hwanghaenam-do', 'Hwanghae-namdo', 'Хванхэ-Намдо', 'Южная Хванхэ'] },
  // GeoNames keeps Kaesŏng in a first-level unit of its own (admin1 19).
  { id: 'kp-kaesong', country: 'KP', name: 'Kaesong', iso: 'KP-15', geonamesAdmin1: '19', aliases: ['Kaesong', 'Kaesŏng', 'Kaesong Industrial Region', 'Кэсон'] },
];

const GENERIC_WORDS: ReadonlySet<string> = new Set(
  [
    'krai', 'kray', 'oblast', 'region', 'territory', 'republic', 'respublika', 'of', 'the', 'autonomous',
    'avtonomnaya', 'avtonomnyy', 'okrug', 'ao', 'province', 'do', 'special', 'city', 'capital', 'gorod',
    'край', 'область', 'регион', 'республика', 'автономная', 'автономный', 'округ', 'ао', 'провинция', 'город', 'г',
  ].map(placeNameKey),
);

function strippedRegionKey(name: string): string {
  return placeNameKey(name)
    .split(' ')
    .filter((word) => !GENERIC_WORDS.has(word))
    .join(' ');
}

function buildIndexes(): { exact: Map<string, RegionDefinition>; stripped: Map<string, RegionDefinition | null> } {
  const exact = new Map<string, RegionDefinition>();
  const stripped = new Map<string, RegionDefinition | null>();
  for (const region of REGIONS) {
    for (const alias of [region.name, region.iso, ...region.aliases]) {
      exact.set(placeNameKey(alias), region);
      const key = strippedRegionKey(alias);
      const seen = stripped.get(key);
      stripped.set(key, seen === undefined || seen === region ? region : null);
    }
  }
  return { exact, stripped };
}

const INDEXES = buildIndexes();

/**
 * The region a free-text region name designates, in Latin or Cyrillic, with or without generic
 * words ("Primorsky Krai", "Приморский край", "Primorye"), or by its ISO 3166-2 code ("RU-PRI");
 * undefined when unknown or ambiguous.
 */
export function resolveRegion(name: string): RegionDefinition | undefined {
  const exact = INDEXES.exact.get(placeNameKey(name));
  if (exact) {
    return exact;
  }
  const key = strippedRegionKey(name);
  return key === '' ? undefined : (INDEXES.stripped.get(key) ?? undefined);
}

/** The region of a GeoNames row, from its country code and admin1 code, when the gazetteer knows it. */
export function regionByGeonamesAdmin1(country: string, admin1: string): RegionDefinition | undefined {
  return REGIONS.find((r) => r.country === country && r.geonamesAdmin1 === admin1);
}

/** True when the region name designates one of the eleven regions of the Russian Far East (see REGIONS). */
export function regionIsRussianFarEast(region: string): boolean {
  return resolveRegion(region)?.russianFarEast === true;
}

/** The Russian Far East regions with their folded name stems, in the order of REGIONS: Sakhalin is tried before Sakha, Khabarovsk before Amur. */
const FAR_EAST_STEMS: readonly { region: RegionDefinition; stems: readonly string[] }[] = REGIONS.filter((r) => r.russianFarEast).map((region) => ({
  region,
  stems: (region.nameStems ?? []).map(placeNameKey),
}));

/**
 * The Russian Far East region a free-text region field names, if any: the region resolveRegion
 * finds when it finds one (by name, alias or ISO code), else the first Far East region one of whose
 * name stems occurs in the text ("г. Владивосток, Приморского края" is Primorsky Krai). Undefined
 * for a region outside the Russian Far East and for text that names none.
 */
export function findRussianFarEastRegion(text: string | undefined): RegionDefinition | undefined {
  if (text === undefined) {
    return undefined;
  }
  const resolved = resolveRegion(text);
  if (resolved) {
    return resolved.russianFarEast ? resolved : undefined;
  }
  const key = placeNameKey(text);
  return key === '' ? undefined : FAR_EAST_STEMS.find(({ stems }) => stems.some((stem) => key.includes(stem)))?.region;
}
