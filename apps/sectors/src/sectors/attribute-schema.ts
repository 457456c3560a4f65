import type { AttributeError, AttributeFieldDescription, SectorAttributes } from './sector-definition.js';

interface FieldBase {
  required: boolean;
  description: string;
}

/** How one sector attribute is typed and bounded. */
export type AttributeFieldSpec =
  | (FieldBase & { type: 'enum'; values: readonly (string | number)[] })
  | (FieldBase & { type: 'number'; integer?: boolean; greaterThan?: number; atLeast?: number; atMost?: number })
  | (FieldBase & { type: 'string'; pattern?: RegExp; patternDescription?: string })
  | (FieldBase & { type: 'boolean' });

const PREFIX = 'attributes';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberError(spec: Extract<AttributeFieldSpec, { type: 'number' }>, value: unknown): string | undefined {
  if (typeof value !== 'number') {
    return 'must be a number';
  }
  if (!Number.isFinite(value)) {
    return 'must be a finite number';
  }
  if (spec.integer && !Number.isInteger(value)) {
    return 'must be an integer';
  }
  if (spec.greaterThan !== undefined && !(value > spec.greaterThan)) {
    return `must be greater than ${spec.greaterThan}`;
  }
  if (spec.atLeast !== undefined && value < spec.atLeast) {
    return `must be at least ${spec.atLeast}`;
  }
  if (spec.atMost !== undefined && value > spec.atMost) {
    return `must be at most ${spec.atMost}`;
  }
  return undefined;
}

function fieldError(spec: AttributeFieldSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'enum':
      return spec.values.includes(value as string | number) ? undefined : `must be one of: ${spec.values.join(', ')}`;
    case 'number':
      return numberError(spec, value);
    case 'string':
      if (typeof value !== 'string') {
        return 'must be a string';
      }
      return spec.pattern && !spec.pattern.test(value) ? `must be ${spec.patternDescription ?? `a string matching ${spec.pattern}`}` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
  }
}

/**
 * Builds a strict validator for a sector's attributes: unknown keys, missing required fields,
 * wrong types, values outside an enum and out-of-range numbers are all reported, each with its
 * field name (`attributes.<name>`). Fields set to `undefined` count as absent.
 */
export function defineSectorAttributes(sector: string, spec: Readonly<Record<string, AttributeFieldSpec>>): SectorAttributes {
  const fields: AttributeFieldDescription[] = Object.entries(spec).map(([name, s]) => ({
    name,
    type: s.type,
    required: s.required,
    description: s.description,
    ...(s.type === 'enum' ? { values: s.values } : {}),
  }));

  return {
    fields,
    validateAttributes(attrs: unknown) {
      if (!isPlainObject(attrs)) {
        return { ok: false, errors: [{ field: PREFIX, reason: 'must be an object' }] };
      }
      const errors: AttributeError[] = Object.keys(attrs)
        .filter((key) => !Object.hasOwn(spec, key))
        .map((key) => ({ field: `${PREFIX}.${key}`, reason: `is not an attribute of the ${sector} sector` }));
      const value: Record<string, unknown> = {};
      for (const [name, fieldSpec] of Object.entries(spec)) {
        const raw = attrs[name];
        if (raw === undefined) {
          if (fieldSpec.required) {
            errors.push({ field: `${PREFIX}.${name}`, reason: 'is required' });
          }
          continue;
        }
        const reason = fieldError(fieldSpec, raw);
        if (reason) {
          errors.push({ field: `${PREFIX}.${name}`, reason });
        } else {
          value[name] = raw;
        }
      }
      return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
    },
  };
}
