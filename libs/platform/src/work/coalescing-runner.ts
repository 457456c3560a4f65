import { runWithoutDeadline } from '../context/request-context.js';

/**
 * Runs passes of some work one at a time. Asking for a pass while one runs asks for exactly one more
 * right after it, however often it is asked; a pass may ask for another itself (`again`), when it
 * left work behind.
 */
export class CoalescingRunner {
  private running: Promise<void> | null = null;
  private pending = false;
  private halted = false;

  constructor(private readonly pass: () => Promise<void>) {}

  /** Starts a pass now, or right after the one under way. */
  wake(): void {
    if (this.halted) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    // A pass may be woken while a request is handled; it is not that request's work, nor bound by its deadline.
    this.running = runWithoutDeadline(() => this.pass()).finally(() => {
      this.running = null;
      if (this.pending) {
        this.pending = false;
        this.wake();
      }
    });
  }

  /** Asks for one more pass after the one under way. */
  again(): void {
    this.pending = true;
  }

  /** True once stopped: a pass under way should return early. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Starts no more passes and waits for the one under way. */
  async stop(): Promise<void> {
    this.halted = true;
    await this.running;
  }
}
