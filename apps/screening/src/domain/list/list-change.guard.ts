import { isDprkReference } from './consolidated-list.parser.js';
import type { ListEntry } from './sanctions-list.model.js';

/** A version of the list as the guard sees it: its identity and its entries' reference numbers and regimes. */
export interface ListFingerprint {
  version: string;
  sha256: string;
  entries: Iterable<Pick<ListEntry, 'referenceNumber' | 'regime'>>;
}

export interface ListChangePolicy {
  /** A new list removing more than this share (0–1) of the entries in force is held for an admin. */
  maxRemovedShare: number;
}

/** What a new list changes against the version in force, by reference number. */
export interface ListChange {
  comparedWith: string;
  comparedWithSha256: string;
  removed: number;
  removedShare: number;
  added: number;
  removedDprk: string[];
}

/**
 * `unchanged`: the same file as the version in force (same SHA-256), nothing to do.
 * `in_force`: put it in force (the first list ever, or a change within the policy).
 * `held`: keep it as a candidate for an admin; the version in force stays.
 */
export type ListAssessment =
  | { decision: 'unchanged' }
  | { decision: 'in_force'; change: ListChange | null; reasons: string[] }
  | { decision: 'held'; change: ListChange; reasons: string[] };

/** An entry of the 1718 (DPRK) regime, by its regime or, should the regime be spelt otherwise, its KPi./KPe. reference. */
export function isDprkEntry(entry: Pick<ListEntry, 'referenceNumber' | 'regime'>): boolean {
  return entry.regime.trim().toUpperCase() === 'DPRK' || isDprkReference(entry.referenceNumber);
}

/** The references of `from` that `to` no longer has, and the count of those `to` adds. */
export function compareLists(from: ListFingerprint, to: ListFingerprint): ListChange {
  const before = new Map<string, Pick<ListEntry, 'referenceNumber' | 'regime'>>();
  for (const e of from.entries) before.set(e.referenceNumber.trim(), e);
  const after = new Set<string>();
  for (const e of to.entries) after.add(e.referenceNumber.trim());
  const removed = [...before.entries()].filter(([ref]) => !after.has(ref));
  let added = 0;
  for (const ref of after) if (!before.has(ref)) added += 1;
  return {
    comparedWith: from.version,
    comparedWithSha256: from.sha256,
    removed: removed.length,
    removedShare: before.size === 0 ? 0 : removed.length / before.size,
    added,
    removedDprk: removed.filter(([, e]) => isDprkEntry(e)).map(([ref]) => ref).sort(),
  };
}

/**
 * Whether a new list may replace the version in force. A list is identified by its content: the same
 * SHA-256 is the same list, whatever its date says. A list that removes any DPRK entry, or more than
 * `maxRemovedShare` of the entries in force, is held: a gutted or truncated-but-well-formed file must
 * not silently lift designations. The first list ever loaded has nothing to be compared with.
 */
export function assessListChange(inForce: ListFingerprint | null, incoming: ListFingerprint, policy: ListChangePolicy): ListAssessment {
  if (!inForce) return { decision: 'in_force', change: null, reasons: ['no list in force: nothing to compare with'] };
  if (inForce.sha256 === incoming.sha256) return { decision: 'unchanged' };
  const change = compareLists(inForce, incoming);
  const reasons: string[] = [];
  if (change.removedDprk.length > 0) {
    reasons.push(`removes ${change.removedDprk.length} DPRK ${change.removedDprk.length === 1 ? 'entry' : 'entries'} (${abbreviate(change.removedDprk)})`);
  }
  if (change.removedShare > policy.maxRemovedShare) {
    reasons.push(`removes ${change.removed} of the entries in force (${percent(change.removedShare)}, more than the ${percent(policy.maxRemovedShare)} allowed)`);
  }
  if (reasons.length > 0) return { decision: 'held', change, reasons };
  return { decision: 'in_force', change, reasons: [`removes ${change.removed} (${percent(change.removedShare)}, no DPRK entry) and adds ${change.added}`] };
}

/**
 * The id of a new version: its `dateGenerated`, unless a different file with that date is already
 * stored, then `<dateGenerated>#<first 12 hex of its SHA-256>`. Ids stay readable and never collide,
 * so two files of one date are two versions and a verdict's list version names exactly one file.
 */
export function listVersionId(dateGenerated: string, sha256: string, dateTaken: boolean): string {
  return dateTaken ? `${dateGenerated}#${sha256.slice(0, 12)}` : dateGenerated;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)} %`;
}

function abbreviate(refs: string[]): string {
  return refs.length <= 5 ? refs.join(', ') : `${refs.slice(0, 5).join(', ')} and ${refs.length - 5} more`;
}
