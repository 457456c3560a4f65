import type { HealthReply } from './common/health.js';
import { companyPartition } from './events.js';
import type { CursorPage, ListPage, SectorId } from './common/domain.js';
import type {
  CreateWebhookRequest,
  ListWebhookDeliveriesRequest,
  ListWebhooksRequest,
  WebhookByIdRequest,
  WebhookDeletedReply,
  WebhookDeliveryView,
  WebhookSecretReply,
  WebhookView,
} from './companies/webhooks.messages.js';
import type {
  AuthenticatePartnerRequest,
  CompanyByIdRequest,
  CompanyDeletedReply,
  CreateCompanyRequest,
  CreatePartnerRequest,
  ListCompaniesRequest,
  PartnerCreatedReply,
  PartnerView,
  UpdateCompanyRequest,
} from './companies/companies.messages.js';
import type { CompanyView } from './companies/company-profile.dto.js';
import type {
  AppendImportRowsRequest,
  FinishImportRequest,
  GetImportRequest,
  ListImportsRequest,
  ImportReply,
  ImportView,
  StartImportRequest,
} from './companies/imports.messages.js';
import type {
  CreateOpportunityRequest,
  ListOpportunitiesRequest,
  OpportunityByIdRequest,
  OpportunityDeletedReply,
  SectorView,
  UpdateOpportunityRequest,
} from './sectors/sectors.messages.js';
import type { OpportunitySummary, OpportunityView } from './sectors/opportunity.dto.js';
import type {
  AuditPage,
  AuditVerifyReply,
  DecideIntroductionRequest,
  HeldIntroductionView,
  IntroductionByIdRequest,
  IntroductionView,
  ListAuditRequest,
  ListIntroductionsRequest,
  NameCheckReply,
  NameCheckRequest,
  RequestIntroductionRequest,
  RulesReply,
  VersionsChangedEvent,
  VersionsReply,
} from './screening/screening.messages.js';
import type {
  DecideListCandidateRequest,
  ListRefreshReply,
  ListStatusReply,
  ListVersionView,
  ListVersionsRequest,
} from './screening/sanctions-list.messages.js';
import type {
  MatchByIdRequest,
  CompanyMatchesRequest,
  EchoRequest,
  ForgetCompanyRequest,
  MatchList,
  MatchView,
  MatchingStatusReply,
  ListDeadLettersRequest,
  ReplayDeadLetterRequest,
  DeadLetterPage,
  OpportunityMatchesRequest,
  PreviewRequest,
  PresentMatchesRequest,
} from './matching/matching.messages.js';
import type { ScreenPartiesReply, ScreenPartiesRequest } from './screening/party-decision.messages.js';
import type { AuthenticateOfficerRequest, CreateOfficerRequest, OfficerByIdRequest, OfficerCreatedReply, OfficerView } from './companies/officers.messages.js';
import type {
  CreateDismissalRequest,
  DismissalByIdRequest,
  DismissalChangesReply,
  DismissalChangesRequest,
  DismissalView,
  ListDismissalsRequest,
} from './screening/dismissals.messages.js';
import type { EvidenceRequest, ScreeningEvidence } from './screening/evidence.messages.js';

/** NATS subjects of the companies service: `<service>.v<N>.<entity>.<action>`. */
export const CompaniesSubjects = {
  partnerCreate: 'companies.v1.partner.create',
  partnerAuthenticate: 'companies.v1.partner.authenticate',
  officerCreate: 'companies.v1.officer.create',
  officerList: 'companies.v1.officer.list',
  officerAuthenticate: 'companies.v1.officer.authenticate',
  officerRevoke: 'companies.v1.officer.revoke',
  companyCreate: 'companies.v1.company.create',
  companyValidate: 'companies.v1.company.validate',
  companyGet: 'companies.v1.company.get',
  companyList: 'companies.v1.company.list',
  companyUpdate: 'companies.v1.company.update',
  companyDelete: 'companies.v1.company.delete',
  importStart: 'companies.v1.import.start',
  importAppend: 'companies.v1.import.append',
  importFinish: 'companies.v1.import.finish',
  importGet: 'companies.v1.import.get',
  importList: 'companies.v1.import.list',
  webhookCreate: 'companies.v1.webhook.create',
  webhookList: 'companies.v1.webhook.list',
  webhookGet: 'companies.v1.webhook.get',
  webhookDelete: 'companies.v1.webhook.delete',
  webhookRotateSecret: 'companies.v1.webhook.rotate-secret',
  webhookEnable: 'companies.v1.webhook.enable',
  webhookDeliveries: 'companies.v1.webhook-delivery.list',
  healthCheck: 'companies.v1.health.check',
} as const;

/** NATS subjects of one sector module; each sector may run as its own process. */
export function sectorSubjects<S extends SectorId>(sector: S) {
  return {
    describe: `sectors.v1.${sector}.describe`,
    opportunityCreate: `sectors.v1.${sector}.opportunity.create`,
    opportunityGet: `sectors.v1.${sector}.opportunity.get`,
    opportunityList: `sectors.v1.${sector}.opportunity.list`,
    opportunityUpdate: `sectors.v1.${sector}.opportunity.update`,
    opportunityDelete: `sectors.v1.${sector}.opportunity.delete`,
    healthCheck: `sectors.v1.${sector}.health.check`,
  } as const;
}

/**
 * Matching's subjects any replica answers (one NATS queue group). A company's own reads go to its
 * partition's subjects instead (`matchingPartitionSubjects`).
 */
export const MatchingSubjects = {
  /** One match: read from the shared table, presented by the owner of its company's partition. */
  matchGet: 'matching.v1.match.get',
  echo: 'matching.v1.echo',
  /** The reverse view: read from the shared table, each company's matches presented by its partition's owner. */
  opportunityMatches: 'matching.v1.opportunity-matches.list',
  preview: 'matching.v1.preview.run',
  /** Every replica's status, summed (each replica's own is in `replicas`). */
  status: 'matching.v1.status.get',
  /** Events matching could not apply after every retry, parked in the dead-letter stream. */
  deadLetterList: 'matching.v1.dead-letters.list',
  /** Publishes a parked event again, for matching to take it once more. */
  deadLetterReplay: 'matching.v1.dead-letter.replay',
  /** Keeps an introduction request while screening cannot answer; matching sends it on when it can. */
  introductionHold: 'matching.v1.introduction.hold',
  healthCheck: 'matching.v1.health.check',
} as const;

/**
 * The subjects of one company partition (`companyPartition(id)`), answered only by the matching
 * replica that owns it: replica p mod MATCHING_REPLICAS. Replica i owns partition i, so
 * `status` of partition i is replica i's own.
 */
export function matchingPartitionSubjects(partition: number) {
  return {
    companyMatches: `matching.v1.company-matches.list.${partition}`,
    /** A company was just deleted: its matches are hidden at once, before its removal comes through the event log. */
    companyForget: `matching.v1.company.forget.${partition}`,
    /** Stored matches of the partition's companies, explained and with their verdicts. */
    matchesPresent: `matching.v1.matches.present.${partition}`,
    status: `matching.v1.replica-status.get.${partition}`,
  } as const;
}

/** The partition subjects of a company's partition: where its reads go. */
export function matchingSubjectsOf(companyId: string) {
  return matchingPartitionSubjects(companyPartition(companyId));
}

type PartitionRequests = {
  [K in `matching.v1.company-matches.list.${number}`]: Rpc<Plain<CompanyMatchesRequest>, MatchList>;
} & { [K in `matching.v1.company.forget.${number}`]: Rpc<Plain<ForgetCompanyRequest>, { id: string }> } & {
  [K in `matching.v1.matches.present.${number}`]: Rpc<Plain<PresentMatchesRequest>, MatchList>;
} & { [K in `matching.v1.replica-status.get.${number}`]: Rpc<Record<string, never>, MatchingStatusReply> };

export const ScreeningSubjects = {
  /** Each company's and each opportunity's decision, screened once per party, list and rules version. */
  partiesScreen: 'screening.v1.parties.screen',
  nameCheck: 'screening.v1.name.check',
  listGet: 'screening.v1.list.get',
  listRefresh: 'screening.v1.list.refresh',
  /** Stored versions of the list with their SHA-256, newest first. */
  listVersions: 'screening.v1.list-versions.list',
  /** An admin confirms (puts in force) or rejects the held candidate list. */
  listCandidateDecide: 'screening.v1.list-candidate.decide',
  versionsGet: 'screening.v1.versions.get',
  rulesGet: 'screening.v1.rules.get',
  versionsChanged: 'screening.v1.versions.changed',
  introductionRequest: 'screening.v1.introduction.request',
  introductionGet: 'screening.v1.introduction.get',
  introductionList: 'screening.v1.introduction.list',
  introductionDecide: 'screening.v1.introduction.decide',
  auditList: 'screening.v1.audit.list',
  /** A compliance officer records that a party's possible hit is not a match. */
  dismissalCreate: 'screening.v1.dismissal.create',
  dismissalGet: 'screening.v1.dismissal.get',
  dismissalList: 'screening.v1.dismissal.list',
  /** The parties whose dismissals changed after a change number: matching screens them again. */
  dismissalChanges: 'screening.v1.dismissal-changes.list',
  /** Files, decisions, dismissals and approvals behind one match's verdict. */
  evidenceGet: 'screening.v1.evidence.get',
  /** Recomputes the audit log's hash chain. */
  auditVerify: 'screening.v1.audit.verify',
  healthCheck: 'screening.v1.health.check',
} as const;

type Rpc<Req, Reply> = { request: Req; reply: Reply };
type Plain<T> = { [K in keyof T]: T[K] };

type SectorRequests<S extends SectorId> = {
  [K in `sectors.v1.${S}.describe`]: Rpc<Record<string, never>, SectorView>;
} & { [K in `sectors.v1.${S}.opportunity.create`]: Rpc<Plain<CreateOpportunityRequest>, OpportunityView> } & {
  [K in `sectors.v1.${S}.opportunity.get`]: Rpc<Plain<OpportunityByIdRequest>, OpportunityView | OpportunitySummary>;
} & { [K in `sectors.v1.${S}.opportunity.list`]: Rpc<Plain<ListOpportunitiesRequest>, ListPage<OpportunitySummary>> } & {
  [K in `sectors.v1.${S}.opportunity.update`]: Rpc<Plain<UpdateOpportunityRequest>, OpportunityView>;
} & { [K in `sectors.v1.${S}.opportunity.delete`]: Rpc<Plain<OpportunityByIdRequest>, OpportunityDeletedReply> } & {
  [K in `sectors.v1.${S}.health.check`]: Rpc<Record<string, never>, HealthReply>;
};

/** Every request subject with the payload it takes and the reply it gives: a wrong payload fails to compile. */
export type RequestMap = {
  [CompaniesSubjects.partnerCreate]: Rpc<Plain<CreatePartnerRequest>, PartnerCreatedReply>;
  [CompaniesSubjects.partnerAuthenticate]: Rpc<Plain<AuthenticatePartnerRequest>, PartnerView>;
  [CompaniesSubjects.officerCreate]: Rpc<Plain<CreateOfficerRequest>, OfficerCreatedReply>;
  [CompaniesSubjects.officerList]: Rpc<Record<string, never>, OfficerView[]>;
  [CompaniesSubjects.officerAuthenticate]: Rpc<Plain<AuthenticateOfficerRequest>, OfficerView>;
  [CompaniesSubjects.officerRevoke]: Rpc<Plain<OfficerByIdRequest>, OfficerView>;
  [CompaniesSubjects.companyCreate]: Rpc<Plain<CreateCompanyRequest>, CompanyView>;
  [CompaniesSubjects.companyValidate]: Rpc<Plain<CreateCompanyRequest>, CompanyView>;
  [CompaniesSubjects.companyGet]: Rpc<Plain<CompanyByIdRequest>, CompanyView>;
  [CompaniesSubjects.companyList]: Rpc<Plain<ListCompaniesRequest>, ListPage<CompanyView>>;
  [CompaniesSubjects.companyUpdate]: Rpc<Plain<UpdateCompanyRequest>, CompanyView>;
  [CompaniesSubjects.companyDelete]: Rpc<Plain<CompanyByIdRequest>, CompanyDeletedReply>;
  [CompaniesSubjects.importStart]: Rpc<Plain<StartImportRequest>, ImportView>;
  [CompaniesSubjects.importAppend]: Rpc<Plain<AppendImportRowsRequest>, { id: string; received: number }>;
  [CompaniesSubjects.importFinish]: Rpc<Plain<FinishImportRequest>, ImportView>;
  [CompaniesSubjects.importGet]: Rpc<Plain<GetImportRequest>, ImportReply>;
  [CompaniesSubjects.importList]: Rpc<Plain<ListImportsRequest>, CursorPage<ImportView>>;
  [CompaniesSubjects.webhookCreate]: Rpc<Plain<CreateWebhookRequest>, WebhookSecretReply>;
  [CompaniesSubjects.webhookList]: Rpc<Plain<ListWebhooksRequest>, CursorPage<WebhookView>>;
  [CompaniesSubjects.webhookGet]: Rpc<Plain<WebhookByIdRequest>, WebhookView>;
  [CompaniesSubjects.webhookDelete]: Rpc<Plain<WebhookByIdRequest>, WebhookDeletedReply>;
  [CompaniesSubjects.webhookRotateSecret]: Rpc<Plain<WebhookByIdRequest>, WebhookSecretReply>;
  [CompaniesSubjects.webhookEnable]: Rpc<Plain<WebhookByIdRequest>, WebhookView>;
  [CompaniesSubjects.webhookDeliveries]: Rpc<Plain<ListWebhookDeliveriesRequest>, CursorPage<WebhookDeliveryView>>;
  [CompaniesSubjects.healthCheck]: Rpc<Record<string, never>, HealthReply>;
  [MatchingSubjects.matchGet]: Rpc<Plain<MatchByIdRequest>, MatchView>;
  [MatchingSubjects.echo]: Rpc<Plain<EchoRequest>, { service: string; filler?: string }>;
  [ScreeningSubjects.partiesScreen]: Rpc<Plain<ScreenPartiesRequest>, ScreenPartiesReply>;
  [ScreeningSubjects.nameCheck]: Rpc<Plain<NameCheckRequest>, NameCheckReply>;
  [ScreeningSubjects.listGet]: Rpc<Record<string, never>, ListStatusReply>;
  [ScreeningSubjects.listRefresh]: Rpc<Record<string, never>, ListRefreshReply>;
  [ScreeningSubjects.listVersions]: Rpc<Plain<ListVersionsRequest>, ListVersionView[]>;
  [ScreeningSubjects.listCandidateDecide]: Rpc<Plain<DecideListCandidateRequest>, ListStatusReply>;
  [ScreeningSubjects.versionsGet]: Rpc<Record<string, never>, VersionsReply>;
  [ScreeningSubjects.rulesGet]: Rpc<Record<string, never>, RulesReply>;
  [ScreeningSubjects.introductionRequest]: Rpc<Plain<RequestIntroductionRequest>, IntroductionView>;
  [ScreeningSubjects.introductionGet]: Rpc<Plain<IntroductionByIdRequest>, IntroductionView>;
  [ScreeningSubjects.introductionList]: Rpc<Plain<ListIntroductionsRequest>, CursorPage<IntroductionView>>;
  [ScreeningSubjects.introductionDecide]: Rpc<Plain<DecideIntroductionRequest>, IntroductionView>;
  [ScreeningSubjects.auditList]: Rpc<Plain<ListAuditRequest>, AuditPage>;
  [ScreeningSubjects.dismissalCreate]: Rpc<Plain<CreateDismissalRequest>, DismissalView>;
  [ScreeningSubjects.dismissalGet]: Rpc<Plain<DismissalByIdRequest>, DismissalView>;
  [ScreeningSubjects.dismissalList]: Rpc<Plain<ListDismissalsRequest>, DismissalView[]>;
  [ScreeningSubjects.dismissalChanges]: Rpc<Plain<DismissalChangesRequest>, DismissalChangesReply>;
  [ScreeningSubjects.evidenceGet]: Rpc<Plain<EvidenceRequest>, ScreeningEvidence>;
  [ScreeningSubjects.auditVerify]: Rpc<Record<string, never>, AuditVerifyReply>;
  [ScreeningSubjects.healthCheck]: Rpc<Record<string, never>, HealthReply>;
  [MatchingSubjects.opportunityMatches]: Rpc<Plain<OpportunityMatchesRequest>, MatchList>;
  [MatchingSubjects.preview]: Rpc<Plain<PreviewRequest>, MatchList>;
  [MatchingSubjects.status]: Rpc<Record<string, never>, MatchingStatusReply>;
  [MatchingSubjects.deadLetterList]: Rpc<Plain<ListDeadLettersRequest>, DeadLetterPage>;
  [MatchingSubjects.deadLetterReplay]: Rpc<Plain<ReplayDeadLetterRequest>, { seq: number; replayed: true }>;
  [MatchingSubjects.introductionHold]: Rpc<Plain<RequestIntroductionRequest>, HeldIntroductionView>;
  [MatchingSubjects.healthCheck]: Rpc<Record<string, never>, HealthReply>;
} & SectorRequests<SectorId> &
  PartitionRequests;

export type RequestSubject = keyof RequestMap;
export type RequestOf<S extends RequestSubject> = RequestMap[S]['request'];
export type ReplyOf<S extends RequestSubject> = RequestMap[S]['reply'];

/**
 * Every core NATS event subject with its payload: hints, at most once, that something may be
 * worth a look. The durable events are in events.ts, on the event log.
 */
export type EventMap = {
  [ScreeningSubjects.versionsChanged]: VersionsChangedEvent;
};

export type EventSubject = keyof EventMap;
