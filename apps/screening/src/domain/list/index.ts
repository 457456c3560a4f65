export { ListFormatError } from './list-format.error.js';
export { isDprkReference, parseConsolidatedList } from './consolidated-list.parser.js';
export { summariseList } from './sanctions-list.summary.js';
export {
  assessListChange,
  compareLists,
  isDprkEntry,
  listVersionId,
  type ListAssessment,
  type ListChange,
  type ListChangePolicy,
  type ListFingerprint,
} from './list-change.guard.js';
export type {
  ListEntry,
  ListEntryType,
  ListName,
  ListNameKind,
  SanctionsList,
  SanctionsListSummary,
} from './sanctions-list.model.js';
