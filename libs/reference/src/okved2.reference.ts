/** A section (раздел) of OKVED2: a letter grouping a contiguous range of two-digit divisions (классы). */
export interface OkvedSection {
  readonly letter: string;
  readonly firstDivision: string;
  readonly lastDivision: string;
  readonly titleEn: string;
  readonly titleRu: string;
}

/**
 * The 21 sections A–U of OKVED2 (OK 029-2014, КДЕС Ред. 2), Rosstat data version 2023-12-01.
 * Russian titles are Rosstat's; English titles are those of NACE Rev. 2, with which OKVED2 is
 * harmonised down to the four-digit class.
 */
export const OKVED_SECTIONS: readonly OkvedSection[] = [
  { letter: 'A', firstDivision: '01', lastDivision: '03', titleEn: 'Agriculture, forestry and fishing', titleRu: 'Сельское, лесное хозяйство, охота, рыболовство и рыбоводство' },
  { letter: 'B', firstDivision: '05', lastDivision: '09', titleEn: 'Mining and quarrying', titleRu: 'Добыча полезных ископаемых' },
  { letter: 'C', firstDivision: '10', lastDivision: '33', titleEn: 'Manufacturing', titleRu: 'Обрабатывающие производства' },
  { letter: 'D', firstDivision: '35', lastDivision: '35', titleEn: 'Electricity, gas, steam and air conditioning supply', titleRu: 'Обеспечение электрической энергией, газом и паром; кондиционирование воздуха' },
  { letter: 'E', firstDivision: '36', lastDivision: '39', titleEn: 'Water supply; sewerage, waste management and remediation activities', titleRu: 'Водоснабжение; водоотведение, организация сбора и утилизации отходов, деятельность по ликвидации загрязнений' },
  { letter: 'F', firstDivision: '41', lastDivision: '43', titleEn: 'Construction', titleRu: 'Строительство' },
  { letter: 'G', firstDivision: '45', lastDivision: '47', titleEn: 'Wholesale and retail trade; repair of motor vehicles and motorcycles', titleRu: 'Торговля оптовая и розничная; ремонт автотранспортных средств и мотоциклов' },
  { letter: 'H', firstDivision: '49', lastDivision: '53', titleEn: 'Transportation and storage', titleRu: 'Транспортировка и хранение' },
  { letter: 'I', firstDivision: '55', lastDivision: '56', titleEn: 'Accommodation and food service activities', titleRu: 'Деятельность гостиниц и предприятий общественного питания' },
  { letter: 'J', firstDivision: '58', lastDivision: '63', titleEn: 'Information and communication', titleRu: 'Деятельность в области информации и связи' },
  { letter: 'K', firstDivision: '64', lastDivision: '66', titleEn: 'Financial and insurance activities', titleRu: 'Деятельность финансовая и страховая' },
  { letter: 'L', firstDivision: '68', lastDivision: '68', titleEn: 'Real estate activities', titleRu: 'Деятельность по операциям с недвижимым имуществом' },
  { letter: 'M', firstDivision: '69', lastDivision: '75', titleEn: 'Professional, scientific and technical activities', titleRu: 'Деятельность профессиональная, научная и техническая' },
  { letter: 'N', firstDivision: '77', lastDivision: '82', titleEn: 'Administrative and support service activities', titleRu: 'Деятельность административная и сопутствующие дополнительные услуги' },
  { letter: 'O', firstDivision: '84', lastDivision: '84', titleEn: 'Public administration and defence; compulsory social security', titleRu: 'Государственное управление и обеспечение военной безопасности; социальное обеспечение' },
  { letter: 'P', firstDivision: '85', lastDivision: '85', titleEn: 'Education', titleRu: 'Образование' },
  { letter: 'Q', firstDivision: '86', lastDivision: '88', titleEn: 'Human health and social work activities', titleRu: 'Деятельность в области здравоохранения и социальных услуг' },
  { letter: 'R', firstDivision: '90', lastDivision: '93', titleEn: 'Arts, entertainment and recreation', titleRu: 'Деятельность в области культуры, спорта, организации досуга и развлечений' },
  { letter: 'S', firstDivision: '94', lastDivision: '96', titleEn: 'Other service activities', titleRu: 'Предоставление прочих видов услуг' },
  { letter: 'T', firstDivision: '97', lastDivision: '98', titleEn: 'Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use', titleRu: 'Деятельность домашних хозяйств как работодателей; недифференцированная деятельность частных домашних хозяйств по производству товаров и оказанию услуг для собственного потребления' },
  { letter: 'U', firstDivision: '99', lastDivision: '99', titleEn: 'Activities of extraterritorial organisations and bodies', titleRu: 'Деятельность экстерриториальных организаций и органов' },
];

/** The 88 two-digit divisions (классы) that exist in OKVED2; 04, 34, 40, 44, 48, 54, 57, 67, 76, 83 and 89 do not. */
export const OKVED_DIVISIONS: readonly string[] = [
  '01', '02', '03', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19',
  '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '35', '36', '37', '38',
  '39', '41', '42', '43', '45', '46', '47', '49', '50', '51', '52', '53', '55', '56', '58', '59', '60', '61',
  '62', '63', '64', '65', '66', '68', '69', '70', '71', '72', '73', '74', '75', '77', '78', '79', '80', '81',
  '82', '84', '85', '86', '87', '88', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99',
];

const DIVISIONS: ReadonlySet<string> = new Set(OKVED_DIVISIONS);

/** Класс `05`, подкласс `05.1`, группа `05.10`, подгруппа `05.10.1`, вид `05.10.11`. */
const OKVED_FORMAT = /^\d{2}(?:\.\d(?:\d(?:\.\d{1,2})?)?)?$/;

/** True when `code` is written as an OKVED2 code at any level: "05", "05.1", "05.10", "29.10.2", "29.10.21". */
export function isOkvedFormat(code: string): boolean {
  return OKVED_FORMAT.test(code);
}

/** True when `code` is well formed and its two-digit division exists in OKVED2. */
export function isKnownOkvedDivision(code: string): boolean {
  return isOkvedFormat(code) && DIVISIONS.has(code.slice(0, 2));
}

/** The section a well-formed OKVED2 code belongs to, or undefined when its division does not exist. */
export function okvedSection(code: string): OkvedSection | undefined {
  if (!isKnownOkvedDivision(code)) {
    return undefined;
  }
  const division = code.slice(0, 2);
  return OKVED_SECTIONS.find((s) => division >= s.firstDivision && division <= s.lastDivision);
}
