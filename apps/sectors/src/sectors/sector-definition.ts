import type { OpportunitySeed, SectorId, SectorRubric } from './sector.types.js';

/** One entry of a sector's capability vocabulary: what a company can do, as opportunities require it. */
export interface SectorCapability {
  id: string;
  label: string;
  description?: string;
}

/** One reason an attributes object was rejected, with the offending field (e.g. `attributes.annualTonnage`). */
export interface AttributeError {
  field: string;
  reason: string;
}

/** Outcome of validating sector-specific attributes: the cleaned value, or every error found. */
export type AttributeValidation = { ok: true; value: Record<string, unknown> } | { ok: false; errors: AttributeError[] };

/** A described attribute, for documentation (OpenAPI, admin forms). */
export interface AttributeFieldDescription {
  name: string;
  type: 'enum' | 'number' | 'string' | 'boolean';
  required: boolean;
  description: string;
  values?: readonly (string | number)[];
}

/** The sector-specific attributes of an opportunity: their description and a strict validator. */
export interface SectorAttributes {
  fields: readonly AttributeFieldDescription[];
  validateAttributes(attrs: unknown): AttributeValidation;
}

/**
 * Everything that differs from one sector to another. A sector is one folder exporting one
 * SectorDefinition, listed once in sectors.registry.ts.
 */
export interface SectorDefinition {
  id: SectorId;
  title: string;
  description: string;
  rubric: SectorRubric;
  capabilities: readonly SectorCapability[];
  attributes: SectorAttributes;
  /** OKVED2 divisions, groups or classes typical of companies in the sector. */
  defaultOkved: readonly string[];
  seed: readonly OpportunitySeed[];
}
