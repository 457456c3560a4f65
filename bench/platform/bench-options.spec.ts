import { describe, expect, it } from '@jest/globals';
import { COMPANY_PARTITIONS } from '#contracts';
import { parseBenchOptions } from './bench-options.js';

describe('bench options', () => {
  it('runs one matching replica unless told otherwise', () => {
    expect(parseBenchOptions([]).matchingReplicas).toBe(1);
    expect(parseBenchOptions(['--quick']).matchingReplicas).toBe(1);
  });

  it.each([
    [['--matching-replicas=2'], 2],
    [['--quick', '--matching-replicas=4'], 4],
    [[`--matching-replicas=${COMPANY_PARTITIONS}`], COMPANY_PARTITIONS],
  ])('takes %j as %d replicas', (argv, replicas) => {
    expect(parseBenchOptions(argv).matchingReplicas).toBe(replicas);
  });

  it('keeps the quick scale beside the replicas', () => {
    expect(parseBenchOptions(['--matching-replicas=2', '--quick'])).toMatchObject({ mode: 'quick', companies: 5_000, matchingReplicas: 2 });
  });

  it.each(['0', '1.5', String(COMPANY_PARTITIONS + 1), 'two', ''])('refuses --matching-replicas=%s', (value) => {
    expect(() => parseBenchOptions([`--matching-replicas=${value}`])).toThrow(`--matching-replicas needs a whole number from 1 to ${COMPANY_PARTITIONS}, got "${value}"`);
  });
});
