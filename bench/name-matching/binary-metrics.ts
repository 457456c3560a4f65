/** Counts of a binary classifier's outcomes. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Precision, recall and F1 of a set of outcomes, with the counts behind them. */
export interface BinaryMetrics extends Confusion {
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Tallies predicted against expected labels. */
export function confusion(outcomes: readonly { expected: boolean; predicted: boolean }[]): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const o of outcomes) {
    if (o.predicted && o.expected) c.tp += 1;
    else if (o.predicted) c.fp += 1;
    else if (o.expected) c.fn += 1;
    else c.tn += 1;
  }
  return c;
}

/** Precision, recall and F1 (0 where undefined) from outcomes. */
export function binaryMetrics(outcomes: readonly { expected: boolean; predicted: boolean }[]): BinaryMetrics {
  const c = confusion(outcomes);
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, n: outcomes.length, precision, recall, f1 };
}
