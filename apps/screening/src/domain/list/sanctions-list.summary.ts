import type { SanctionsList, SanctionsListSummary } from './sanctions-list.model.js';

/** Counts a list's entries per regime and per type (individual, entity), e.g. for import logs and health checks. */
export function summariseList(list: Pick<SanctionsList, 'entries'>): SanctionsListSummary {
  const byRegime: SanctionsListSummary['byRegime'] = {};
  for (const entry of list.entries) {
    const counts = (byRegime[entry.regime] ??= { individual: 0, entity: 0 });
    counts[entry.type] += 1;
  }
  return { total: list.entries.length, byRegime };
}
