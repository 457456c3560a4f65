import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  type Caller,
  type ComplianceView,
  type IntroductionStatus,
  type IntroductionView,
  type RequestIntroductionRequest,
  type ScreeningCompanyDto,
  type ScreeningOpportunityDto,
} from '#contracts';
import { DomainError } from '#platform';
import { AuditRepository, type NewAuditEntry } from '../audit/audit.repository.js';
import { ScreeningService } from '../screening/screening.service.js';

interface IntroductionRow {
  id: string;
  match_id: string;
  company_id: string;
  opportunity_id: string;
  partner_id: string;
  status: IntroductionStatus;
  compliance: ComplianceView;
  inputs: { company: ScreeningCompanyDto; opportunity: ScreeningOpportunityDto };
  exemption_reference: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/**
 * Introductions: the only way to a counterparty's contact. The match is screened again when asked:
 * `prohibited` is refused (451) with its rules, `review` and `exemption_required` wait for an admin,
 * only `clear` is granted at once. Every request and decision is audited in the same transaction.
 */
@Injectable()
export class IntroductionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly screening: ScreeningService,
    private readonly audit: AuditRepository,
  ) {}

  async request(req: RequestIntroductionRequest): Promise<IntroductionView> {
    const compliance = this.screening.screenPair(req.company, req.opportunity);
    const inputs = { company: req.company, opportunity: req.opportunity };
    const entry = (kind: string): NewAuditEntry => ({
      kind,
      verdict: compliance.verdict,
      ruleIds: compliance.rules.map((r) => r.id),
      listReferences: [...new Set(compliance.listHits.map((h) => h.referenceNumber))],
      listVersion: compliance.listVersion,
      rulesVersion: compliance.rulesVersion,
      actor: `partner:${req.partnerId}`,
      inputs: { matchId: req.matchId, ...inputs },
      details: { reasons: compliance.reasons },
    });
    if (compliance.verdict === 'prohibited') {
      await this.audit.append([entry('introduction.refused.prohibited')]);
      throw new DomainError(ErrorCode.PROHIBITED, 'The UN DPRK sanctions regime prohibits this introduction', {
        verdict: compliance.verdict,
        rules: compliance.rules,
        listHits: compliance.listHits,
        reasons: compliance.reasons,
      });
    }
    const status: IntroductionStatus = compliance.verdict === 'clear' ? 'granted' : 'pending';
    const id = await this.dataSource.transaction(async (m) => {
      // TypeORM answers INSERT … RETURNING with the rows alone.
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO screening.introduction (id, match_id, company_id, opportunity_id, partner_id, status, compliance, inputs, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (match_id, partner_id) WHERE status IN ('pending', 'granted') DO NOTHING RETURNING id`,
        [randomUUID(), req.matchId, req.company.id, req.opportunity.id, req.partnerId, status, JSON.stringify(compliance), JSON.stringify(inputs),
          status === 'granted' ? 'screening' : null, status === 'granted' ? new Date() : null],
      );
      if (!inserted.length) return undefined;
      const created = inserted[0].id;
      await this.audit.append([{ ...entry(status === 'granted' ? 'introduction.granted' : 'introduction.held'), details: { introductionId: created, reasons: compliance.reasons } }], m);
      return created;
    });
    return this.find(id ?? (await this.openFor(req.matchId, req.partnerId)));
  }

  /** The open (pending or granted) introduction of a match for a partner. */
  private async openFor(matchId: string, partnerId: string): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM screening.introduction WHERE match_id = $1 AND partner_id = $2 AND status IN ('pending', 'granted')`,
      [matchId, partnerId],
    );
    if (!rows.length) throw new DomainError(ErrorCode.CONFLICT, `The introduction to match ${matchId} changed while it was asked for; ask again`);
    return rows[0].id;
  }

  async get(caller: Caller, id: string): Promise<IntroductionView> {
    const view = await this.find(id);
    if (!caller.admin && view.partnerId !== caller.partnerId) throw DomainError.notFound('Introduction', id);
    return view;
  }

  async list(caller: Caller, status: IntroductionStatus | undefined, limit = 50): Promise<IntroductionView[]> {
    const rows: IntroductionRow[] = await this.dataSource.query(
      `SELECT * FROM screening.introduction WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR partner_id = $2)
        ORDER BY created_at DESC LIMIT $3`,
      [status ?? null, caller.admin ? null : caller.partnerId, limit],
    );
    return rows.map(toView);
  }

  async decide(id: string, approve: boolean, actor: string, exemptionReference?: string, note?: string): Promise<IntroductionView> {
    const current = await this.find(id);
    if (current.status !== 'pending') throw new DomainError(ErrorCode.CONFLICT, `Introduction ${id} is already ${current.status}`);
    const row = await this.row(id);
    const compliance = this.screening.screenPair(row!.inputs.company, row!.inputs.opportunity);
    if (approve) {
      if (compliance.verdict === 'prohibited') {
        await this.audit.append([this.decisionEntry(current, compliance, actor, 'introduction.approval.refused.prohibited', exemptionReference, note)]);
        throw new DomainError(ErrorCode.PROHIBITED, 'Screened again, this match is now prohibited: it cannot be approved', {
          rules: compliance.rules,
          listHits: compliance.listHits,
          reasons: compliance.reasons,
        });
      }
      if (compliance.verdict === 'exemption_required' && !exemptionReference) {
        throw DomainError.validation([{ field: 'exemptionReference', reason: 'a 1718 Committee exemption reference is required to approve this introduction' }]);
      }
    }
    const status: IntroductionStatus = approve ? 'granted' : 'refused';
    await this.dataSource.transaction(async (m) => {
      // For UPDATE … RETURNING, TypeORM answers [rows, affected count].
      const [updated]: [unknown[], number] = await m.query(
        `UPDATE screening.introduction SET status = $2, compliance = $3, exemption_reference = $4, decision_note = $5, decided_by = $6, decided_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id, status, JSON.stringify(compliance), exemptionReference ?? null, note ?? null, actor],
      );
      if (!updated.length) {
        throw new DomainError(ErrorCode.CONFLICT, `Introduction ${id} was decided concurrently`);
      }
      await this.audit.append([this.decisionEntry(current, compliance, actor, `introduction.${status}`, exemptionReference, note)], m);
    });
    return this.find(id);
  }

  private decisionEntry(v: IntroductionView, c: ComplianceView, actor: string, kind: string, exemptionReference?: string, note?: string): NewAuditEntry {
    return {
      kind,
      verdict: c.verdict,
      ruleIds: c.rules.map((r) => r.id),
      listReferences: [...new Set(c.listHits.map((h) => h.referenceNumber))],
      listVersion: c.listVersion,
      rulesVersion: c.rulesVersion,
      actor,
      inputs: { introductionId: v.id, matchId: v.matchId, companyId: v.companyId, opportunityId: v.opportunityId },
      details: { exemptionReference: exemptionReference ?? null, note: note ?? null, reasons: c.reasons },
    };
  }

  private async row(id: string): Promise<IntroductionRow | undefined> {
    const rows: IntroductionRow[] = await this.dataSource.query(`SELECT * FROM screening.introduction WHERE id = $1`, [id]);
    return rows[0];
  }

  private async find(id: string): Promise<IntroductionView> {
    const row = await this.row(id);
    if (!row) throw DomainError.notFound('Introduction', id);
    return toView(row);
  }
}

function toView(r: IntroductionRow): IntroductionView {
  return {
    id: r.id,
    matchId: r.match_id,
    companyId: r.company_id,
    opportunityId: r.opportunity_id,
    partnerId: r.partner_id,
    status: r.status,
    compliance: r.compliance,
    exemptionReference: r.exemption_reference,
    decisionNote: r.decision_note,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
