import { hsCodeCovers, hsCodeOverlapsPartly, isClassifiableHsCode, normaliseHsCode } from './hs-code.util.js';
import type {
  Activity,
  CitedRule,
  RuleEvaluation,
  RuleSet,
  RuleStructure,
  SanctionsRule,
} from './rule-set.model.js';
import { combineVerdicts, VERDICT_ORDER, type Verdict } from './verdict.model.js';

const COUNTRY = /^[A-Z]{2}$/;
const PORT_NOISE = new Set(['port', 'of']);

interface Context {
  readonly origin: string | undefined;
  readonly portWords: ReadonlySet<string>;
}

interface Firing {
  readonly rule: SanctionsRule;
  readonly hsCodes: Set<string>;
  readonly via: string[];
}

function portWords(port: string | undefined): Set<string> {
  const words = (port ?? '').toLowerCase().split(/[^\p{L}]+/u);
  return new Set(words.filter((word) => word !== '' && !PORT_NOISE.has(word)));
}

function applies(rule: SanctionsRule, context: Context): boolean {
  const when = rule.appliesWhen;
  if (!when) return true;
  if (when.originCountryIn && !(context.origin !== undefined && when.originCountryIn.includes(context.origin))) {
    return false;
  }
  if (when.originCountryNotIn && !(context.origin !== undefined && !when.originCountryNotIn.includes(context.origin))) {
    return false;
  }
  if (when.transitPortIn && !when.transitPortIn.some((port) => [...portWords(port)].every((w) => context.portWords.has(w)))) {
    return false;
  }
  return true;
}

function isGoodsRule(rule: SanctionsRule): boolean {
  return rule.hsCodes.length > 0 && !(rule.structures && rule.structures.length > 0);
}

function citation(rule: SanctionsRule): string {
  if (rule.resolution === null) return 'no UN measure';
  return rule.paragraph === null ? rule.resolution : `${rule.resolution} ${rule.paragraph}`;
}

function evidenceNote(rule: SanctionsRule): string {
  return rule.verified ? `evidence ${rule.evidence}` : `evidence ${rule.evidence}, unverified`;
}

function readKeywords(attributes: Activity['attributes'], reasons: string[], extra: Verdict[]): Set<string> {
  const raw = attributes?.['activities'];
  if (raw === undefined) return new Set();
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    reasons.push('attributes.activities must be a keyword or a list of keywords; it was not read');
    extra.push('review');
    return new Set();
  }
  return new Set(list.map((item) => item.trim().toLowerCase().replace(/[\s-]+/g, '_')).filter((item) => item !== ''));
}

class ActivityEvaluation {
  private readonly reasons: string[] = [];
  private readonly extra: Verdict[] = [];
  private readonly firings = new Map<string, Firing>();
  private readonly context: Context;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly activity: Activity,
  ) {
    const origin = activity.originCountry?.trim().toUpperCase();
    if (origin !== undefined && !COUNTRY.test(origin)) {
      this.reasons.push(
        `originCountry "${activity.originCountry}" is not an ISO 3166-1 alpha-2 code; origin-dependent exceptions were not applied`,
      );
    }
    this.context = { origin: origin !== undefined && COUNTRY.test(origin) ? origin : undefined, portWords: portWords(activity.transitPort) };
  }

  run(): RuleEvaluation {
    const keywords = readKeywords(this.activity.attributes, this.reasons, this.extra);
    const codes = this.readCodes();
    const goodsDirection =
      this.activity.direction === 'supply_to_dprk' || this.activity.direction === 'procurement_from_dprk';
    if (goodsDirection) {
      if (codes.valid.length === 0) this.flag(`No valid HS code declared for ${this.activity.direction}: the goods cannot be screened`);
      for (const code of codes.valid) this.evaluateCode(code);
    } else if (codes.valid.length > 0) {
      this.reasons.push(
        `HS codes ${codes.valid.join(', ')} are screened only for supply_to_dprk or procurement_from_dprk, not for ${this.activity.direction}`,
      );
    }
    this.evaluateStructure(codes.valid, codes.invalidCount);
    this.evaluateKeywords(keywords);
    this.applyCarveOuts();
    if (this.firings.size === 0 && !(goodsDirection && codes.valid.length > 0) && this.extra.length === 0) {
      this.flag('Nothing classifiable: no HS codes for a goods direction, and no structure or activity keyword that a rule covers');
    }
    return this.result();
  }

  private flag(reason: string): void {
    this.reasons.push(reason);
    this.extra.push('review');
  }

  private readCodes(): { valid: string[]; invalidCount: number } {
    const valid = new Set<string>();
    let invalidCount = 0;
    for (const raw of this.activity.hsCodes) {
      const code = normaliseHsCode(raw);
      if (isClassifiableHsCode(code)) valid.add(code);
      else {
        invalidCount += 1;
        this.flag(`HS code "${raw}" is not a valid 2-, 4- or 6-digit HS code and cannot be classified`);
      }
    }
    return { valid: [...valid], invalidCount };
  }

  private fire(rule: SanctionsRule, via: string, hsCode?: string): void {
    const firing = this.firings.get(rule.id) ?? { rule, hsCodes: new Set<string>(), via: [] };
    if (hsCode !== undefined) firing.hsCodes.add(hsCode);
    firing.via.push(via);
    this.firings.set(rule.id, firing);
  }

  private evaluateCode(code: string): void {
    const candidates = this.ruleSet.rules.filter(
      (rule) =>
        isGoodsRule(rule) &&
        (rule.direction as string[]).includes(this.activity.direction) &&
        applies(rule, this.context),
    );
    const matching = candidates.filter((rule) => rule.hsCodes.some((ruleCode) => hsCodeCovers(ruleCode, code)));
    const measured = matching.filter((rule) => rule.verdict !== 'review');
    const covering = measured.length > 0 ? measured : matching;
    const partial = candidates.filter(
      (rule) => !matching.includes(rule) && rule.hsCodes.some((ruleCode) => hsCodeOverlapsPartly(ruleCode, code)),
    );
    for (const rule of covering) this.fire(rule, `HS ${code}`, code);
    for (const rule of partial) {
      this.flag(
        `HS ${code} is broader than ${rule.id} (${citation(rule)}, ${rule.verdict}), which covers ${rule.hsCodes.filter((c) => hsCodeOverlapsPartly(c, code)).join(', ')}: declare a more specific code`,
      );
    }
    if (covering.length === 0 && partial.length === 0) {
      const reason = this.ruleSet.unmatchedReason ? ` ${this.ruleSet.unmatchedReason}` : '';
      this.reasons.push(`HS ${code}: no rule covers it for ${this.activity.direction} → ${this.ruleSet.unmatchedVerdict}.${reason}`);
      this.extra.push(this.ruleSet.unmatchedVerdict);
    }
  }

  private evaluateStructure(codes: string[], invalidCount: number): void {
    const kinds = new Set<RuleStructure>();
    if (this.activity.structure === 'joint_venture') kinds.add('joint_venture');
    if (this.activity.structure === 'investment' || this.activity.direction === 'investment') kinds.add('investment');
    if (kinds.size === 0) return;
    for (const rule of this.ruleSet.rules) {
      if (!rule.structures?.some((structure) => kinds.has(structure)) || !applies(rule, this.context)) continue;
      const goodsBound = rule.hsCodes.length > 0;
      const allCovered =
        codes.length > 0 && invalidCount === 0 && codes.every((code) => rule.hsCodes.some((r) => hsCodeCovers(r, code)));
      if (goodsBound && !allCovered) continue;
      this.fire(rule, `structure ${[...kinds].join('/')}`);
    }
  }

  private evaluateKeywords(keywords: Set<string>): void {
    if (keywords.size === 0) return;
    const known = new Set(this.ruleSet.rules.flatMap((rule) => rule.activities ?? []));
    for (const keyword of keywords) {
      if (!known.has(keyword)) this.flag(`Activity "${keyword}" is not known to rule set ${this.ruleSet.version}`);
    }
    for (const rule of this.ruleSet.rules) {
      const matched = rule.activities?.filter((activity) => keywords.has(activity)) ?? [];
      if (matched.length > 0 && applies(rule, this.context)) this.fire(rule, `activity ${matched.join(', ')}`);
    }
  }

  private applyCarveOuts(): void {
    for (const carver of [...this.firings.values()]) {
      for (const targetId of carver.rule.carvesOut ?? []) {
        const target = this.firings.get(targetId);
        if (!target) continue;
        if (isGoodsRule(target.rule) && isGoodsRule(carver.rule)) {
          const setAside = [...target.hsCodes].filter((code) => carver.hsCodes.has(code));
          for (const code of setAside) target.hsCodes.delete(code);
          if (setAside.length > 0) {
            this.reasons.push(`${target.rule.id} set aside for HS ${setAside.join(', ')} by ${carver.rule.id}`);
          }
          if (target.hsCodes.size === 0) this.firings.delete(targetId);
        } else {
          this.firings.delete(targetId);
          this.reasons.push(`${target.rule.id} set aside by ${carver.rule.id}`);
        }
      }
    }
  }

  private result(): RuleEvaluation {
    const firings = [...this.firings.values()].sort(
      (a, b) => VERDICT_ORDER.indexOf(b.rule.verdict) - VERDICT_ORDER.indexOf(a.rule.verdict),
    );
    const ruleReasons = firings.map(
      ({ rule, via }) =>
        `${rule.id} (${citation(rule)}; ${evidenceNote(rule)}) applies to ${[...new Set(via)].join('; ')}: ${rule.title} → ${rule.verdict}`,
    );
    return {
      verdict: combineVerdicts('clear', ...firings.map((firing) => firing.rule.verdict), ...this.extra),
      rules: firings.map(cite),
      reasons: [...ruleReasons, ...this.reasons],
      ruleSetVersion: this.ruleSet.version,
    };
  }
}

function cite({ rule, hsCodes }: Firing): CitedRule {
  const cited: CitedRule = {
    id: rule.id,
    title: rule.title,
    resolution: rule.resolution,
    paragraph: rule.paragraph,
    verdict: rule.verdict,
    evidence: rule.evidence,
    verified: rule.verified && rule.evidence !== 'GK',
  };
  if (rule.exemptionPath !== null) cited.exemptionPath = rule.exemptionPath;
  if (rule.conditions && rule.conditions.length > 0) cited.conditions = [...rule.conditions];
  if (hsCodes.size > 0) cited.hsCodes = [...hsCodes];
  return cited;
}

/**
 * Screens one declared activity against the sectoral rules: goods by direction and hierarchical HS match,
 * joint-venture and investment structures whatever the goods, activity keywords, then carve-outs
 * (e.g. Rajin coal transit). The worst verdict wins; anything that cannot be classified is `review`.
 */
export function evaluateActivity(ruleSet: RuleSet, activity: Activity): RuleEvaluation {
  return new ActivityEvaluation(ruleSet, activity).run();
}
