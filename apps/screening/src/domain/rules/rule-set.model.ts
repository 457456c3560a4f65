import type { Verdict } from './verdict.model.js';

/** The flows a rule governs, as the rules file names them. */
export const RULE_DIRECTIONS = [
  'supply_to_dprk',
  'procurement_from_dprk',
  'joint_venture',
  'investment',
  'financial_services',
] as const;
/** A flow a rule governs. */
export type RuleDirection = (typeof RULE_DIRECTIONS)[number];

/** The verdict a rule gives when it applies; `review` marks items the reference says need a human (no measure found). */
export const RULE_VERDICTS = ['prohibited', 'exemption_required', 'review'] as const;
/** The verdict a rule gives when it applies. */
export type RuleVerdict = (typeof RULE_VERDICTS)[number];

/** Evidence tags of SANCTIONS-RULES.md: Q verbatim English, Q-fr verbatim French, S summary, GK unverified general knowledge. */
export const EVIDENCE_TAGS = ['Q', 'Q-fr', 'S', 'GK'] as const;
/** How well a rule's substance is sourced. */
export type EvidenceTag = (typeof EVIDENCE_TAGS)[number];

/** Deal structures that trigger a rule whatever the goods. */
export const RULE_STRUCTURES = ['joint_venture', 'investment'] as const;
/** A deal structure that triggers a rule whatever the goods. */
export type RuleStructure = (typeof RULE_STRUCTURES)[number];

/** Parts of a rule the reference tags [GK] although the rule's substance is better sourced. */
export const UNVERIFIED_PARTS = ['paragraph', 'hsCodes', 'quote', 'conditions', 'exemptionPath'] as const;
/** A part of a rule tagged [GK] in the reference. */
export type UnverifiedPart = (typeof UNVERIFIED_PARTS)[number];

/** Facts about an activity that must hold for a rule to apply (used by carve-outs such as the Rajin coal transit). */
export interface RuleApplicability {
  /** ISO 3166-1 alpha-2 codes; the activity must declare one of them as origin. */
  originCountryIn?: string[];
  /** ISO 3166-1 alpha-2 codes; the activity must declare an origin that is none of them. */
  originCountryNotIn?: string[];
  /** Port names; the activity must declare one of them as transit port (case and "port" ignored). */
  transitPortIn?: string[];
}

/** One sectoral measure of the UN 1718 regime, as the rules file encodes it. */
export interface SanctionsRule {
  id: string;
  title: string;
  /** Resolution and year, e.g. "2397 (2017)"; null where the reference found no UN measure. */
  resolution: string | null;
  /** Operative paragraph, e.g. "OP7"; null where the reference gives none. */
  paragraph: string | null;
  direction: RuleDirection[];
  /** Structures that trigger the rule whatever the goods. */
  structures?: RuleStructure[];
  /** HS chapters (2 digits), headings (4) or subheadings (6) the rule covers; empty when keyed by structure or activity. */
  hsCodes: string[];
  /** Activity keywords that trigger the rule (e.g. trade_finance, seafarers). */
  activities?: string[];
  appliesWhen?: RuleApplicability;
  /** Ids of rules this rule sets aside when it applies (an exception to them). */
  carvesOut?: string[];
  verdict: RuleVerdict;
  exemptionPath: string | null;
  conditions?: string[];
  evidence: EvidenceTag;
  sources?: string[];
  unverifiedParts?: UnverifiedPart[];
  /** False for every GK rule and every rule with a GK part. */
  verified: boolean;
  quote: string | null;
  quoteSource?: string;
  notes?: string;
}

/** A validated, versioned set of sectoral rules. */
export interface RuleSet {
  version: string;
  effectiveDate: string;
  source: unknown;
  /** Verdict for goods no rule covers: `review` per the reference's decision sketch, `clear` if policy allows. */
  unmatchedVerdict: 'review' | 'clear';
  unmatchedReason?: string;
  rules: SanctionsRule[];
}

/** The flows a business opportunity can declare. */
export type ActivityDirection = 'supply_to_dprk' | 'procurement_from_dprk' | 'services' | 'investment';
/** The deal structures a business opportunity can declare. */
export type ActivityStructure = 'contract' | 'joint_venture' | 'investment';

/** What a business opportunity declares about the activity to be screened. */
export interface Activity {
  direction: ActivityDirection;
  structure: ActivityStructure;
  /** 2-, 4- or 6-digit HS codes; dots and spaces are ignored. */
  hsCodes: string[];
  /** ISO 3166-1 alpha-2 code of the goods' origin. */
  originCountry?: string;
  transitPort?: string;
  /** Free attributes; `activities` (string or string[]) holds activity keywords such as trade_finance or seafarers. */
  attributes?: Record<string, unknown>;
}

/** A rule that applied to an activity, as cited in an evaluation. */
export interface CitedRule {
  id: string;
  title: string;
  resolution: string | null;
  paragraph: string | null;
  verdict: RuleVerdict;
  evidence: EvidenceTag;
  verified: boolean;
  exemptionPath?: string;
  conditions?: string[];
  /** The declared HS codes that brought the rule in, when goods did. */
  hsCodes?: string[];
}

/** The sectoral verdict on one activity, with the rules behind it and a reason per finding. */
export interface RuleEvaluation {
  verdict: Verdict;
  rules: CitedRule[];
  reasons: string[];
  ruleSetVersion: string;
}
