import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Turns class-validator's tree into one line per field, with dotted paths (`profile.owners.0.name`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({
      field,
      reason: reason.replace(/^property (\S+) should not exist$/, 'is not a known field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Validates a plain object as an instance of `cls`; throws VALIDATION_FAILED naming every bad field. */
export async function validateAs<T extends object>(cls: ClassConstructor<T>, plain: unknown, prefix = ''): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw DomainError.validation([{ field: prefix || 'body', reason: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length) throw DomainError.validation(flattenValidationErrors(errors, prefix));
  return instance;
}

/** The pipe every service applies to every payload: unknown fields and wrong types are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}
