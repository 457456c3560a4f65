/** Where the coordinates of a gazetteer place come from (see ../shared/data/cities/PROVENANCE.md). */
export type PlaceSource =
  | { readonly kind: 'geonames'; readonly geonameId: number }
  | { readonly kind: 'csc'; readonly cscCityId: number }
  | { readonly kind: 'wikipedia'; readonly url: string }
  | { readonly kind: 'nearest-settlement'; readonly settlement: string; readonly cscCityId: number };

/** One place of the built-in gazetteer: names it is known by, its region and its coordinates. */
export interface GazetteerPlace {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: 'RU' | 'KP';
  /** Id of a region in REGIONS. */
  readonly region: string;
  readonly lat: number;
  readonly lon: number;
  readonly population?: number;
  readonly source: PlaceSource;
}

const geonames = (geonameId: number): PlaceSource => ({ kind: 'geonames', geonameId });
const csc = (cscCityId: number): PlaceSource => ({ kind: 'csc', cscCityId });

/**
 * Russian cities (the 30 largest, the regional capitals of Siberia and the Far East, the
 * Primorye ports and border towns) and DPRK places named in the Russia–DPRK talks. Coordinates
 * are copied from GeoNames cities15000 (CC BY 4.0, geonames.org), the Countries-States-Cities
 * database (ODbL-1.0) and, for Khasan and Tanchon, English Wikipedia.
 */
export const GAZETTEER_PLACES: readonly GazetteerPlace[] = [
  // The 30 largest Russian cities (GeoNames population).
  { name: 'Moscow', aliases: ['Moskva', 'Москва'], country: 'RU', region: 'moscow', lat: 55.75204, lon: 37.61781, population: 10381222, source: geonames(524901) },
  { name: 'Saint Petersburg', aliases: ['St Petersburg', 'St. Petersburg', 'Sankt-Peterburg', 'Санкт-Петербург', 'Петербург'], country: 'RU', region: 'saint-petersburg', lat: 59.93863, lon: 30.31413, population: 5351935, source: geonames(498817) },
  { name: 'Novosibirsk', aliases: ['Новосибирск'], country: 'RU', region: 'novosibirsk', lat: 55.02259, lon: 82.93175, population: 1612833, source: geonames(1496747) },
  { name: 'Yekaterinburg', aliases: ['Ekaterinburg', 'Екатеринбург'], country: 'RU', region: 'sverdlovsk', lat: 56.85733, lon: 60.61529, population: 1495066, source: geonames(1486209) },
  { name: 'Nizhny Novgorod', aliases: ['Nizhniy Novgorod', 'Нижний Новгород'], country: 'RU', region: 'nizhny-novgorod', lat: 56.32867, lon: 44.00205, population: 1259013, source: geonames(520555) },
  { name: 'Kazan', aliases: ['Казань'], country: 'RU', region: 'tatarstan', lat: 55.78874, lon: 49.12214, population: 1243500, source: geonames(551487) },
  { name: 'Chelyabinsk', aliases: ['Челябинск'], country: 'RU', region: 'chelyabinsk', lat: 55.1611, lon: 61.42877, population: 1202371, source: geonames(1508291) },
  { name: 'Omsk', aliases: ['Омск'], country: 'RU', region: 'omsk', lat: 54.99244, lon: 73.36859, population: 1172070, source: geonames(1496153) },
  { name: 'Samara', aliases: ['Самара'], country: 'RU', region: 'samara', lat: 53.20767, lon: 50.13553, population: 1163399, source: geonames(499099) },
  { name: 'Rostov-on-Don', aliases: ['Rostov-na-Donu', 'Ростов-на-Дону'], country: 'RU', region: 'rostov', lat: 47.21997, lon: 39.70769, population: 1130305, source: geonames(501175) },
  { name: 'Ufa', aliases: ['Уфа'], country: 'RU', region: 'bashkortostan', lat: 54.74306, lon: 55.96779, population: 1120547, source: geonames(479561) },
  { name: 'Krasnoyarsk', aliases: ['Красноярск'], country: 'RU', region: 'krasnoyarsk', lat: 56.03742, lon: 92.93136, population: 1090811, source: geonames(1502026) },
  { name: 'Voronezh', aliases: ['Воронеж'], country: 'RU', region: 'voronezh', lat: 51.66833, lon: 39.19204, population: 1047549, source: geonames(472045) },
  { name: 'Volgograd', aliases: ['Волгоград'], country: 'RU', region: 'volgograd', lat: 48.71378, lon: 44.4976, population: 1013533, source: geonames(472757) },
  { name: 'Perm', aliases: ['Пермь'], country: 'RU', region: 'perm', lat: 58.01046, lon: 56.25017, population: 982419, source: geonames(511196) },
  { name: 'Krasnodar', aliases: ['Краснодар'], country: 'RU', region: 'krasnodar', lat: 45.04534, lon: 38.98178, population: 899541, source: geonames(542420) },
  { name: 'Saratov', aliases: ['Саратов'], country: 'RU', region: 'saratov', lat: 51.54048, lon: 45.9901, population: 844858, source: geonames(498677) },
  { name: 'Tyumen', aliases: ['Тюмень'], country: 'RU', region: 'tyumen', lat: 57.15222, lon: 65.52722, population: 768358, source: geonames(1488754) },
  { name: 'Tolyatti', aliases: ['Togliatti', 'Тольятти'], country: 'RU', region: 'samara', lat: 53.5303, lon: 49.3461, population: 702879, source: geonames(482283) },
  { name: 'Izhevsk', aliases: ['Ижевск'], country: 'RU', region: 'udmurtia', lat: 56.85225, lon: 53.19862, population: 648213, source: geonames(554840) },
  { name: 'Barnaul', aliases: ['Барнаул'], country: 'RU', region: 'altai-krai', lat: 53.36199, lon: 83.72786, population: 632372, source: geonames(1510853) },
  { name: 'Ulyanovsk', aliases: ['Ульяновск'], country: 'RU', region: 'ulyanovsk', lat: 54.32824, lon: 48.38657, population: 626540, source: geonames(479123) },
  { name: 'Irkutsk', aliases: ['Иркутск'], country: 'RU', region: 'irkutsk', lat: 52.29566, lon: 104.29076, population: 623869, source: geonames(2023469) },
  { name: 'Khabarovsk', aliases: ['Хабаровск'], country: 'RU', region: 'khabarovsk', lat: 48.46204, lon: 135.0971, population: 618150, source: geonames(2022890) },
  { name: 'Yaroslavl', aliases: ['Ярославль'], country: 'RU', region: 'yaroslavl', lat: 57.62987, lon: 39.87368, population: 608722, source: geonames(468902) },
  { name: 'Vladivostok', aliases: ['Владивосток'], country: 'RU', region: 'primorsky', lat: 43.10562, lon: 131.87353, population: 604901, source: geonames(2013348) },
  { name: 'Makhachkala', aliases: ['Махачкала'], country: 'RU', region: 'dagestan', lat: 42.97782, lon: 47.50027, population: 596356, source: geonames(532096) },
  { name: 'Tomsk', aliases: ['Томск'], country: 'RU', region: 'tomsk', lat: 56.50049, lon: 84.98216, population: 574002, source: geonames(1489425) },
  { name: 'Orenburg', aliases: ['Оренбург'], country: 'RU', region: 'orenburg', lat: 51.76712, lon: 55.09883, population: 564773, source: geonames(515003) },
  { name: 'Kemerovo', aliases: ['Кемерово'], country: 'RU', region: 'kemerovo', lat: 55.35417, lon: 86.10435, population: 558973, source: geonames(1503901) },

  // Regional capitals of the Far East and Siberia not listed above.
  { name: 'Blagoveshchensk', aliases: ['Благовещенск'], country: 'RU', region: 'amur', lat: 50.27593, lon: 127.52637, population: 225091, source: geonames(2026609) },
  { name: 'Birobidzhan', aliases: ['Биробиджан'], country: 'RU', region: 'jewish', lat: 48.793, lon: 132.92033, population: 73623, source: geonames(2026643) },
  { name: 'Yuzhno-Sakhalinsk', aliases: ['Южно-Сахалинск'], country: 'RU', region: 'sakhalin', lat: 46.9543, lon: 142.73559, population: 198973, source: geonames(2119441) },
  { name: 'Petropavlovsk-Kamchatsky', aliases: ['Petropavlovsk-Kamchatskiy', 'Петропавловск-Камчатский'], country: 'RU', region: 'kamchatka', lat: 53.06393, lon: 158.62751, population: 181216, source: geonames(2122104) },
  { name: 'Magadan', aliases: ['Магадан'], country: 'RU', region: 'magadan', lat: 59.56274, lon: 150.80211, population: 92782, source: geonames(2123628) },
  { name: 'Anadyr', aliases: ['Анадырь'], country: 'RU', region: 'chukotka', lat: 64.73424, lon: 177.5103, population: 15604, source: geonames(2127202) },
  { name: 'Yakutsk', aliases: ['Якутск'], country: 'RU', region: 'sakha', lat: 62.03114, lon: 129.72288, population: 235600, source: geonames(2013159) },
  { name: 'Ulan-Ude', aliases: ['Улан-Удэ'], country: 'RU', region: 'buryatia', lat: 51.82648, lon: 107.59979, population: 360278, source: geonames(2014407) },
  { name: 'Chita', aliases: ['Чита'], country: 'RU', region: 'zabaykalsky', lat: 52.04311, lon: 113.49171, population: 349005, source: geonames(2025339) },
  { name: 'Gorno-Altaysk', aliases: ['Gorno-Altaisk', 'Горно-Алтайск'], country: 'RU', region: 'altai-republic', lat: 51.96056, lon: 85.91892, population: 63214, source: geonames(1506271) },
  { name: 'Abakan', aliases: ['Абакан'], country: 'RU', region: 'khakassia', lat: 53.7154, lon: 91.42593, population: 184168, source: geonames(1512236) },
  { name: 'Kyzyl', aliases: ['Кызыл'], country: 'RU', region: 'tuva', lat: 51.71108, lon: 94.43776, population: 116983, source: geonames(1500973) },
  { name: 'Khanty-Mansiysk', aliases: ['Ханты-Мансийск'], country: 'RU', region: 'khanty-mansi', lat: 61.00187, lon: 69.02728, population: 101466, source: geonames(1503772) },
  { name: 'Salekhard', aliases: ['Салехард'], country: 'RU', region: 'yamalo-nenets', lat: 66.53373, lon: 66.60955, population: 49214, source: geonames(1493197) },

  // Other Far Eastern and Siberian cities, ports and border towns.
  { name: 'Novokuznetsk', aliases: ['Новокузнецк'], country: 'RU', region: 'kemerovo', lat: 53.75752, lon: 87.13599, population: 539616, source: geonames(1496990) },
  { name: 'Komsomolsk-on-Amur', aliases: ['Komsomolsk-na-Amure', 'Комсомольск-на-Амуре'], country: 'RU', region: 'khabarovsk', lat: 50.55034, lon: 137.00995, population: 275908, source: geonames(2021851) },
  { name: 'Ussuriysk', aliases: ['Ussuriisk', 'Уссурийск'], country: 'RU', region: 'primorsky', lat: 43.80467, lon: 131.95734, population: 157068, source: geonames(2014006) },
  { name: 'Nakhodka', aliases: ['Находка'], country: 'RU', region: 'primorsky', lat: 42.8436, lon: 132.91831, population: 146920, source: geonames(2019528) },
  { name: 'Artyom', aliases: ['Artem', 'Artëm', 'Артём'], country: 'RU', region: 'primorsky', lat: 43.35757, lon: 132.19137, population: 102300, source: geonames(2027456) },
  { name: 'Partizansk', aliases: ['Партизанск'], country: 'RU', region: 'primorsky', lat: 43.11992, lon: 133.12316, population: 42489, source: geonames(2018116) },
  { name: 'Bolshoy Kamen', aliases: ["Bol'shoy Kamen'", 'Bolshoi Kamen', 'Большой Камень'], country: 'RU', region: 'primorsky', lat: 43.1112, lon: 132.35021, population: 38100, source: geonames(2026303) },
  // The port of Vostochny lies at the settlement of Vrangel, whose coordinates are used.
  { name: 'Vostochny', aliases: ['Vostochnyy', 'Vostochny Port', 'Port Vostochny', 'Восточный', 'порт Восточный', 'Vrangel', 'Врангель'], country: 'RU', region: 'primorsky', lat: 42.73012, lon: 133.08381, population: 20000, source: geonames(2013258) },
  { name: 'Slavyanka', aliases: ['Славянка'], country: 'RU', region: 'primorsky', lat: 42.86413, lon: 131.3882, source: csc(101404) },
  { name: 'Zarubino', aliases: ['Зарубино'], country: 'RU', region: 'primorsky', lat: 42.63257, lon: 131.09005, source: csc(102661) },
  { name: 'Kraskino', aliases: ['Краскино'], country: 'RU', region: 'primorsky', lat: 42.71071, lon: 130.78126, source: csc(99275) },
  // Posyet is in none of the source datasets: the coordinates are those of Kraskino, the nearest settlement that is (about 7 km north).
  { name: 'Posyet', aliases: ['Posiet', 'Posyet Port', 'Посьет'], country: 'RU', region: 'primorsky', lat: 42.71071, lon: 130.78126, source: { kind: 'nearest-settlement', settlement: 'Kraskino', cscCityId: 99275 } },
  { name: 'Khasan', aliases: ['Hasan', 'Хасан'], country: 'RU', region: 'primorsky', lat: 42.42833, lon: 130.64556, population: 742, source: { kind: 'wikipedia', url: 'https://en.wikipedia.org/wiki/Khasan_(urban-type_settlement)' } },
  { name: 'Vanino', aliases: ['Ванино'], country: 'RU', region: 'khabarovsk', lat: 49.09821, lon: 140.25207, population: 18618, source: geonames(2119932) },
  { name: 'Korsakov', aliases: ['Корсаков'], country: 'RU', region: 'sakhalin', lat: 46.63528, lon: 142.77583, population: 35091, source: geonames(2124286) },
  { name: 'Kholmsk', aliases: ['Холмск'], country: 'RU', region: 'sakhalin', lat: 47.04612, lon: 142.04938, population: 32681, source: geonames(2124615) },

  // DPRK places. Rason Special City has two urban cores; "Rason" resolves to Rajin, its seat.
  { name: 'Pyongyang', aliases: ["P'yŏngyang", 'Пхеньян'], country: 'KP', region: 'kp-pyongyang', lat: 39.03385, lon: 125.75432, population: 3222000, source: geonames(1871859) },
  { name: 'Rajin', aliases: ['Rason', 'Rasŏn', 'Najin', 'Расон', 'Раджин', 'Радзин', 'Наджин'], country: 'KP', region: 'kp-rason', lat: 42.25559, lon: 130.28308, population: 66224, source: geonames(2042645) },
  { name: 'Sonbong', aliases: ['Sŏnbong', 'Unggi', 'Сонбон'], country: 'KP', region: 'kp-rason', lat: 42.35118, lon: 130.38307, population: 27331, source: geonames(2040674) },
  { name: 'Chongjin', aliases: ['Ch’ŏngjin', "Ch'ongjin", 'Cheongjin', 'Чхонджин', 'Чондин'], country: 'KP', region: 'kp-north-hamgyong', lat: 41.79556, lon: 129.77583, population: 327000, source: geonames(2044757) },
  { name: 'Kimchaek', aliases: ['Kimch’aek', 'Kimch’aek-si', 'Gimchaek', 'Songjin', 'Кимчхэк'], country: 'KP', region: 'kp-north-hamgyong', lat: 40.66889, lon: 129.18972, source: csc(65211) },
  { name: 'Tanchon', aliases: ['Tanch’ŏn', 'Dancheon', 'Танчхон'], country: 'KP', region: 'kp-south-hamgyong', lat: 40.458, lon: 128.911, population: 345876, source: { kind: 'wikipedia', url: 'https://en.wikipedia.org/wiki/Tanchon' } },
  { name: 'Musan', aliases: ['Musan-ŭp', 'Musan-up', 'Мусан'], country: 'KP', region: 'kp-north-hamgyong', lat: 42.22609, lon: 129.20776, population: 21739, source: geonames(2042738) },
  { name: 'Hamhung', aliases: ['Hamhŭng', 'Hamheung', 'Хамхын'], country: 'KP', region: 'kp-south-hamgyong', lat: 39.91833, lon: 127.53639, population: 559056, source: geonames(1877449) },
  { name: 'Hungnam', aliases: ['Hŭngnam', 'Heungnam', 'Хыннам'], country: 'KP', region: 'kp-south-hamgyong', lat: 39.84198, lon: 127.63206, population: 346082, source: geonames(1877030) },
  { name: 'Wonsan', aliases: ['Wŏnsan', 'Вонсан'], country: 'KP', region: 'kp-kangwon', lat: 39.15278, lon: 127.44361, population: 329207, source: geonames(1866923) },
  { name: 'Nampo', aliases: ["Namp'o", 'Namp’o', 'Chinnampo', 'Нампхо'], country: 'KP', region: 'kp-nampo', lat: 38.7375, lon: 125.40778, population: 455000, source: geonames(1873757) },
  { name: 'Kaesong', aliases: ['Kaesŏng', 'Gaeseong', 'Кэсон'], country: 'KP', region: 'kp-kaesong', lat: 37.97083, lon: 126.55444, population: 338155, source: geonames(1876373) },
  { name: 'Sinuiju', aliases: ['Sinŭiju', 'Sineuiju', 'Синыйджу'], country: 'KP', region: 'kp-north-pyongan', lat: 40.10056, lon: 124.39806, population: 288112, source: geonames(2040893) },
  { name: 'Haeju', aliases: ['Хэджу'], country: 'KP', region: 'kp-south-hwanghae', lat: 38.04056, lon: 125.71472, population: 222396, source: geonames(1877615) },
  { name: 'Kanggye', aliases: ['Ganggye', 'Канге'], country: 'KP', region: 'kp-chagang', lat: 40.96946, lon: 126.58523, population: 209530, source: geonames(2043572) },
  { name: 'Hyesan', aliases: ['Хесан'], country: 'KP', region: 'kp-ryanggang', lat: 41.40167, lon: 128.17778, population: 192680, source: geonames(2043837) },
  { name: 'Sariwon', aliases: ['Sariwŏn', 'Sariwon-si', 'Саривон'], country: 'KP', region: 'kp-north-hwanghae', lat: 38.50722, lon: 125.75583, population: 310100, source: geonames(1870883) },
  { name: 'Anju', aliases: ['Анджу'], country: 'KP', region: 'kp-south-pyongan', lat: 39.61778, lon: 125.66472, population: 50196, source: geonames(1879613) },
  { name: 'Sunchon', aliases: ['Sunch’ŏn', "Sunch'on", 'Suncheon', 'Сунчхон'], country: 'KP', region: 'kp-south-pyongan', lat: 39.43167, lon: 125.93278, population: 437000, source: geonames(1869012) },
];
