import { describe, expect, it } from '@jest/globals';
import { COMPANY_PARTITIONS, companyPartition } from '#contracts';
import { ConfigError } from '#platform';
import { loadMatchingConfig, ownedPartitions, ownerOf } from './matching.config.js';

describe('matching replicas and their partitions', () => {
  it('gives every partition to exactly one of N replicas, p mod N', () => {
    for (const replicas of [1, 2, 3, 5, 32]) {
      const owned = Array.from({ length: replicas }, (_, i) => ownedPartitions({ MATCHING_REPLICA: i, MATCHING_REPLICAS: replicas }));
      expect(owned.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: COMPANY_PARTITIONS }, (_, p) => p));
      owned.forEach((partitions, i) => partitions.forEach((p) => expect(ownerOf(p, replicas)).toBe(i)));
    }
    expect(ownedPartitions({ MATCHING_REPLICA: 1, MATCHING_REPLICAS: 3 })).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31]);
  });

  it('replica i owns partition i, the subject its own status is asked on', () => {
    for (let i = 0; i < 7; i++) expect(ownedPartitions({ MATCHING_REPLICA: i, MATCHING_REPLICAS: 7 })).toContain(i);
  });

  it('keeps a company on one partition across processes: FNV-1a of the id', () => {
    expect(companyPartition('00000000-0000-0000-0000-000000000000')).toBe(companyPartition('00000000-0000-0000-0000-000000000000'));
    const spread = new Set(Array.from({ length: 400 }, (_, i) => companyPartition(`7c9e6679-7425-40de-944b-${String(i).padStart(12, '0')}`)));
    expect(spread.size).toBe(COMPANY_PARTITIONS);
  });

  it('refuses a replica index outside the replicas, naming both', () => {
    expect(loadMatchingConfig.bind(null)).not.toThrow();
    const env = { ...process.env };
    try {
      process.env.MATCHING_REPLICAS = '2';
      process.env.MATCHING_REPLICA = '2';
      expect(() => loadMatchingConfig()).toThrow(ConfigError);
      expect(() => loadMatchingConfig()).toThrow('MATCHING_REPLICA must be below MATCHING_REPLICAS (2), got 2');
      process.env.MATCHING_REPLICA = '1';
      expect(loadMatchingConfig()).toMatchObject({ MATCHING_REPLICAS: 2, MATCHING_REPLICA: 1 });
    } finally {
      process.env = env;
    }
  });
});
