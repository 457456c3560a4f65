import { createHash } from 'node:crypto';
import type { ListEntry } from '../list/index.js';
import type { PartyHit, PartyRole } from '../screening/match-verdict.js';

/**
 * A dismissal as the screen applies it: which party's hit on which listed entry, as both stood when
 * it was recorded. The officer is named in the dismissal and the audit log, not in the decision's
 * reasons (partners read those).
 */
export interface DismissalRule {
  id: string;
  party: PartyRole;
  name: string;
  dateOfBirth: string | null;
  nationality: string | null;
  referenceNumber: string;
  /** SHA-256 of the listed entry when the dismissal was recorded (`entryDigest`). */
  entryDigest: string;
  expiresAt: Date;
}

/** A party as it is screened now: its role, name, and what secondary evidence it carries. */
export interface ScreenedParty {
  party: PartyRole;
  name: string;
  dateOfBirth?: string | null;
  nationality?: string | null;
}

export type DismissedHit = PartyHit & { dismissalId: string };

export interface SiftedHits {
  /** The hits that count. */
  kept: PartyHit[];
  /** Possible hits an active dismissal sets aside. */
  dismissed: DismissedHit[];
  /** Dismissals that no longer hold, with why: the entry changed, or the party did. */
  voided: { id: string; reason: string }[];
  /** One line per dismissed hit, for the decision's reasons. */
  reasons: string[];
}

/**
 * The SHA-256 of a listed entry's content (everything but the list's internal DATAID): the same in
 * two list versions exactly when the entry did not change.
 */
export function entryDigest(entry: ListEntry): string {
  const { dataId: _dataId, ...content } = entry;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameParty(d: DismissalRule, p: ScreenedParty): boolean {
  return d.party === p.party && d.name === p.name && (p.dateOfBirth ?? null) === d.dateOfBirth && (p.nationality ?? null) === d.nationality;
}

/**
 * Applies one subject's active dismissals to its hits. A dismissal holds while it has not expired,
 * the listed entry is as it was (same digest), and the subject still has the party with the same
 * name, date of birth and nationality; otherwise it is void and sets nothing aside. Only `possible`
 * hits are set aside: a designated hit (the party is taken to be the listed entry) always counts.
 */
export function siftHits(
  hits: readonly PartyHit[],
  dismissals: readonly DismissalRule[],
  parties: readonly ScreenedParty[],
  digestOf: (referenceNumber: string) => string | undefined,
  now: Date,
): SiftedHits {
  const voided: SiftedHits['voided'] = [];
  const holding: DismissalRule[] = [];
  for (const d of dismissals) {
    if (d.expiresAt.getTime() <= now.getTime()) continue;
    const digest = digestOf(d.referenceNumber);
    if (digest === undefined) voided.push({ id: d.id, reason: `listed entry ${d.referenceNumber} is not on the list in force` });
    else if (digest !== d.entryDigest) voided.push({ id: d.id, reason: `listed entry ${d.referenceNumber} changed in the list in force` });
    else if (!parties.some((p) => sameParty(d, p))) voided.push({ id: d.id, reason: `the ${d.party}'s name, date of birth or nationality changed` });
    else holding.push(d);
  }
  const kept: PartyHit[] = [];
  const dismissed: DismissedHit[] = [];
  const reasons: string[] = [];
  for (const hit of hits) {
    const d = hit.strength === 'possible' ? holding.find((x) => x.party === hit.party && x.name === hit.name && x.referenceNumber === hit.referenceNumber) : undefined;
    if (!d) {
      kept.push(hit);
      continue;
    }
    dismissed.push({ ...hit, dismissalId: d.id });
    reasons.push(
      `${hit.party} "${hit.name}" possible hit on ${hit.referenceNumber} (${hit.listedName}, score ${hit.score}) dismissed as not a match by a compliance officer (dismissal ${d.id}, until ${d.expiresAt.toISOString()})`,
    );
  }
  return { kept, dismissed, voided, reasons };
}
