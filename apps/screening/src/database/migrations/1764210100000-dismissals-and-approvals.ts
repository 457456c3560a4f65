import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compliance officers' work: dismissals of false list hits (one active per party, name and listed
 * entry; every change numbered, so matching learns which parties to screen again) and approvals of
 * held introductions (one per officer: the primary key refuses the same officer twice).
 */
export class DismissalsAndApprovals1764210100000 implements MigrationInterface {
  name = 'DismissalsAndApprovals1764210100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE screening.dismissal_change_seq`);
    await q.query(`CREATE TABLE screening.dismissal (
      id uuid PRIMARY KEY,
      match_id uuid,
      subject_kind text NOT NULL CHECK (subject_kind IN ('company', 'opportunity')),
      subject_id uuid NOT NULL,
      party text NOT NULL CHECK (party IN ('company', 'owner', 'director', 'counterparty')),
      name text NOT NULL,
      date_of_birth text,
      nationality text,
      reference_number text NOT NULL,
      listed_name text NOT NULL,
      list_version text NOT NULL,
      entry_digest char(64) NOT NULL,
      reason text NOT NULL,
      officer_id uuid NOT NULL,
      officer_name text NOT NULL,
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'expired', 'void')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text,
      changed_seq bigint NOT NULL DEFAULT nextval('screening.dismissal_change_seq')
    )`);
    await q.query(
      `CREATE UNIQUE INDEX dismissal_one_active ON screening.dismissal (subject_kind, subject_id, party, name, reference_number) WHERE state = 'active'`,
    );
    await q.query(`CREATE INDEX dismissal_subject ON screening.dismissal (subject_id, state)`);
    await q.query(`CREATE INDEX dismissal_changed ON screening.dismissal (changed_seq)`);
    await q.query(`CREATE INDEX dismissal_expiry ON screening.dismissal (expires_at) WHERE state = 'active'`);
    await q.query(`CREATE TABLE screening.introduction_approval (
      introduction_id uuid NOT NULL REFERENCES screening.introduction(id),
      officer_id uuid NOT NULL,
      officer_name text NOT NULL,
      verdict text NOT NULL,
      exemption_reference text,
      note text,
      approved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (introduction_id, officer_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE screening.introduction_approval`);
    await q.query(`DROP TABLE screening.dismissal`);
    await q.query(`DROP SEQUENCE screening.dismissal_change_seq`);
  }
}
