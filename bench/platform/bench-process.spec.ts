import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseProcStat } from './bench-process.js';

describe('parseProcStat', () => {
  it('reads utime and stime, fields 14 and 15', () => {
    const stat = '4242 (node) S 4200 4242 4200 0 -1 4194560 12345 0 0 0 1234 567 0 0 20 0 11 0 259507 1234567890 54321 18446744073709551615';
    expect(parseProcStat(stat)).toEqual({ utime: 1234, stime: 567 });
  });

  it('counts the fields after the last parenthesis: a command name may hold spaces and parentheses', () => {
    const stat = '77 (MainThread (x) y) R 1 77 77 0 -1 4194304 99 0 0 0 31 7 0 0 20 0 1 0 259507 3133440 390';
    expect(parseProcStat(stat)).toEqual({ utime: 31, stime: 7 });
  });

  it('reads its own process', () => {
    const own = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
    expect(Number.isInteger(own.utime) && own.utime >= 0).toBe(true);
    expect(Number.isInteger(own.stime) && own.stime >= 0).toBe(true);
  });

  it.each(['', 'no parentheses here', '1 (short) S 1 2'])('refuses %j', (stat) => {
    expect(() => parseProcStat(stat)).toThrow('not a /proc/<pid>/stat line');
  });
});
