/** The DPRK sectors named for cooperation; a company declares a non-empty subset. */
export const SECTOR_IDS = ['mining', 'automobile', 'electricity'] as const;
export type SectorId = (typeof SECTOR_IDS)[number];

/** Scoring criteria; each sector's rubric weighs every one of them. */
export const CRITERION_IDS = [
  'capability_coverage',
  'product_fit',
  'activity_fit',
  'scale_fit',
  'proximity',
  'settlement',
  'export_experience',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

export const DIRECTIONS = ['supply_to_dprk', 'procurement_from_dprk', 'services', 'investment'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const STRUCTURES = ['contract', 'joint_venture', 'investment'] as const;
export type Structure = (typeof STRUCTURES)[number];

export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * One page of a keyset-paged list: pass `nextCursor` back as `after` for the next page; null at the
 * end. Stable under concurrent inserts and deletes: a row that stays is given exactly once.
 */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list's page: by key (`after`), `{items, nextCursor}`; asked by the deprecated `offset`, it also
 * carries the offset page's `total`, `limit`, `offset` and `nextOffset`.
 */
export type ListPage<T> = CursorPage<T> & Partial<Omit<Page<T>, 'items'>>;

/**
 * One page of an offset-paged list (deprecated: lists page by key, see CursorPage). A page stops short of `limit` when its JSON would pass the
 * reply's byte budget (512 KiB); `nextOffset` is where the next page starts, null at the end.
 */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  nextOffset: number | null;
}

/** Who is asking: a partner sees only its own data, the admin sees everything. */
export interface Caller {
  partnerId: string | null;
  /** Platform staff (the admin key or a compliance officer): sees every partner's data. */
  admin: boolean;
  /** Set when the caller is a compliance officer (their own key); absent for the admin key and partners. */
  officerId?: string;
}
