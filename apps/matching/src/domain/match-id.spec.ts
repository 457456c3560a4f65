import { describe, expect, it } from '@jest/globals';
import { matchId } from './match-id.js';

const A = '6f1c1f5e-3c1a-4a53-9d2e-0d6a2f1b7c11';
const B = '0b7c8a4e-2f6d-4b1e-8a3c-5e9d1f2a3b4c';

describe('matchId', () => {
  it('is a version-5 style UUID', () => {
    expect(matchId(A, B)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is stable for a pair and differs when the pair is reversed', () => {
    expect(matchId(A, B)).toBe(matchId(A, B));
    expect(matchId(A, B)).not.toBe(matchId(B, A));
  });
});
