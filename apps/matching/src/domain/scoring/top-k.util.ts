/**
 * Keeps the best `limit` items offered with a score (a bounded heap whose root is the worst kept
 * item), ordering by score descending and then by id ascending so equal scores rank stably.
 * With an infinite limit it keeps everything and sorts once at the end.
 */
export class TopK<T> {
  /**
   * V8 keeps the hidden class of TopK objects only while one of them is alive, and code optimised
   * for it is thrown away when the class goes; this one instance lives as long as the process so
   * that a collection between two rankings does not undo the optimisation of their loops.
   */
  private static readonly keepsShapeAlive = new TopK<never>(1, () => '');

  private size = 0;
  /**
   * Scores and items kept, in slots 0 to size - 1. Every TopK allocates them alike (items filled
   * with undefined, never an empty array of small integers that the first item would convert), so
   * code optimised for one fits the next.
   */
  private scores = new Float64Array(16);
  private items = slots<T>(16);

  constructor(
    private readonly limit: number,
    private readonly idOf: (item: T) => string,
  ) {}

  /** Offers an item; it is kept when it beats the worst kept item or there is room. */
  offer(score: number, item: T): void {
    if (this.size < this.limit) {
      if (this.size === this.scores.length) this.grow();
      const at = this.size++;
      this.scores[at] = score;
      this.items[at] = item;
      if (this.limit !== Number.POSITIVE_INFINITY) this.siftUp(at);
    } else if (this.worse(this.scores[0]!, this.items[0]!, score, item)) {
      this.scores[0] = score;
      this.items[0] = item;
      this.siftDown(0);
    }
  }

  /**
   * The lowest kept score once the limit is reached, -Infinity while there is room: an offer
   * scoring below it is not kept (one scoring the same is kept only with a smaller id).
   */
  threshold(): number {
    return this.size < this.limit ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return this.order().map((i) => this.items[i]!);
  }

  /** The kept items with their scores, best first. */
  sortedEntries(): { item: T; score: number }[] {
    return this.order().map((i) => ({ item: this.items[i]!, score: this.scores[i]! }));
  }

  private order(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (this.worse(this.scores[a]!, this.items[a]!, this.scores[b]!, this.items[b]!) ? 1 : -1));
    return order;
  }

  /** Whether (sa, a) ranks below (sb, b). */
  private worse(sa: number, a: T, sb: number, b: T): boolean {
    if (sa !== sb) return sa < sb;
    return this.idOf(a) > this.idOf(b);
  }

  private grow(): void {
    const scores = new Float64Array(this.scores.length * 2);
    scores.set(this.scores);
    const items = slots<T>(scores.length);
    for (let i = 0; i < this.size; i++) items[i] = this.items[i];
    this.scores = scores;
    this.items = items;
  }

  private siftUp(at: number): void {
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(this.scores[i]!, this.items[i]!, this.scores[parent]!, this.items[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(at: number): void {
    const size = this.size;
    let i = at;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < size && this.worse(this.scores[left]!, this.items[left]!, this.scores[worst]!, this.items[worst]!)) worst = left;
      if (right < size && this.worse(this.scores[right]!, this.items[right]!, this.scores[worst]!, this.items[worst]!)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = s;
    const t = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = t;
  }
}

function slots<T>(length: number): (T | undefined)[] {
  return new Array<T | undefined>(length).fill(undefined);
}
