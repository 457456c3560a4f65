import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/** Declares a keyset-paged list's `after`, and the deprecated `offset` it replaces (kept for one version). */
export const ApiCursorQuery = (options: { offset?: boolean } = { offset: true }) =>
  applyDecorators(
    ApiQuery({
      name: 'after',
      required: false,
      type: 'string',
      description: "the page before's `nextCursor`, passed back as it came (opaque). Stable under concurrent inserts and deletes: a row that stays is given exactly once.",
    }),
    ...(options.offset
      ? [
          ApiQuery({
            name: 'offset',
            required: false,
            type: 'integer',
            deprecated: true,
            description: 'Deprecated: page with `after`. Kept for one version; the answer then also carries `total`, `limit`, `offset` and `nextOffset`.',
          }),
        ]
      : []),
  );
