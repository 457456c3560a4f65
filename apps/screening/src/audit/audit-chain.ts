import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/**
 * One chained entry as the verifier reads it: every field as PostgreSQL prints it (`::text`), so
 * that the hash is recomputed here, outside the database, from exactly what the trigger hashed.
 */
export interface ChainedEntryText {
  chainPos: string;
  seq: string;
  prevHash: string;
  hash: string;
  /** kind, decision_id, verdict, rule_ids, list_references, list_version, rules_version, actor, inputs, details, occurred_at in µs. */
  fields: (string | null)[];
}

/** The hash the database's `audit_entry_hash` gives: SHA-256 over the previous hash and each field as `<octets>:<text>` (`~` for null), one per line. */
export function entryHash(prevHash: string, chainPos: string, fields: (string | null)[]): string {
  const parts = [prevHash, field(chainPos), ...fields.map(field)];
  return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex');
}

function field(v: string | null): string {
  return v === null ? '~' : `${Buffer.byteLength(v, 'utf8')}:${v}`;
}

/** Where the chain first breaks. */
export interface BrokenLink {
  /** The chain position at which the log stops being what was written. */
  position: number;
  /** The entry found there, if any. */
  seq: number | null;
  reason: 'entry missing' | 'entry altered' | 'link to the previous entry broken';
}

/** Walks entries in chain order, carrying what the next one must link to. */
export class ChainVerifier {
  private expectedPos = 1;
  private expectedPrev = AUDIT_CHAIN_GENESIS;
  broken: BrokenLink | null = null;
  checked = 0;

  /** Checks the next entry; false once the chain is broken (the rest is not looked at). */
  next(e: ChainedEntryText): boolean {
    if (this.broken) return false;
    const pos = Number(e.chainPos);
    const seq = Number(e.seq);
    if (pos !== this.expectedPos) {
      this.broken = { position: this.expectedPos, seq: null, reason: 'entry missing' };
    } else if (e.prevHash !== this.expectedPrev) {
      this.broken = { position: pos, seq, reason: 'link to the previous entry broken' };
    } else if (entryHash(e.prevHash, e.chainPos, e.fields) !== e.hash) {
      this.broken = { position: pos, seq, reason: 'entry altered' };
    }
    if (this.broken) return false;
    this.checked++;
    this.expectedPos = pos + 1;
    this.expectedPrev = e.hash;
    return true;
  }

  /** The last entry checked: its position and hash, to be recorded outside the platform. */
  get head(): { position: number; hash: string } | null {
    return this.checked ? { position: this.expectedPos - 1, hash: this.expectedPrev } : null;
  }
}
