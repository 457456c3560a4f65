import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { Caller } from './domain.js';

/** The authenticated caller, set by the gateway and checked again by every owner of data. */
export class CallerDto implements Caller {
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  partnerId!: string | null;

  @IsBoolean()
  admin!: boolean;

  @IsOptional()
  @IsUUID()
  officerId?: string;
}

export const MAX_PAGE_SIZE = 200;

/** The longest cursor a list gives; longer is not one of ours. */
export const MAX_CURSOR_LENGTH = 512;
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,512}$/;

/** An optional `after`: a list's `nextCursor` as it came (base64url), read by the list's owner. */
export function CursorField(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    MaxLength(MAX_CURSOR_LENGTH)(target, key);
    Matches(CURSOR_PATTERN)(target, key);
  };
}

/**
 * Pagination of a listing: `after` (the `nextCursor` of the page before) pages by key; `offset`
 * is the deprecated way, kept for one version, and answers the offset page's fields as well.
 */
export class PageQueryDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @CursorField()
  after?: string;

  /** @deprecated page with `after`. */
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}
