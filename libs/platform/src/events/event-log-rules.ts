/**
 * The rules both event logs follow alike: where parked events go, how a failed event waits, how a
 * replayed one is named, and which subjects a filter selects.
 */

/** The subjects of the dead-letter stream: one per consumer, `deadletters.<stream>.<durable>`. */
export const DEAD_LETTER_SUBJECTS = 'deadletters.>';

/** Marks a replayed dead letter in the stream it went back to (its dead-letter position). */
export const REPLAY_HEADER = 'Event-Replay-Of';

export function deadLetterSubject(stream: string, durable: string): string {
  return `deadletters.${stream}.${durable}`;
}

/**
 * The id a replayed dead letter is published under: new, so that it is not dropped as a duplicate
 * of the original, and the same for every replay of one dead letter, so that two of them store one event.
 */
export function replayId(id: string, deadLetterSeq: number): string {
  return `${id}:replay:${deadLetterSeq}`;
}

/** The dedup key of a parking: the same event of the same consumer parked twice (a crash between parking and acknowledging) is stored once. */
export function parkingId(stream: string, durable: string, streamSeq: number): string {
  return `${stream}:${durable}:${streamSeq}`;
}

/** The wait before the next delivery of an event that has failed its `deliveries`-th delivery; the last wait repeats. */
export function retryDelayMs(backoffMs: readonly number[], deliveries: number): number {
  if (!backoffMs.length) return 0;
  return Math.max(0, backoffMs[Math.min(Math.max(deliveries, 1), backoffMs.length) - 1]!);
}

/** What a dead letter keeps of a handler's failure. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Stream and durable names become file names and NATS subject tokens: letters, digits, `_` and `-` only. */
export function assertName(kind: 'stream' | 'durable', name: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`${kind} name ${JSON.stringify(name)} may hold only letters, digits, _ and -`);
}

/**
 * True when `subject` is one of the subjects `filter` names, as NATS reads them: tokens between
 * dots, `*` standing for any one token and a last `>` for one or more.
 */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return i === f.length - 1 && s.length > i;
    if (i >= s.length) return false;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}

/** True when some subject is named by both filters (`orders.*` and `orders.eu`, say): two streams may not share one. */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === '>' || y[i] === '>') return true;
    if (x[i] !== '*' && y[i] !== '*' && x[i] !== y[i]) return false;
  }
  return x.length === y.length;
}
