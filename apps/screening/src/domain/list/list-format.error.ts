/** Thrown when a sanctions list document is not well-formed XML or does not follow the UN list format. */
export class ListFormatError extends Error {
  readonly code = 'LIST_FORMAT_INVALID';

  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'ListFormatError';
  }
}
