import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErrorCode,
  IntroductionEventType,
  type Caller,
  type ComplianceView,
  type DecideIntroductionRequest,
  type IntroductionApprovalView,
  type IntroductionDecidedEvent,
  type IntroductionStatus,
  type IntroductionView,
  type RequestIntroductionRequest,
  type ScreeningCompanyDto,
  type ScreeningOpportunityDto,
  type CursorPage,
} from '#contracts';
import { appendOutbox, CREATED_KEY, cursorPage, decodeCursor, DomainError, fitToBytes, IdempotencyKeys, OutboxWaker, requestHash } from '#platform';
import { AuditRepository, type NewAuditEntry } from '../audit/audit.repository.js';
import { SCREENING_SCHEMA } from '../database/screening-database.js';
import { ScreeningService } from '../screening/screening.service.js';

/** The outbox's own stream column for introduction events. */
const INTRODUCTIONS_OUTBOX_STREAM = 'introductions';

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

interface ApprovalRow {
  introduction_id: string;
  officer_id: string;
  officer_name: string;
  verdict: string;
  exemption_reference: string | null;
  note: string | null;
  approved_at: Date;
}

/** Approvals by different officers that granting an introduction takes under a verdict: four eyes for an exemption. */
export function approvalsRequired(verdict: string): number {
  return verdict === 'exemption_required' ? 2 : 1;
}

/**
 * Introductions: the only way to a counterparty's contact. The match is screened again when asked:
 * `prohibited` is refused (451) with its rules, `review` and `exemption_required` wait for officers,
 * only `clear` is granted at once. Every request and decision is audited in the same transaction.
 */
@Injectable()
export class IntroductionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly screening: ScreeningService,
    private readonly audit: AuditRepository,
    private readonly idempotency: IdempotencyKeys,
    private readonly waker: OutboxWaker,
  ) {}

  /**
   * With an idempotency key, the same key for the same match from the same partner within 24 h
   * is answered as the first time, from the key's row, written in the transaction that records
   * the introduction. A refusal (451) is not kept: asked again, the match is screened again.
   */
  async request(req: RequestIntroductionRequest): Promise<IntroductionView> {
    const view = await this.screenAndRecordOnce(req);
    // Committed: an introduction granted at once is published now rather than at the relay's next poll.
    if (view.status === 'granted') this.waker.wake();
    return view;
  }

  private async screenAndRecordOnce(req: RequestIntroductionRequest): Promise<IntroductionView> {
    if (!req.idempotencyKey) return this.screenAndRecord(req);
    const request = { partnerId: req.partnerId, key: req.idempotencyKey, requestHash: requestHash({ matchId: req.matchId }) };
    return (await this.idempotency.once(request, (db) => this.screenAndRecord(req, db))).response;
  }

  /** Screens the pair and records the introduction, in the transaction `within` when given. */
  private async screenAndRecord(req: RequestIntroductionRequest, within?: EntityManager): Promise<IntroductionView> {
    const compliance = await this.screening.screenPair(req.company, req.opportunity);
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
    const record = async (m: EntityManager): Promise<IntroductionView> => {
      // TypeORM answers INSERT … RETURNING with the rows alone.
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO screening.introduction (id, match_id, company_id, opportunity_id, partner_id, status, compliance, inputs, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (match_id, partner_id) WHERE status IN ('pending', 'granted') DO NOTHING RETURNING id`,
        [randomUUID(), req.matchId, req.company.id, req.opportunity.id, req.partnerId, status, JSON.stringify(compliance), JSON.stringify(inputs),
          status === 'granted' ? 'screening' : null, status === 'granted' ? new Date() : null],
      );
      if (!inserted.length) return this.find(await this.openFor(req.matchId, req.partnerId, m), m);
      const created = inserted[0].id;
      await this.audit.append([{ ...entry(status === 'granted' ? 'introduction.granted' : 'introduction.held'), details: { introductionId: created, reasons: compliance.reasons } }], m);
      const view = await this.find(created, m);
      // Granted at once (clear) is decided as much as an officer's grant: its partner is told the same way.
      if (view.status === 'granted') await this.announce(m, view);
      return view;
    };
    return within ? record(within) : this.dataSource.transaction(record);
  }

  /** The open (pending or granted) introduction of a match for a partner. */
  private async openFor(matchId: string, partnerId: string, db: DataSource | EntityManager): Promise<string> {
    const rows: { id: string }[] = await db.query(
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

  /** A page of introductions, newest first, by key: strictly before the last one the page before gave. */
  async list(caller: Caller, status: IntroductionStatus | undefined, limit = 50, after?: string): Promise<CursorPage<IntroductionView>> {
    const key = decodeCursor(after, CREATED_KEY);
    const rows: (IntroductionRow & { key_at: string })[] = await this.dataSource.query(
      `SELECT *, created_at::text AS key_at FROM screening.introduction
        WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR partner_id = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [status ?? null, caller.admin ? null : caller.partnerId, key?.[0] ?? null, key?.[1] ?? null, limit + 1],
    );
    const approvals = await this.approvalsOf(rows.slice(0, limit).map((r) => r.id));
    return cursorPage(rows, limit, (r) => [r.key_at, r.id], (r) => toView(r, approvals.get(r.id) ?? []), fitToBytes);
  }

  /** Every introduction of a match (for its evidence pack), newest first. */
  async ofMatch(matchId: string): Promise<IntroductionView[]> {
    const rows: IntroductionRow[] = await this.dataSource.query(`SELECT * FROM screening.introduction WHERE match_id = $1 ORDER BY created_at DESC LIMIT 50`, [matchId]);
    const approvals = await this.approvalsOf(rows.map((r) => r.id));
    return rows.map((r) => toView(r, approvals.get(r.id) ?? []));
  }

  private async approvalsOf(ids: string[], db: DataSource | EntityManager = this.dataSource): Promise<Map<string, ApprovalRow[]>> {
    const out = new Map<string, ApprovalRow[]>();
    if (!ids.length) return out;
    const rows: ApprovalRow[] = await db.query(
      `SELECT * FROM screening.introduction_approval WHERE introduction_id = ANY($1::uuid[]) ORDER BY approved_at, officer_id`,
      [ids],
    );
    for (const r of rows) out.set(r.introduction_id, [...(out.get(r.introduction_id) ?? []), r]);
    return out;
  }

  /**
   * An officer's decision on a pending introduction, screened again first. A refusal, or approving a
   * `review` one, takes one officer. Approving an `exemption_required` one takes the exemption's
   * reference and two different officers: the first approval is recorded (the introduction stays
   * pending), the second, by another officer citing the same reference, grants it; the same officer
   * approving again is refused (409). Every approval, grant and refusal is audited with its officer.
   */
  async decide(req: DecideIntroductionRequest): Promise<IntroductionView> {
    const { id, approve, exemptionReference, note, officer } = req;
    const actor = `officer:${officer.id}`;
    const current = await this.find(id);
    if (current.status !== 'pending') throw new DomainError(ErrorCode.CONFLICT, `Introduction ${id} is already ${current.status}`);
    const row = await this.row(id);
    const compliance = await this.screening.screenPair(row!.inputs.company, row!.inputs.opportunity);
    const required = approvalsRequired(compliance.verdict);
    if (approve) {
      if (compliance.verdict === 'prohibited') {
        await this.audit.append([this.decisionEntry(current, compliance, actor, 'introduction.approval.refused.prohibited', exemptionReference, note, officer)]);
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
    await this.dataSource.transaction(async (m) => {
      // The row lock orders concurrent decisions on one introduction: each sees the approvals before it.
      const locked: IntroductionRow[] = await m.query(`SELECT * FROM screening.introduction WHERE id = $1 FOR UPDATE`, [id]);
      if (locked[0]?.status !== 'pending') throw new DomainError(ErrorCode.CONFLICT, `Introduction ${id} was decided concurrently`);
      const approvals: ApprovalRow[] = await m.query(`SELECT * FROM screening.introduction_approval WHERE introduction_id = $1 ORDER BY approved_at`, [id]);
      if (!approve) {
        await this.finish(m, id, 'refused', compliance, null, note, actor);
        await this.audit.append([this.decisionEntry(current, compliance, actor, 'introduction.refused', exemptionReference, note, officer)], m);
        return;
      }
      const first = approvals[0];
      if (approvals.some((a) => a.officer_id === officer.id)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `${officer.name} has already approved introduction ${id}: the second approval of an exemption must come from another officer`,
          [{ field: 'officer', reason: 'the second approval must come from another officer' }],
        );
      }
      if (required > 1 && first?.exemption_reference && first.exemption_reference !== exemptionReference) {
        throw DomainError.validation([
          { field: 'exemptionReference', reason: `must be the exemption the first approval cites (${first.exemption_reference}): both officers approve the same exemption` },
        ]);
      }
      await m.query(
        `INSERT INTO screening.introduction_approval (introduction_id, officer_id, officer_name, verdict, exemption_reference, note) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, officer.id, officer.name, compliance.verdict, exemptionReference ?? null, note ?? null],
      );
      const approvers = [...approvals.map((a) => ({ id: a.officer_id, name: a.officer_name })), { id: officer.id, name: officer.name }];
      const approved = this.decisionEntry(current, compliance, actor, 'introduction.approved', exemptionReference, note, officer);
      const entries: NewAuditEntry[] = [{ ...approved, details: { ...approved.details, approval: approvers.length, approvalsRequired: required } }];
      if (approvers.length >= required) {
        await this.finish(m, id, 'granted', compliance, exemptionReference ?? null, note, approvers.map((a) => `officer:${a.id}`).join(' '));
        const granted = this.decisionEntry(current, compliance, actor, 'introduction.granted', exemptionReference, note, officer);
        entries.push({ ...granted, details: { ...granted.details, approvers } });
      }
      await this.audit.append(entries, m);
    });
    this.waker.wake();
    return this.find(id);
  }

  private async finish(m: EntityManager, id: string, status: IntroductionStatus, compliance: ComplianceView, exemptionReference: string | null, note: string | undefined, decidedBy: string): Promise<void> {
    await m.query(
      `UPDATE screening.introduction SET status = $2, compliance = $3, exemption_reference = $4, decision_note = $5, decided_by = $6, decided_at = now() WHERE id = $1`,
      [id, status, JSON.stringify(compliance), exemptionReference, note ?? null, decidedBy],
    );
    await this.announce(m, await this.find(id, m));
  }

  /** `introduction.decided`, in the decision's transaction: the introduction as its partner sees it (never the counterparty's contact, which the gateway adds). */
  private async announce(m: EntityManager, view: IntroductionView): Promise<void> {
    const payload: IntroductionDecidedEvent['payload'] = view;
    await appendOutbox(m, SCREENING_SCHEMA, { stream: INTRODUCTIONS_OUTBOX_STREAM, type: IntroductionEventType.DECIDED, aggregateId: view.id, payload });
  }

  private decisionEntry(v: IntroductionView, c: ComplianceView, actor: string, kind: string, exemptionReference?: string, note?: string, officer?: { id: string; name: string }): NewAuditEntry {
    return {
      kind,
      verdict: c.verdict,
      ruleIds: c.rules.map((r) => r.id),
      listReferences: [...new Set(c.listHits.map((h) => h.referenceNumber))],
      listVersion: c.listVersion,
      rulesVersion: c.rulesVersion,
      actor,
      inputs: { introductionId: v.id, matchId: v.matchId, companyId: v.companyId, opportunityId: v.opportunityId },
      details: { exemptionReference: exemptionReference ?? null, note: note ?? null, reasons: c.reasons, ...(officer ? { officer } : {}) },
    };
  }

  private async row(id: string, db: DataSource | EntityManager = this.dataSource): Promise<IntroductionRow | undefined> {
    const rows: IntroductionRow[] = await db.query(`SELECT * FROM screening.introduction WHERE id = $1`, [id]);
    return rows[0];
  }

  private async find(id: string, db: DataSource | EntityManager = this.dataSource): Promise<IntroductionView> {
    const row = await this.row(id, db);
    if (!row) throw DomainError.notFound('Introduction', id);
    return toView(row, (await this.approvalsOf([id], db)).get(id) ?? []);
  }
}

function approvalView(a: ApprovalRow): IntroductionApprovalView {
  return {
    officer: { id: a.officer_id, name: a.officer_name },
    verdict: a.verdict,
    exemptionReference: a.exemption_reference,
    note: a.note,
    approvedAt: new Date(a.approved_at).toISOString(),
  };
}

function toView(r: IntroductionRow, approvals: ApprovalRow[]): IntroductionView {
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
    approvals: approvals.map(approvalView),
    approvalsRequired: approvalsRequired(r.compliance.verdict),
  };
}
