import { isISO31661Alpha2, IsOptional, IsString, ValidateBy, type ValidationArguments } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** A date of birth as the screen takes it: a year, or a full date (ISO 8601, `YYYY-MM-DD`). */
export const DATE_OF_BIRTH_PATTERN = /^\d{4}(-\d{2}-\d{2})?$/;
/** The earliest year of birth accepted. */
export const EARLIEST_BIRTH_YEAR = 1900;

/** True for `YYYY` or a calendar date `YYYY-MM-DD`, from EARLIEST_BIRTH_YEAR to today. */
export function isDateOfBirth(value: unknown, today = new Date()): boolean {
  if (typeof value !== 'string' || !DATE_OF_BIRTH_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < EARLIEST_BIRTH_YEAR || year > today.getUTCFullYear()) return false;
  if (value.length === 4) return true;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getTime() <= today.getTime();
}

/** An optional date of birth (see isDateOfBirth); the message names the field and the forms accepted. */
export function OptionalDateOfBirth(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    JSONSchema({
      type: 'string',
      pattern: DATE_OF_BIRTH_PATTERN.source,
      description:
        `Date of birth: a year (YYYY) or a date (YYYY-MM-DD), ${EARLIEST_BIRTH_YEAR} to today. Secondary evidence for the name screen: ` +
        'a listed individual whose every recorded date of birth contradicts it is demoted; one that agrees raises the score. Never required.',
      examples: ['1964', '1964-07-17'],
    })(target, key as string);
    ValidateBy({
      name: 'isDateOfBirth',
      validator: {
        validate: (value: unknown) => isDateOfBirth(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'dateOfBirth'} must be a year (YYYY) or a date (YYYY-MM-DD) from ${EARLIEST_BIRTH_YEAR} to today`,
      },
    })(target, key);
  };
}

/** An optional nationality: an ISO 3166-1 alpha-2 code in capitals (`RU`, `KP`). */
export function OptionalNationality(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    JSONSchema({
      type: 'string',
      pattern: '^[A-Z]{2}$',
      description:
        'Nationality, ISO 3166-1 alpha-2. Secondary evidence for the name screen: a listed individual whose every recorded nationality ' +
        'differs is demoted; one that agrees raises the score. Never required.',
      examples: ['RU', 'KP'],
    })(target, key as string);
    ValidateBy({
      name: 'isNationality',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'nationality'} must be an assigned ISO 3166-1 alpha-2 country code in capitals, such as RU or KP`,
      },
    })(target, key);
  };
}
