import { combineVerdicts, evaluateActivity, type Activity, type CitedRule, type RuleEvaluation, type RuleSet, type Verdict } from '../rules/index.js';
import type { ListEntry } from '../list/index.js';
import type { NameIndex, NameSearchHit } from '../names/name-index.js';
import type { TokenMatch } from '../names/name-comparison.js';
import { assessEvidence, type SecondaryEvidence } from './secondary-evidence.js';

/** At or above this name score a party is taken to be the listed person or entity: the match is prohibited. */
export const DESIGNATED_AT = 0.9;
/** At or above this score (and below DESIGNATED_AT) a party may be listed: a human reviews it. */
export const POSSIBLE_AT = 0.7;

export type PartyRole = 'company' | 'owner' | 'director' | 'counterparty';

export interface PartyHit {
  party: PartyRole;
  name: string;
  referenceNumber: string;
  listedName: string;
  nameKind: string;
  type: 'individual' | 'entity';
  regime: string;
  /** The score after secondary evidence: the name's score plus the evidence's adjustment. */
  score: number;
  strength: 'designated' | 'possible';
  explanation: string;
  /** The name's own score, when secondary evidence changed it. */
  nameScore?: number;
  /** What the date of birth and nationality given made of the hit, one line each. */
  evidence?: string[];
}

/** A name's hits, and the entries its name matched that secondary evidence demoted below POSSIBLE_AT. */
export interface NameScreen<H> {
  hits: H[];
  demoted: H[];
}

export interface OpportunityActivityInput {
  direction: 'supply_to_dprk' | 'procurement_from_dprk' | 'services' | 'investment';
  structure: 'contract' | 'joint_venture' | 'investment';
  hsCodes: string[];
  siteName: string;
  attributes: Record<string, unknown>;
}

export interface Decision {
  verdict: Verdict;
  rules: CitedRule[];
  listHits: PartyHit[];
  reasons: string[];
}

/** The loaded list: the index of every name and the entries behind it. */
export interface ListSnapshot {
  version: string;
  index: NameIndex;
  entries: Map<string, ListEntry>;
}

const DPRK_PORTS = /\b(rajin|rason|najin|sonbong|chongjin|nampo|nampho|hungnam|wonsan|haeju|songnim|kimchaek)\b/i;

/** Explains a name hit in one line: which tokens met which, and how. */
export function explainTokens(explanation: TokenMatch[]): string {
  return explanation
    .map((t) =>
      t.kind === 'unmatched'
        ? `${t.query ?? t.candidate} unmatched`
        : `${t.query}→${t.candidate} (${t.kind}${t.kind === 'exact' ? '' : ` ${t.similarity.toFixed(2)}`})`,
    )
    .join('; ');
}

/**
 * A name's hits in the list, best first, with explanations; hits below POSSIBLE_AT are not reported.
 * The date of birth and nationality given, if any, are weighed against each listed individual's
 * (see assessEvidence): a hit they demote below POSSIBLE_AT moves to `demoted`, with why. Evidence
 * never makes a hit the name does not make. A hit on a low-quality alias alone (the name is that
 * alias exactly) is at most `possible`.
 */
export function searchList(
  list: ListSnapshot,
  name: string,
  type?: 'individual' | 'entity',
  limit = 5,
  evidence: SecondaryEvidence = {},
): NameScreen<Omit<PartyHit, 'party' | 'name'>> {
  const found: NameSearchHit[] = list.index.search(name, { threshold: POSSIBLE_AT, limit, ...(type ? { type } : {}) });
  const weighed = hasEvidence(evidence);
  const hits: Omit<PartyHit, 'party' | 'name'>[] = [];
  const demoted: Omit<PartyHit, 'party' | 'name'>[] = [];
  for (const hit of found) {
    const entry = list.entries.get(hit.entryId)!;
    const nameScore = round3(hit.score);
    const assessed = weighed && entry.type === 'individual' ? assessEvidence(entry, evidence) : undefined;
    const score = assessed ? round3(Math.min(1, Math.max(0, hit.score + assessed.adjustment))) : nameScore;
    const designated = score >= DESIGNATED_AT && !hit.weakAlias;
    const notes = [...(hit.notes ?? []), ...(hit.weakAlias && score >= DESIGNATED_AT ? ['a low-quality alias alone is never taken as the listed person: review'] : [])];
    const view: Omit<PartyHit, 'party' | 'name'> = {
      referenceNumber: entry.referenceNumber,
      listedName: hit.matchedName,
      nameKind: hit.nameKind,
      type: entry.type,
      regime: entry.regime,
      score,
      strength: designated ? 'designated' : 'possible',
      explanation: [explainTokens(hit.explanation), ...notes].filter((x) => x !== '').join('; '),
      ...(assessed && assessed.notes.length ? { nameScore, evidence: assessed.notes } : {}),
    };
    (score >= POSSIBLE_AT ? hits : demoted).push(view);
  }
  hits.sort((a, b) => b.score - a.score || a.referenceNumber.localeCompare(b.referenceNumber));
  return { hits, demoted };
}

function hasEvidence(evidence: SecondaryEvidence): boolean {
  return evidence.dateOfBirth !== undefined || evidence.nationality !== undefined;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Screens one party's name: directors only against individuals, the company only against entities. */
export function screenParty(list: ListSnapshot, party: PartyRole, name: string, evidence: SecondaryEvidence = {}): NameScreen<PartyHit> {
  const type = party === 'director' ? 'individual' : party === 'company' ? 'entity' : undefined;
  const screened = searchList(list, name, type, 5, evidence);
  return {
    hits: screened.hits.map((hit) => ({ party, name, ...hit })),
    demoted: screened.demoted.map((hit) => ({ party, name, ...hit })),
  };
}

/**
 * The activity an opportunity declares, as the rules see it. The DPRK port it moves goods through
 * is named by its attributes or its site. Services that move goods are screened as goods moving
 * both into and out of the DPRK (the worse verdict of the two applies).
 */
export function activitiesOf(o: OpportunityActivityInput): Activity[] {
  const origin = typeof o.attributes.originCountry === 'string' ? o.attributes.originCountry : undefined;
  const declaredPort = typeof o.attributes.transitPort === 'string' ? o.attributes.transitPort : undefined;
  const transitPort = declaredPort ?? DPRK_PORTS.exec(o.siteName)?.[1];
  const base = {
    structure: o.structure,
    hsCodes: o.hsCodes,
    attributes: o.attributes,
    ...(origin ? { originCountry: origin } : {}),
    ...(transitPort ? { transitPort } : {}),
  };
  if (o.direction === 'services' && o.hsCodes.length > 0) {
    return [
      { ...base, direction: 'supply_to_dprk' },
      { ...base, direction: 'procurement_from_dprk' },
    ];
  }
  return [{ ...base, direction: o.direction }];
}

/** The sectoral verdict of an opportunity's activity under the rule set. */
export function evaluateOpportunity(rules: RuleSet, o: OpportunityActivityInput): RuleEvaluation {
  const evaluations = activitiesOf(o).map((a) => evaluateActivity(rules, a));
  if (evaluations.length === 1) return evaluations[0];
  const verdict = combineVerdicts(evaluations[0].verdict, ...evaluations.slice(1).map((e) => e.verdict));
  const worst = evaluations.filter((e) => e.verdict === verdict);
  const rulesById = new Map(worst.flatMap((e) => e.rules).map((r) => [r.id, r]));
  return {
    verdict,
    rules: [...rulesById.values()],
    reasons: [
      'services that move goods are screened as goods moving both into and out of the DPRK',
      ...new Set(worst.flatMap((e) => e.reasons)),
    ],
    ruleSetVersion: rules.version,
  };
}

/**
 * The verdict on one match: the worst of the sectoral verdict and the list screens of the company,
 * its owners and directors and the opportunity's counterparty. No list loaded means `review`, never `clear`.
 */
export function decide(sectoral: RuleEvaluation, partyHits: PartyHit[], listLoaded: boolean, demoted: PartyHit[] = []): Decision {
  const reasons = [...sectoral.reasons];
  const verdicts: Verdict[] = [sectoral.verdict];
  for (const hit of partyHits) {
    if (hit.strength === 'designated') {
      verdicts.push('prohibited');
      reasons.push(
        `${hit.party} "${hit.name}" is the listed ${hit.type} ${hit.referenceNumber} (${hit.listedName}, ${hit.regime} regime, score ${hit.score}): UN asset freeze`,
      );
    } else {
      verdicts.push('review');
      reasons.push(`${hit.party} "${hit.name}" may be the listed ${hit.type} ${hit.referenceNumber} (${hit.listedName}, score ${hit.score}): review`);
    }
    if (hit.evidence) reasons.push(`${hit.party} "${hit.name}" against ${hit.referenceNumber}: name score ${hit.nameScore}; ${hit.evidence.join('; ')}`);
  }
  for (const hit of demoted) {
    reasons.push(
      `${hit.party} "${hit.name}" is not taken for the listed ${hit.type} ${hit.referenceNumber} (${hit.listedName}): name score ${hit.nameScore}; ` +
        `${(hit.evidence ?? []).join('; ')}; ${hit.score} is below ${POSSIBLE_AT}`,
    );
  }
  if (!listLoaded) {
    verdicts.push('review');
    reasons.push('no sanctions list is loaded: names were not screened');
  }
  return { verdict: combineVerdicts(verdicts[0], ...verdicts.slice(1)), rules: sectoral.rules, listHits: partyHits, reasons };
}
