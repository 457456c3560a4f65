export { ListFormatError } from './list-format.error.js';
export { isDprkReference, parseConsolidatedList } from './consolidated-list.parser.js';
export { summariseList } from './sanctions-list.summary.js';
export type {
  ListEntry,
  ListEntryType,
  ListName,
  ListNameKind,
  SanctionsList,
  SanctionsListSummary,
} from './sanctions-list.model.js';
