import { describe, expect, it } from '@jest/globals';
import { TopK } from './top-k.util.js';

const offered: [number, string][] = [
  [50, 'e'],
  [70, 'b'],
  [70, 'a'],
  [10, 'z'],
  [90, 'q'],
  [70, 'c'],
  [30, 'm'],
  [90, 'p'],
];

describe('TopK', () => {
  it.each([
    [1, ['p']],
    [3, ['p', 'q', 'a']],
    [5, ['p', 'q', 'a', 'b', 'c']],
    [8, ['p', 'q', 'a', 'b', 'c', 'e', 'm', 'z']],
    [20, ['p', 'q', 'a', 'b', 'c', 'e', 'm', 'z']],
    [Number.POSITIVE_INFINITY, ['p', 'q', 'a', 'b', 'c', 'e', 'm', 'z']],
  ])('limit %d keeps %j, best first, ties by id', (limit, expected) => {
    const top = new TopK<string>(limit, (id) => id);
    for (const [score, id] of offered) top.offer(score, id);
    expect(top.sorted()).toEqual(expected);
  });
});
