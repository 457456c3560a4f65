import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '#contracts';
import { DomainError } from '../errors/domain-error.js';
import { cleanInput } from './clean-input.js';

const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** `@Payload()` of a message handler (RpcParamtype.PAYLOAD of @nestjs/microservices). */
const RPC_PAYLOAD = 3;

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
  const cleaned = cleanInput(plain, prefix);
  if (cleaned.errors.length) throw DomainError.validation(cleaned.errors);
  const instance = plainToInstance(cls, cleaned.value);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length) throw DomainError.validation(flattenValidationErrors(errors, prefix));
  return instance;
}

/**
 * The pipe every service and the gateway apply to every input: first the rules every string, key
 * and nesting obeys (`cleanInput`: refused characters and prototype keys, trimming, NFKC, depth),
 * then the class of the parameter (unknown fields and wrong types are refused).
 */
export class InputValidationPipe implements PipeTransform {
  private readonly classes = new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const root = rootOf(metadata);
    if (root === null) return this.classes.transform(value, metadata);
    // A repeated query parameter arrives as an array, which Nest would join into one string.
    if (metadata.type === 'query' && metadata.data && Array.isArray(value)) {
      throw DomainError.validation([{ field: metadata.data, reason: 'must be given once' }]);
    }
    const whole = metadata.type === 'body' ? 'body' : root || (typeof metadata.type === 'string' ? metadata.type : 'payload');
    const { value: cleaned, errors } = cleanInput(value, root, whole);
    if (errors.length) throw DomainError.validation(errors);
    if (metadata.type === 'body' && cleaned !== undefined && (typeof cleaned !== 'object' || cleaned === null || Array.isArray(cleaned))) {
      throw DomainError.validation([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    return this.classes.transform(cleaned, metadata);
  }
}

/** Where the fields of an input are named from; null for what does not come from outside (the caller, a context). */
function rootOf(metadata: ArgumentMetadata): string | null {
  switch (metadata.type) {
    case 'body':
      return '';
    case 'query':
    case 'param':
      return metadata.data ?? '';
    default:
      return (metadata.type as unknown) === RPC_PAYLOAD ? (metadata.data ?? '') : null;
  }
}

/** The pipe every service applies to every payload: refused characters and keys, unknown fields and wrong types. */
export function createValidationPipe(): PipeTransform {
  return new InputValidationPipe();
}
