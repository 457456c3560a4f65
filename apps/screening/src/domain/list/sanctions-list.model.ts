/** How a name of a listed person or entity was given: the primary name, an alias, or the name in its original script. */
export type ListNameKind = 'primary' | 'alias' | 'original-script';

/** One name under which a listed person or entity may appear. */
export interface ListName {
  value: string;
  kind: ListNameKind;
  /** Alias quality as the list gives it: Good, Low, a.k.a., f.k.a. Absent for primary and original-script names. */
  quality?: string;
}

/** Whether a list entry designates a natural person or an entity. */
export type ListEntryType = 'individual' | 'entity';

/** One designated individual or entity of the UN Security Council consolidated list. */
export interface ListEntry {
  /** Permanent reference number, trimmed (e.g. KPi.001, KPe.012, QDi.001). */
  referenceNumber: string;
  dataId: string;
  type: ListEntryType;
  /** The sanctions regime, as UN_LIST_TYPE gives it (e.g. DPRK, Al-Qaida). */
  regime: string;
  names: ListName[];
  /** FIRST_NAME to FOURTH_NAME, empty parts left out. */
  nameParts: string[];
  originalScriptName?: string;
  datesOfBirth: string[];
  placesOfBirth: string[];
  addresses: string[];
  nationalities: string[];
  listedOn?: string;
  comments?: string;
}

/** A whole consolidated list as published on one date. */
export interface SanctionsList {
  /** The list's own dateGenerated attribute, verbatim. */
  version: string;
  /** dateGenerated as an ISO-8601 timestamp. */
  generatedAt: string;
  entries: ListEntry[];
}

/** Counts of entries per regime and type. */
export interface SanctionsListSummary {
  total: number;
  byRegime: Record<string, Record<ListEntryType, number>>;
}
