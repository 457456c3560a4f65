import type { SectorId } from './scoring.types.js';

/**
 * OKVED2 activities relevant to each sector, used for activity fit when an opportunity lists no
 * OKVED2 codes of its own. A company needs to fit any one of them, not all.
 *
 * - mining: 05 coal, 07 metal ores, 08 other mining and quarrying, 09 mining support services,
 *   28.92 mining and construction machinery, 43.12 site preparation (stripping, drilling),
 *   46.63 wholesale of mining and construction machinery.
 * - automobile: 29 motor vehicles, trailers and parts, 45 motor trade and repair,
 *   22.11 tyres, 30.91 motorcycles.
 * - electricity: 35 power generation, transmission and distribution, 27 electrical equipment,
 *   28.11 engines and turbines, 33.14 repair of electrical equipment, 42.22 construction of
 *   power lines and utility projects, 43.21 electrical installation.
 */
export const SECTOR_DEFAULT_OKVED: Readonly<Record<SectorId, readonly string[]>> = {
  mining: ['05', '07', '08', '09', '28.92', '43.12', '46.63'],
  automobile: ['29', '45', '22.11', '30.91'],
  electricity: ['35', '27', '28.11', '33.14', '42.22', '43.21'],
};
