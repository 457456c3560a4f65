import { describe, expect, it } from '@jest/globals';
import { areaOf, summariseProfile } from './cpu-profile.summary.js';

describe('cpu profile summary', () => {
  it.each([
    ['file:///w/node_modules/typeorm/query.js', 'query', 'typeorm'],
    ['file:///w/node_modules/@nestjs/core/router.js', 'x', '@nestjs/core'],
    ['file:///w/dist/apps/matching/src/matches/match-maker.service.js', 'f', 'apps/matching/src/matches'],
    ['node:internal/streams', 'write', 'node internals'],
    ['', '(garbage collector)', '(garbage collector)'],
    ['', 'writev', '(native)'],
  ])('files %s under %s', (url, fn, area) => {
    expect(areaOf(url, fn)).toBe(area);
  });

  it('adds the self time of each sample to its frame', () => {
    const summary = summariseProfile({
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'score', url: 'file:///w/dist/apps/matching/src/domain/s.js', lineNumber: 9 } },
        { id: 3, callFrame: { functionName: 'query', url: 'file:///w/node_modules/pg/client.js', lineNumber: 0 } },
      ],
      startTime: 0,
      endTime: 4000,
      samples: [2, 2, 3, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
    });
    expect(summary.totalMs).toBe(4);
    expect(summary.byArea).toEqual([
      { area: 'apps/matching/src/domain', ms: 3, pct: 75 },
      { area: 'pg', ms: 1, pct: 25 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ fn: 'score apps/matching/src/domain:10', ms: 3, pct: 75 });
  });
});
