/** Thrown when a sectoral rules file is malformed or breaks one of its invariants; lists every problem found. */
export class RuleSetFormatError extends Error {
  readonly code = 'RULE_SET_INVALID';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid sanctions rule set: ${problems.join('; ')}`);
    this.name = 'RuleSetFormatError';
  }
}
