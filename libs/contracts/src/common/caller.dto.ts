import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
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

/** Pagination of a listing. */
export class PageQueryDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}
