/** One chapter of the Harmonized System (HS 2022): its two-digit code and a short English title. */
export interface HsChapter {
  readonly code: string;
  readonly title: string;
}

/**
 * The 97 chapters of HS 2022 (01–97 without 77, plus 99), as published by the WCO through UN
 * Comtrade. Titles are shortened; the binding text is the WCO's.
 */
export const HS_CHAPTERS: readonly HsChapter[] = [
  { code: '01', title: 'Live animals' },
  { code: '02', title: 'Meat and edible meat offal' },
  { code: '03', title: 'Fish, crustaceans, molluscs and other aquatic invertebrates' },
  { code: '04', title: "Dairy produce; birds' eggs; natural honey" },
  { code: '05', title: 'Products of animal origin, n.e.c.' },
  { code: '06', title: 'Live trees and plants; cut flowers' },
  { code: '07', title: 'Edible vegetables, roots and tubers' },
  { code: '08', title: 'Edible fruit and nuts' },
  { code: '09', title: 'Coffee, tea, mate and spices' },
  { code: '10', title: 'Cereals' },
  { code: '11', title: 'Products of the milling industry; malt; starches' },
  { code: '12', title: 'Oil seeds, oleaginous fruits; industrial plants; straw and fodder' },
  { code: '13', title: 'Lac; gums, resins and other vegetable saps and extracts' },
  { code: '14', title: 'Vegetable plaiting materials; vegetable products n.e.c.' },
  { code: '15', title: 'Animal, vegetable or microbial fats and oils; waxes' },
  { code: '16', title: 'Preparations of meat, fish or aquatic invertebrates' },
  { code: '17', title: 'Sugars and sugar confectionery' },
  { code: '18', title: 'Cocoa and cocoa preparations' },
  { code: '19', title: "Preparations of cereals, flour, starch or milk; pastrycooks' products" },
  { code: '20', title: 'Preparations of vegetables, fruit or nuts' },
  { code: '21', title: 'Miscellaneous edible preparations' },
  { code: '22', title: 'Beverages, spirits and vinegar' },
  { code: '23', title: 'Food industry residues and waste; animal fodder' },
  { code: '24', title: 'Tobacco and manufactured tobacco substitutes; nicotine products' },
  { code: '25', title: 'Salt; sulphur; earths and stone; plastering materials, lime and cement' },
  { code: '26', title: 'Ores, slag and ash' },
  { code: '27', title: 'Mineral fuels, mineral oils and products of their distillation' },
  { code: '28', title: 'Inorganic chemicals; compounds of precious, rare-earth and radioactive elements' },
  { code: '29', title: 'Organic chemicals' },
  { code: '30', title: 'Pharmaceutical products' },
  { code: '31', title: 'Fertilizers' },
  { code: '32', title: 'Tanning or dyeing extracts; dyes, pigments, paints and varnishes; inks' },
  { code: '33', title: 'Essential oils and resinoids; perfumery and cosmetics' },
  { code: '34', title: 'Soap, washing and lubricating preparations, waxes, candles' },
  { code: '35', title: 'Albuminoidal substances; modified starches; glues; enzymes' },
  { code: '36', title: 'Explosives; pyrotechnic products; matches; pyrophoric alloys' },
  { code: '37', title: 'Photographic or cinematographic goods' },
  { code: '38', title: 'Miscellaneous chemical products' },
  { code: '39', title: 'Plastics and articles thereof' },
  { code: '40', title: 'Rubber and articles thereof' },
  { code: '41', title: 'Raw hides and skins (other than furskins) and leather' },
  { code: '42', title: 'Articles of leather; saddlery and harness; travel goods, handbags' },
  { code: '43', title: 'Furskins and artificial fur; manufactures thereof' },
  { code: '44', title: 'Wood and articles of wood; wood charcoal' },
  { code: '45', title: 'Cork and articles of cork' },
  { code: '46', title: 'Manufactures of straw or other plaiting materials; basketware' },
  { code: '47', title: 'Pulp of wood or other fibrous cellulosic material; recovered paper' },
  { code: '48', title: 'Paper and paperboard; articles of paper pulp, paper or paperboard' },
  { code: '49', title: 'Printed books, newspapers, pictures and other printed products' },
  { code: '50', title: 'Silk' },
  { code: '51', title: 'Wool, fine or coarse animal hair; horsehair yarn and fabric' },
  { code: '52', title: 'Cotton' },
  { code: '53', title: 'Other vegetable textile fibres; paper yarn and fabrics' },
  { code: '54', title: 'Man-made filaments' },
  { code: '55', title: 'Man-made staple fibres' },
  { code: '56', title: 'Wadding, felt and nonwovens; special yarns; twine, cordage, ropes' },
  { code: '57', title: 'Carpets and other textile floor coverings' },
  { code: '58', title: 'Special woven fabrics; tufted fabrics; lace; tapestries; embroidery' },
  { code: '59', title: 'Impregnated, coated or laminated textile fabrics; industrial textiles' },
  { code: '60', title: 'Knitted or crocheted fabrics' },
  { code: '61', title: 'Apparel and clothing accessories, knitted or crocheted' },
  { code: '62', title: 'Apparel and clothing accessories, not knitted or crocheted' },
  { code: '63', title: 'Other made-up textile articles; sets; worn clothing; rags' },
  { code: '64', title: 'Footwear, gaiters and the like; parts thereof' },
  { code: '65', title: 'Headgear and parts thereof' },
  { code: '66', title: 'Umbrellas, walking-sticks, whips, riding-crops; parts thereof' },
  { code: '67', title: 'Prepared feathers and down; artificial flowers; articles of human hair' },
  { code: '68', title: 'Articles of stone, plaster, cement, asbestos, mica or similar materials' },
  { code: '69', title: 'Ceramic products' },
  { code: '70', title: 'Glass and glassware' },
  { code: '71', title: 'Pearls, precious stones, precious metals; imitation jewellery; coin' },
  { code: '72', title: 'Iron and steel' },
  { code: '73', title: 'Articles of iron or steel' },
  { code: '74', title: 'Copper and articles thereof' },
  { code: '75', title: 'Nickel and articles thereof' },
  { code: '76', title: 'Aluminium and articles thereof' },
  { code: '78', title: 'Lead and articles thereof' },
  { code: '79', title: 'Zinc and articles thereof' },
  { code: '80', title: 'Tin and articles thereof' },
  { code: '81', title: 'Other base metals; cermets; articles thereof' },
  { code: '82', title: 'Tools, implements, cutlery, spoons and forks, of base metal' },
  { code: '83', title: 'Miscellaneous articles of base metal' },
  { code: '84', title: 'Machinery and mechanical appliances; boilers; nuclear reactors; parts' },
  { code: '85', title: 'Electrical machinery and equipment; sound and television apparatus; parts' },
  { code: '86', title: 'Railway or tramway locomotives, rolling stock, track fixtures; signalling equipment' },
  { code: '87', title: 'Vehicles other than railway or tramway rolling stock; parts and accessories' },
  { code: '88', title: 'Aircraft, spacecraft and parts thereof' },
  { code: '89', title: 'Ships, boats and floating structures' },
  { code: '90', title: 'Optical, photographic, measuring, checking, medical instruments and apparatus' },
  { code: '91', title: 'Clocks and watches and parts thereof' },
  { code: '92', title: 'Musical instruments; parts and accessories' },
  { code: '93', title: 'Arms and ammunition; parts and accessories thereof' },
  { code: '94', title: 'Furniture; bedding; lamps and lighting fittings n.e.c.; prefabricated buildings' },
  { code: '95', title: 'Toys, games and sports requisites' },
  { code: '96', title: 'Miscellaneous manufactured articles' },
  { code: '97', title: "Works of art, collectors' pieces and antiques" },
  { code: '99', title: 'Commodities not specified according to kind' },
];

const CHAPTER_TITLES: ReadonlyMap<string, string> = new Map(HS_CHAPTERS.map((c) => [c.code, c.title]));

const HS_CODE_FORMAT = /^\d{2}(?:\d{2}(?:\d{2})?)?$/;

/** True when `code` is an HS code written as 2 (chapter), 4 (heading) or 6 (subheading) digits. */
export function isHsCodeFormat(code: string): boolean {
  return HS_CODE_FORMAT.test(code);
}

/** The two-digit chapter of a well-formed HS code, or undefined when the code is malformed. */
export function hsChapterOf(code: string): string | undefined {
  return isHsCodeFormat(code) ? code.slice(0, 2) : undefined;
}

/** True when `code` is a well-formed HS code whose chapter exists in HS 2022 (77 and 98 do not). */
export function isKnownHsChapter(code: string): boolean {
  const chapter = hsChapterOf(code);
  return chapter !== undefined && CHAPTER_TITLES.has(chapter);
}

/** The short English title of the chapter of `code`, or undefined when the chapter is unknown. */
export function hsChapterTitle(code: string): string | undefined {
  const chapter = hsChapterOf(code);
  return chapter === undefined ? undefined : CHAPTER_TITLES.get(chapter);
}
