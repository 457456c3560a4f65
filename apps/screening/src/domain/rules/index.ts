export { evaluateActivity } from './activity.evaluator.js';
export { hsCodeCovers, isClassifiableHsCode, normaliseHsCode } from './hs-code.util.js';
export { RuleSetFormatError } from './rule-set.errors.js';
export { loadRuleSet } from './rule-set.loader.js';
export {
  EVIDENCE_TAGS,
  RULE_DIRECTIONS,
  RULE_STRUCTURES,
  RULE_VERDICTS,
  type Activity,
  type ActivityDirection,
  type ActivityStructure,
  type CitedRule,
  type EvidenceTag,
  type RuleDirection,
  type RuleEvaluation,
  type RuleSet,
  type RuleVerdict,
  type SanctionsRule,
} from './rule-set.model.js';
export { combineVerdicts, VERDICT_ORDER, type Verdict } from './verdict.model.js';
