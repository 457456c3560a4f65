import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually } from '#testing';
import { miningCompany, miningOpportunity } from './support/fixtures.js';
import { Platform } from './support/platform.js';

/**
 * The audit log against someone with the database's keys.
 *
 * The services run as their own roles (Platform.start provisions them as `npm run db:provision`
 * does): screening's role may only add to and read the log, and owning nothing it cannot switch
 * the append-only triggers off. The superuser can; what it changes, removes or re-hashes breaks the
 * hash chain, and GET /v1/audit/verify names the first broken link.
 */
let platform: Platform;
let superuser: pg.Client;
let screeningRole: pg.Client;

async function verify() {
  const r = await platform.get('/v1/audit/verify', platform.adminKey);
  expect(r.status).toBe(200);
  return r.body as { valid: boolean; entries: number; head: { position: number; hash: string } | null; firstBroken: { position: number; seq: number | null; reason: string } | null };
}

/** Runs statements as the superuser with every trigger off, as an insider would. */
async function asInsider(sql: string, params: unknown[] = []): Promise<void> {
  await superuser.query('BEGIN');
  await superuser.query(`SET LOCAL session_replication_role = replica`);
  await superuser.query(sql, params);
  await superuser.query('COMMIT');
}

beforeAll(async () => {
  platform = await Platform.start('audit_chain_e2e');
  const partner = await platform.createPartner();
  expect((await platform.post('/v1/opportunities', miningOpportunity(), platform.adminKey)).status).toBe(201);
  for (let i = 0; i < 3; i++) expect((await platform.post('/v1/companies', miningCompany(), partner.apiKey)).status).toBe(201);
  superuser = new pg.Client({ connectionString: platform.databaseUrl });
  await superuser.connect();
  screeningRole = new pg.Client({ connectionString: Object.assign(new URL(platform.databaseUrl), { username: 'tumen_screening' }).toString() });
  await screeningRole.connect();
  // The three company decisions, and the seeded catalogue's opportunity decisions (more than ten
  // entries, so that paging and ordering by position are exercised), once matching has screened them.
  await eventually(async () => {
    const { rows } = await superuser.query(
      `SELECT count(*) FILTER (WHERE kind = 'company.decision')::int AS companies, count(*)::int AS n FROM screening.audit_log`,
    );
    return rows[0].companies >= 3 && rows[0].n >= 12 ? true : undefined;
  }, 30_000, 'the decisions to be audited');
}, 120_000);

afterAll(async () => {
  await screeningRole?.end();
  await superuser?.end();
  await platform?.stop();
}, 30_000);

describe('the audit log', () => {
  it('is chained from its first entry, and verifies intact', async () => {
    const result = await verify();
    // Screening may go on auditing decisions meanwhile: the table is compared up to the head the verification reached.
    const { rows } = await superuser.query(
      `SELECT count(*)::int AS n, max(chain_pos)::int AS last, (array_agg(hash ORDER BY chain_pos DESC))[1] AS head FROM screening.audit_log WHERE chain_pos <= $1`,
      [result.head?.position ?? 0],
    );
    expect(result).toMatchObject({ valid: true, entries: rows[0].n, firstBroken: null, head: { position: rows[0].last, hash: rows[0].head } });
    expect(rows[0].n).toBeGreaterThanOrEqual(12);
  });

  it("cannot be changed, or have its triggers switched off, by the screening service's own role", async () => {
    await expect(screeningRole.query(`UPDATE screening.audit_log SET verdict = 'clear'`)).rejects.toMatchObject({ code: '42501' });
    await expect(screeningRole.query(`DELETE FROM screening.audit_log`)).rejects.toMatchObject({ code: '42501' });
    await expect(screeningRole.query(`TRUNCATE screening.audit_log`)).rejects.toMatchObject({ code: '42501' });
    await expect(screeningRole.query(`ALTER TABLE screening.audit_log DISABLE TRIGGER ALL`)).rejects.toMatchObject({ code: '42501' });
    await expect(screeningRole.query(`SET session_replication_role = replica`)).rejects.toMatchObject({ code: '42501' });
    // It may add entries, and what it says of their place in the chain is overwritten.
    await screeningRole.query(
      `INSERT INTO screening.audit_log (kind, actor, inputs, chain_pos, prev_hash, hash) VALUES ('test.forged', 'system', '{}', 1, 'x', 'y')`,
    );
    expect(await verify()).toMatchObject({ valid: true, firstBroken: null });
  });

  it('names the first entry a superuser altered, then the one after an entry it re-hashed, then the position of one it removed', async () => {
    const { rows } = await superuser.query(`SELECT seq::int, chain_pos::int, verdict FROM screening.audit_log WHERE kind = 'company.decision' ORDER BY chain_pos LIMIT 2`);
    const [first, second] = rows as { seq: number; chain_pos: number; verdict: string }[];

    // Altered in place (its verdict turned round): the entry no longer hashes to what was written.
    await asInsider(`UPDATE screening.audit_log SET verdict = CASE WHEN verdict = 'clear' THEN 'prohibited' ELSE 'clear' END WHERE seq = $1`, [second!.seq]);
    expect(await verify()).toMatchObject({ valid: false, firstBroken: { position: second!.chain_pos, seq: second!.seq, reason: 'entry altered' } });

    // Altered and re-hashed: the entry holds together, its successor's link does not.
    await asInsider(`UPDATE screening.audit_log AS a SET hash = screening.audit_entry_hash(a.prev_hash, a) WHERE seq = $1`, [second!.seq]);
    const { rows: next } = await superuser.query(`SELECT seq::int FROM screening.audit_log WHERE chain_pos = $1`, [second!.chain_pos + 1]);
    expect(await verify()).toMatchObject({
      valid: false,
      firstBroken: { position: second!.chain_pos + 1, seq: next[0].seq, reason: 'link to the previous entry broken' },
    });

    // Removed, earlier in the chain: the chain breaks at its position.
    await asInsider(`DELETE FROM screening.audit_log WHERE seq = $1`, [first!.seq]);
    const removed = await verify();
    expect(removed).toMatchObject({ valid: false, firstBroken: { position: first!.chain_pos, seq: null, reason: 'entry missing' } });
    expect(removed.entries).toBe(first!.chain_pos - 1);
  });
});
