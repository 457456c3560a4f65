import { Injectable } from '@nestjs/common';
import type { EvidenceRequest, ScreeningEvidence } from '#contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { DismissalsService } from '../dismissals/dismissals.service.js';
import { DESIGNATED_AT, POSSIBLE_AT } from '../domain/screening/match-verdict.js';
import { IntroductionsService } from '../introductions/introductions.service.js';
import { ListVersionsRepository } from '../list/list-versions.repository.js';
import { RuleSetProvider } from '../rules/rule-set.provider.js';
import { matcherVersion } from './matcher-version.js';

/**
 * What screening holds about one match's verdict: the list file (version and SHA-256) and rules
 * file its decisions were made under, the matcher's version, both party decisions as audited
 * (inputs and outcome), every dismissal of either party and every introduction of the match with
 * its approvals.
 */
@Injectable()
export class EvidenceService {
  private readonly matcher = matcherVersion();

  constructor(
    private readonly audit: AuditRepository,
    private readonly versions: ListVersionsRepository,
    private readonly rules: RuleSetProvider,
    private readonly dismissals: DismissalsService,
    private readonly introductions: IntroductionsService,
  ) {}

  async evidence(req: EvidenceRequest): Promise<ScreeningEvidence> {
    const [company, opportunity] = await Promise.all([this.decision(req.companyDecisionId), this.decision(req.opportunityDecisionId)]);
    const listVersion = company?.listVersion ?? opportunity?.listVersion ?? null;
    const rulesVersion = opportunity?.rulesVersion ?? company?.rulesVersion ?? this.rules.ruleSet().version;
    const file = listVersion ? (await this.versions.list({ version: listVersion, limit: 1 }))[0] : undefined;
    return {
      list: listVersion ? { version: listVersion, sha256: file?.sha256 ?? null, generatedAt: file?.generatedAt ?? null } : null,
      rules: { version: rulesVersion, sha256: rulesVersion === this.rules.ruleSet().version ? this.rules.sha256 : null },
      matcher: { version: this.matcher, possibleAt: POSSIBLE_AT, designatedAt: DESIGNATED_AT },
      decisions: { company, opportunity },
      dismissals: await this.dismissals.ofSubjects([req.companyId, req.opportunityId]),
      introductions: await this.introductions.ofMatch(req.matchId),
    };
  }

  private async decision(id: string) {
    if (id.startsWith('unscreened_')) return null;
    return (await this.audit.list(0, 1, undefined, id)).items[0] ?? null;
  }
}
