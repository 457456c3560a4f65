import { isClassifiableHsCode } from './hs-code.util.js';
import { RuleSetFormatError } from './rule-set.errors.js';
import {
  EVIDENCE_TAGS,
  RULE_DIRECTIONS,
  RULE_STRUCTURES,
  RULE_VERDICTS,
  UNVERIFIED_PARTS,
  type RuleSet,
  type SanctionsRule,
} from './rule-set.model.js';

const RULE_ID = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const KEYWORD = /^[a-z][a-z0-9_]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const GOODS_DIRECTIONS: readonly string[] = ['supply_to_dprk', 'procurement_from_dprk'];
const APPLICABILITY_KEYS = ['originCountryIn', 'originCountryNotIn', 'transitPortIn'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

class RuleChecker {
  readonly problems: string[] = [];

  constructor(
    private readonly rule: Json,
    private readonly label: string,
  ) {}

  private problem(message: string): void {
    this.problems.push(`${this.label}: ${message}`);
  }

  check(): void {
    const r = this.rule;
    if (!isNonEmptyString(r['id']) || !RULE_ID.test(r['id'])) this.problem('id must be upper-case words joined by "-"');
    if (!isNonEmptyString(r['title'])) this.problem('title is required');
    for (const key of ['resolution', 'paragraph', 'exemptionPath', 'quote'] as const) {
      if (r[key] !== null && !isNonEmptyString(r[key])) this.problem(`${key} must be a non-empty string or null`);
    }
    this.checkTriggers();
    if (!oneOf(RULE_VERDICTS, r['verdict'])) this.problem(`unknown verdict ${JSON.stringify(r['verdict'])}`);
    if (r['conditions'] !== undefined && !isStringArray(r['conditions'])) this.problem('conditions must be strings');
    if (r['verdict'] === 'exemption_required' && !(isStringArray(r['conditions']) && r['conditions'].length > 0)) {
      this.problem('an exemption_required rule must list its conditions');
    }
    if (r['verdict'] === 'prohibited' && r['resolution'] === null) this.problem('a prohibition must cite a resolution');
    this.checkEvidence();
    for (const key of ['sources', 'carvesOut'] as const) {
      if (r[key] !== undefined && !isStringArray(r[key])) this.problem(`${key} must be strings`);
    }
    for (const key of ['quoteSource', 'notes'] as const) {
      if (r[key] !== undefined && typeof r[key] !== 'string') this.problem(`${key} must be a string`);
    }
    this.checkApplicability();
  }

  private checkTriggers(): void {
    const r = this.rule;
    const direction = r['direction'];
    if (!Array.isArray(direction) || direction.length === 0) this.problem('direction must list at least one direction');
    else {
      for (const d of direction) if (!oneOf(RULE_DIRECTIONS, d)) this.problem(`unknown direction ${JSON.stringify(d)}`);
    }
    if (!isStringArray(r['hsCodes'])) this.problem('hsCodes must be an array of strings');
    else {
      for (const code of r['hsCodes']) {
        if (!isClassifiableHsCode(code)) this.problem(`"${code}" is not a 2-, 4- or 6-digit HS code`);
      }
    }
    const structures = r['structures'];
    if (structures !== undefined) {
      if (!Array.isArray(structures)) this.problem('structures must be an array');
      else for (const s of structures) if (!oneOf(RULE_STRUCTURES, s)) this.problem(`unknown structure ${JSON.stringify(s)}`);
    }
    const activities = r['activities'];
    if (activities !== undefined && !(isStringArray(activities) && activities.every((a) => KEYWORD.test(a)))) {
      this.problem('activities must be snake_case keywords');
    }
    const hasCodes = isStringArray(r['hsCodes']) && r['hsCodes'].length > 0;
    const hasStructures = Array.isArray(structures) && structures.length > 0;
    const hasActivities = Array.isArray(activities) && activities.length > 0;
    if (!hasCodes && !hasStructures && !hasActivities) {
      this.problem('a rule needs hsCodes, structures or activities to ever apply');
    }
    if (hasCodes && !hasStructures && Array.isArray(direction) && !direction.some((d) => GOODS_DIRECTIONS.includes(d))) {
      this.problem('a rule keyed by HS codes needs a supply_to_dprk or procurement_from_dprk direction');
    }
  }

  private checkEvidence(): void {
    const r = this.rule;
    if (!oneOf(EVIDENCE_TAGS, r['evidence'])) this.problem(`unknown evidence tag ${JSON.stringify(r['evidence'])}`);
    if (typeof r['verified'] !== 'boolean') this.problem('verified must be true or false');
    const parts = r['unverifiedParts'] ?? [];
    if (!Array.isArray(parts) || !parts.every((part) => oneOf(UNVERIFIED_PARTS, part))) {
      this.problem(`unverifiedParts must be among ${UNVERIFIED_PARTS.join(', ')}`);
    }
    if (r['verified'] === true && r['evidence'] === 'GK') this.problem('a GK rule must have verified=false');
    if (r['verified'] === true && Array.isArray(parts) && parts.length > 0) {
      this.problem(`a rule with GK parts (${parts.join(', ')}) must have verified=false`);
    }
  }

  private checkApplicability(): void {
    const when = this.rule['appliesWhen'];
    if (when === undefined) return;
    if (!isObject(when)) {
      this.problem('appliesWhen must be an object');
      return;
    }
    for (const key of Object.keys(when)) {
      if (!(APPLICABILITY_KEYS as readonly string[]).includes(key)) this.problem(`unknown appliesWhen key "${key}"`);
    }
    for (const key of ['originCountryIn', 'originCountryNotIn'] as const) {
      const countries = when[key];
      if (countries !== undefined && !(isStringArray(countries) && countries.every((c) => COUNTRY.test(c)))) {
        this.problem(`appliesWhen.${key} must list ISO 3166-1 alpha-2 codes`);
      }
    }
    if (when['transitPortIn'] !== undefined && !isStringArray(when['transitPortIn'])) {
      this.problem('appliesWhen.transitPortIn must list port names');
    }
  }
}

function checkCrossReferences(rules: Json[], problems: string[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    const id = rule['id'];
    if (typeof id !== 'string') continue;
    if (seen.has(id)) problems.push(`duplicate rule id "${id}"`);
    seen.add(id);
  }
  for (const rule of rules) {
    const carvesOut = rule['carvesOut'];
    if (!isStringArray(carvesOut)) continue;
    for (const target of carvesOut) {
      if (!seen.has(target)) problems.push(`rule "${String(rule['id'])}" carves out unknown rule "${target}"`);
      if (target === rule['id']) problems.push(`rule "${target}" carves out itself`);
    }
    if (carvesOut.length > 0 && rule['verdict'] === 'prohibited') {
      problems.push(`rule "${String(rule['id'])}" carves out other rules but is itself a prohibition`);
    }
  }
}

/**
 * Validates a sectoral rules file (parsed JSON or its text) and returns it as a RuleSet.
 * Throws RuleSetFormatError listing every problem: unknown directions, verdicts or tags, duplicate ids,
 * a GK rule (or a rule with GK parts) marked verified, dangling carve-outs and the like.
 */
export function loadRuleSet(json: unknown): RuleSet {
  let document = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json);
    } catch (error) {
      throw new RuleSetFormatError([`not JSON: ${(error as Error).message}`]);
    }
  }
  if (!isObject(document)) throw new RuleSetFormatError(['the rules file must be a JSON object']);
  const problems: string[] = [];
  if (!isNonEmptyString(document['version'])) problems.push('version is required');
  const effectiveDate = document['effectiveDate'];
  if (!(typeof effectiveDate === 'string' && ISO_DATE.test(effectiveDate) && !Number.isNaN(Date.parse(effectiveDate)))) {
    problems.push('effectiveDate must be a YYYY-MM-DD date');
  }
  if (document['source'] === undefined || document['source'] === null) problems.push('source is required');
  const unmatched = document['unmatchedVerdict'] ?? 'review';
  if (unmatched !== 'review' && unmatched !== 'clear') problems.push('unmatchedVerdict must be "review" or "clear"');
  if (document['unmatchedReason'] !== undefined && typeof document['unmatchedReason'] !== 'string') {
    problems.push('unmatchedReason must be a string');
  }
  const rules = document['rules'];
  if (!Array.isArray(rules) || rules.length === 0) {
    problems.push('rules must be a non-empty array');
  } else {
    rules.forEach((rule, index) => {
      if (!isObject(rule)) {
        problems.push(`rules[${index}]: must be an object`);
        return;
      }
      const label = typeof rule['id'] === 'string' ? `rule "${rule['id']}"` : `rules[${index}]`;
      const checker = new RuleChecker(rule, label);
      checker.check();
      problems.push(...checker.problems);
    });
    checkCrossReferences(rules.filter(isObject), problems);
  }
  if (problems.length > 0) throw new RuleSetFormatError(problems);
  const valid = document as unknown as RuleSet;
  return {
    version: valid.version,
    effectiveDate: valid.effectiveDate,
    source: valid.source,
    unmatchedVerdict: unmatched as RuleSet['unmatchedVerdict'],
    ...(valid.unmatchedReason === undefined ? {} : { unmatchedReason: valid.unmatchedReason }),
    rules: valid.rules.map((rule: SanctionsRule) => ({ ...rule })),
  };
}
