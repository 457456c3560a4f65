/** Stable codes of scoring failures. */
export type ScoringErrorCode =
  | 'INVALID_RUBRIC'
  | 'RUBRIC_MISSING'
  | 'RUBRIC_SECTOR_MISMATCH'
  | 'SECTOR_NOT_DECLARED'
  | 'INVALID_OPTIONS';

/** A scoring request that cannot be answered; `code` is stable, `message` is for people. */
export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScoringError';
  }
}
