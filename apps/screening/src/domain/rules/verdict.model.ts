/** The outcome of screening an activity, from least to most severe. */
export const VERDICT_ORDER = ['clear', 'review', 'exemption_required', 'prohibited'] as const;

/** A screening verdict: clear, review (a human must look), exemption_required (a 1718 Committee exemption must be on file), prohibited. */
export type Verdict = (typeof VERDICT_ORDER)[number];

/** Returns the most severe of the given verdicts (prohibited > exemption_required > review > clear). */
export function combineVerdicts(first: Verdict, ...rest: Verdict[]): Verdict {
  let worst = first;
  for (const verdict of rest) {
    if (VERDICT_ORDER.indexOf(verdict) > VERDICT_ORDER.indexOf(worst)) worst = verdict;
  }
  return worst;
}
