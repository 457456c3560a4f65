import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { SECTOR_IDS, type SectorId } from '../common/domain.js';
import { NestedObject, NestedObjects, Text } from '../common/text.js';
import { OptionalDateOfBirth, OptionalNationality } from '../common/person-evidence.js';

/** HS code: chapter (2 digits), heading (4) or subheading (6). */
export const HS_CODE_PATTERN = /^\d{2}(\d{2}(\d{2})?)?$/;
/** OKVED2 code: division `05`, group `05.1`, class `05.10`, subclass `05.10.1`, type `05.10.11`. */
export const OKVED_CODE_PATTERN = /^\d{2}(\.\d(\d(\.\d{1,2})?)?)?$/;
/** A capability id from a sector vocabulary. */
export const CAPABILITY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

export class GeoPointDto {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;
}

export class OwnerDto {
  @Text(2, 300)
  name!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  sharePct!: number;

  @OptionalDateOfBirth()
  dateOfBirth?: string;

  @OptionalNationality()
  nationality?: string;
}

export class DirectorDto {
  @Text(2, 300)
  name!: string;

  @OptionalDateOfBirth()
  dateOfBirth?: string;

  @OptionalNationality()
  nationality?: string;
}

/** What is known of an owner or director besides the name, as stored and screened (both optional). */
export interface PersonEvidence {
  dateOfBirth?: string;
  nationality?: string;
}

/** A company profile as a partner submits it. INN and OGRN check digits are verified by the companies service. */
export class CompanyProfileDto {
  @Text(2, 300)
  name!: string;

  @IsString()
  @Matches(/^(\d{10}|\d{12})$/, { message: 'inn must be 10 digits (organisation) or 12 digits (individual entrepreneur)' })
  inn!: string;

  @IsOptional()
  @IsString()
  @Matches(/^(\d{13}|\d{15})$/, { message: 'ogrn must be 13 digits (OGRN) or 15 digits (OGRNIP)' })
  ogrn?: string;

  @Text(2, 120)
  region!: string;

  @Text(1, 120)
  city!: string;

  @IsOptional()
  @NestedObject(() => GeoPointDto)
  location?: GeoPointDto;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SECTOR_IDS, { each: true, message: `each value in sectors must be one of: ${SECTOR_IDS.join(', ')}` })
  sectors!: SectorId[];

  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(OKVED_CODE_PATTERN, { each: true, message: 'each value in okved must be an OKVED2 code such as 05, 05.1, 05.10 or 29.10.2' })
  okved!: string[];

  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(HS_CODE_PATTERN, { each: true, message: 'each value in hsCodes must be an HS code of 2, 4 or 6 digits' })
  hsCodes!: string[];

  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(CAPABILITY_PATTERN, { each: true, message: 'each value in capabilities must be a capability id such as open_pit_mining' })
  capabilities!: string[];

  @IsInt()
  @Min(0)
  @Max(5_000_000)
  employees!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e16)
  annualRevenueRub!: number;

  @IsInt()
  @Min(0)
  @Max(150)
  exportExperienceYears!: number;

  @IsBoolean()
  acceptsRubSettlement!: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => OwnerDto)
  owners?: OwnerDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObjects(() => DirectorDto)
  directors?: DirectorDto[];
}

/** A stored company profile as every reader sees it. */
export interface CompanyView extends Omit<CompanyProfileDto, 'location' | 'owners' | 'directors'> {
  id: string;
  partnerId: string;
  location?: { lat: number; lon: number };
  /** Where the location came from: given by the partner, or looked up from the city. */
  locationSource: 'submitted' | 'gazetteer' | 'unknown';
  owners: ({ name: string; sharePct: number } & PersonEvidence)[];
  directors: ({ name: string } & PersonEvidence)[];
  version: number;
  createdAt: string;
  updatedAt: string;
}
