import { describe, expect, it } from '@jest/globals';
import { AUDIT_CHAIN_GENESIS, ChainVerifier, entryHash, type ChainedEntryText } from './audit-chain.js';

/** A chain of `n` entries as the trigger would have written them. */
function chain(n: number): ChainedEntryText[] {
  const out: ChainedEntryText[] = [];
  let prev = AUDIT_CHAIN_GENESIS;
  for (let i = 1; i <= n; i++) {
    const fields = ['company.decision', `d${i}`, i % 2 ? 'clear' : 'prohibited', '{}', '{}', 'v1', 'r1', 'matching', `{"i": ${i}}`, '{}', String(1_700_000_000_000_000 + i)];
    const hash = entryHash(prev, String(i), fields);
    out.push({ chainPos: String(i), seq: String(i + 100), prevHash: prev, hash, fields });
    prev = hash;
  }
  return out;
}

function verify(entries: ChainedEntryText[]): ChainVerifier {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.next(e)) break;
  return v;
}

describe('ChainVerifier', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(12);
    const v = verify(entries);
    expect(v.broken).toBeNull();
    expect(v.checked).toBe(12);
    expect(v.head).toEqual({ position: 12, hash: entries[11]!.hash });
  });

  it('names an altered entry', () => {
    const entries = chain(5);
    entries[2]!.fields[2] = 'review';
    expect(verify(entries).broken).toEqual({ position: 3, seq: 103, reason: 'entry altered' });
  });

  it('names the successor of an entry altered and re-hashed', () => {
    const entries = chain(5);
    entries[2]!.fields[2] = 'review';
    entries[2]!.hash = entryHash(entries[2]!.prevHash, '3', entries[2]!.fields);
    expect(verify(entries).broken).toEqual({ position: 4, seq: 104, reason: 'link to the previous entry broken' });
  });

  it('names the position of a removed entry, the first one included', () => {
    expect(verify(chain(5).filter((e) => e.chainPos !== '2')).broken).toEqual({ position: 2, seq: null, reason: 'entry missing' });
    expect(verify(chain(5).slice(1)).broken).toEqual({ position: 1, seq: null, reason: 'entry missing' });
  });

  it('tells a null field from the text "~" and from an empty one', () => {
    const a = entryHash(AUDIT_CHAIN_GENESIS, '1', [null]);
    expect(entryHash(AUDIT_CHAIN_GENESIS, '1', ['~'])).not.toBe(a);
    expect(entryHash(AUDIT_CHAIN_GENESIS, '1', [''])).not.toBe(a);
  });
});
