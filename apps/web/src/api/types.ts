// The console speaks the public REST API: its shapes are the contracts the gateway answers with.
// Types only: nothing of the services' code reaches the bundle.
export type {
  AuditEntryView,
  AuditPage,
  CompanyView,
  ComplianceRule,
  CriterionId,
  CriterionScore,
  DecisionRef,
  HeldIntroductionView,
  IntroductionView,
  ListedMatch,
  ListHit,
  ListStatusReply,
  MatchList,
  NameCheckReply,
  OpportunitySummary,
  OpportunityView,
  CursorPage,
  SectorId,
  SectorView,
  Verdict,
} from '#contracts';

import type { ComplianceRule, IntroductionView, ListHit } from '#contracts';

/** An introduction as its partner sees it: the counterparty's contact once granted. */
export type IntroductionResponse = IntroductionView & { counterparty?: { name: string; contact: string | null } };

/** The 451 body's details: the verdict and the rules that prohibit the introduction. */
export interface ProhibitedDetails {
  verdict: 'prohibited';
  rules: ComplianceRule[];
  listHits: ListHit[];
  reasons: string[];
}

// The enumerations are the contracts' own constants (a module without imports, so nothing else comes along).
export { DIRECTIONS, SECTOR_IDS, STRUCTURES } from '#contracts/domain';
