import { VERDICTS, type DecisionRef, type ListedCompliance, type PartyDecisionRecord, type PartyKind, type Verdict } from '#contracts';

/** A party's decision as matching holds it: what screening gave, or `review` while it has not answered. */
export interface PartyDecision extends PartyDecisionRecord {
  /** True when the screening service gave it. */
  screened: boolean;
}

/** A party's decision while the screening service has not answered for it: held for review, never clear. */
export function unscreenedDecision(kind: PartyKind, partyId: string, partyVersion: number, reason: string): PartyDecision {
  return {
    id: `unscreened_${kind === 'company' ? 'c' : 'o'}_${partyId}_${partyVersion}`,
    kind,
    partyId,
    partyVersion,
    verdict: 'review',
    ruleIds: [],
    listHits: [],
    reasons: [`not screened yet: ${reason}; held for review until the screening service answers`],
    listVersion: null,
    rulesVersion: null,
    decidedAt: new Date().toISOString(),
    screened: false,
  };
}

/** Whether a match with this party's decision is prohibited whatever the other party. */
export function bars(decision: PartyDecision): boolean {
  return decision.verdict === 'prohibited';
}

/** The worse of two verdicts (VERDICTS lists them worst first). */
export function worse(a: Verdict, b: Verdict): Verdict {
  return VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b;
}

/**
 * A match's verdict as listings show it (see matchCompliance), from the decisions held: a party with
 * none yet counts as `review`, as its unscreened decision does.
 */
export function matchVerdict(company: PartyDecision | undefined, opportunity: PartyDecision | undefined): Verdict {
  return worse(company?.verdict ?? 'review', opportunity?.verdict ?? 'review');
}

const refs = new WeakMap<PartyDecision, DecisionRef>();

/** A decision as matches cite it (made once per decision). */
export function decisionRef(d: PartyDecision): DecisionRef {
  let ref = refs.get(d);
  if (!ref) refs.set(d, (ref = refOf(d)));
  return ref;
}

function refOf(d: PartyDecision): DecisionRef {
  return {
    id: d.id,
    kind: d.kind,
    partyId: d.partyId,
    partyVersion: d.partyVersion,
    verdict: d.verdict,
    listVersion: d.listVersion,
    rulesVersion: d.rulesVersion,
    decidedAt: d.decidedAt,
    screened: d.screened,
  };
}

/**
 * A match's verdict: the worse of its company's and its opportunity's decisions, with the rules the
 * opportunity's cites, the list hits and reasons of both, and both decisions cited by id. A party
 * with nothing to say (the usual company: no hit) adds nothing, and the other's lists are shared.
 */
export function matchCompliance(company: PartyDecision, opportunity: PartyDecision): ListedCompliance {
  return {
    verdict: worse(company.verdict, opportunity.verdict),
    ruleIds: opportunity.ruleIds,
    listHits: company.listHits.length ? [...company.listHits, ...opportunity.listHits] : opportunity.listHits,
    reasons: company.reasons.length ? [...new Set([...opportunity.reasons, ...company.reasons])] : opportunity.reasons,
    listVersion: company.listVersion ?? opportunity.listVersion,
    rulesVersion: opportunity.rulesVersion ?? company.rulesVersion,
    screenedAt: company.decidedAt > opportunity.decidedAt ? company.decidedAt : opportunity.decidedAt,
    decisions: { company: company.id, opportunity: opportunity.id },
  };
}
