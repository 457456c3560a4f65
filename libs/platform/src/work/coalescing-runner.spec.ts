import { describe, expect, it } from '@jest/globals';
import { CoalescingRunner } from './coalescing-runner.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('CoalescingRunner', () => {
  it('runs one pass at a time and folds every wake during a pass into one more pass', async () => {
    const first = gate();
    let passes = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const runner = new CoalescingRunner(async () => {
      passes++;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      if (passes === 1) await first.opened;
      concurrent--;
    });
    runner.wake();
    runner.wake();
    runner.wake();
    first.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(maxConcurrent).toBe(1);
    expect(passes).toBe(2);
  });

  it('runs another pass when a pass asks for one', async () => {
    let passes = 0;
    const runner = new CoalescingRunner(async () => {
      passes++;
      if (passes < 3) runner.again();
    });
    runner.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(passes).toBe(3);
  });

  it('starts nothing once stopped and waits for the pass under way', async () => {
    const held = gate();
    let finished = false;
    let passes = 0;
    const runner = new CoalescingRunner(async () => {
      passes++;
      await held.opened;
      finished = true;
    });
    runner.wake();
    const stopping = runner.stop();
    expect(runner.stopped).toBe(true);
    runner.wake();
    held.open();
    await stopping;
    expect(finished).toBe(true);
    expect(passes).toBe(1);
  });
});
