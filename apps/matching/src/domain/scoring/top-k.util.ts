/**
 * Keeps the best `limit` items offered with a score (a bounded heap whose root is the worst kept
 * item), ordering by score descending and then by id ascending so equal scores rank stably.
 * With an infinite limit it keeps everything and sorts once at the end.
 */
export class TopK<T> {
  private readonly scores: number[] = [];
  private readonly items: T[] = [];

  constructor(
    private readonly limit: number,
    private readonly idOf: (item: T) => string,
  ) {}

  /** Offers an item; it is kept when it beats the worst kept item or there is room. */
  offer(score: number, item: T): void {
    if (this.limit === Number.POSITIVE_INFINITY) {
      this.scores.push(score);
      this.items.push(item);
      return;
    }
    const size = this.items.length;
    if (size < this.limit) {
      this.scores.push(score);
      this.items.push(item);
      this.siftUp(size);
    } else if (this.worse(this.scores[0]!, this.items[0]!, score, item)) {
      this.scores[0] = score;
      this.items[0] = item;
      this.siftDown(0);
    }
  }

  /** The kept items, best first. */
  sorted(): T[] {
    const order = Array.from(this.items.keys());
    order.sort((a, b) => (this.worse(this.scores[a]!, this.items[a]!, this.scores[b]!, this.items[b]!) ? 1 : -1));
    return order.map((i) => this.items[i]!);
  }

  /** Whether (sa, a) ranks below (sb, b). */
  private worse(sa: number, a: T, sb: number, b: T): boolean {
    if (sa !== sb) return sa < sb;
    return this.idOf(a) > this.idOf(b);
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
    const size = this.items.length;
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
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }
}
