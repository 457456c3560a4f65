import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { DIRECTIONS, STRUCTURES, SECTOR_IDS, type Direction, type SectorId, type Structure } from '../common/domain.js';
import { CAPABILITY_PATTERN, HS_CODE_PATTERN, OKVED_CODE_PATTERN } from '../companies/company-profile.dto.js';
import { NestedObject, Text } from '../common/text.js';

export class SiteDto {
  @Text(2, 200)
  name!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;
}

export class CounterpartyDto {
  @Text(2, 300)
  name!: string;

  @IsOptional()
  @Text(3, 300)
  contact?: string;
}

/** An opportunity as an admin publishes it; `attributes` are validated by the sector's own module. */
export class OpportunityInputDto {
  @IsIn(SECTOR_IDS, { message: `sector must be one of: ${SECTOR_IDS.join(', ')}` })
  sector!: SectorId;

  @Text(3, 300)
  title!: string;

  @Text(0, 5000, { multiline: true })
  description!: string;

  @NestedObject(() => SiteDto)
  site!: SiteDto;

  @NestedObject(() => CounterpartyDto)
  counterparty!: CounterpartyDto;

  @IsArray()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @Matches(CAPABILITY_PATTERN, { each: true, message: 'each value in requiredCapabilities must be a capability id' })
  requiredCapabilities!: string[];

  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(HS_CODE_PATTERN, { each: true, message: 'each value in hsCodes must be an HS code of 2, 4 or 6 digits' })
  hsCodes!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(OKVED_CODE_PATTERN, { each: true, message: 'each value in okved must be an OKVED2 code' })
  okved?: string[];

  @IsIn(DIRECTIONS, { message: `direction must be one of: ${DIRECTIONS.join(', ')}` })
  direction!: Direction;

  @IsIn(STRUCTURES, { message: `structure must be one of: ${STRUCTURES.join(', ')}` })
  structure!: Structure;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e13)
  sizeUsd!: number;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'each value in settlementCurrencies must be an ISO 4217 code such as RUB' })
  settlementCurrencies!: string[];

  @IsObject()
  attributes!: Record<string, unknown>;
}

/** An opportunity as admins see it; `counterparty.contact` is given only to whoever may be introduced. */
export interface OpportunityView extends Omit<OpportunityInputDto, 'okved'> {
  id: string;
  okved: string[];
  /** A stable key for catalogue entries loaded from a seed; null for ones made through the API. */
  seedKey: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What listings and matches show of an opportunity: never the counterparty's contact. */
export type OpportunitySummary = Omit<OpportunityView, 'counterparty'> & { counterparty: { name: string } };

export function summariseOpportunity(view: OpportunityView): OpportunitySummary {
  return { ...view, counterparty: { name: view.counterparty.name } };
}
