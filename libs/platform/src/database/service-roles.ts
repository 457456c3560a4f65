import type { DataSource } from 'typeorm';

/** Runs one statement: a `pg` client or a TypeORM data source. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The two roles of one service's schema: the owner, which migrations run as, and the service's own, which owns nothing. */
export function serviceRoleNames(schema: string): { owner: string; service: string } {
  return { owner: `tumen_${schema}_owner`, service: `tumen_${schema}` };
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The rows of a query's result: TypeORM gives them, `pg` gives a result holding them. */
async function rows<T>(db: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await db.query(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * As a superuser, once per deployment (and again after an upgrade: it is idempotent): creates the
 * owner and service roles of each schema (LOGIN, with the password given, if any), creates the
 * schema owned by its owner role, or hands an existing schema and everything in it to that role,
 * and lets the service role connect and use the schema. What the service role may do to each table
 * is granted by the owner after each migration (`grantServiceRole`).
 */
export async function provisionServiceRoles(
  admin: Queryable,
  database: string,
  schema: string,
  passwords: { owner?: string; service?: string } = {},
): Promise<{ owner: string; service: string }> {
  const roles = serviceRoleNames(schema);
  for (const [role, password] of [[roles.owner, passwords.owner], [roles.service, passwords.service]] as const) {
    await createRole(admin, role);
    if (password) await admin.query(`ALTER ROLE ${ident(role)} PASSWORD '${password.replace(/'/g, "''")}'`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(role)}`);
  }
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${ident(roles.owner)}`);
  await admin.query(`ALTER SCHEMA ${ident(schema)} OWNER TO ${ident(roles.owner)}`);
  await handOver(admin, schema, roles.owner);
  await admin.query(`GRANT USAGE ON SCHEMA ${ident(schema)} TO ${ident(roles.service)}`);
  return roles;
}

/** CREATE ROLE, unless it exists (roles are cluster-wide: another database may have made it). */
async function createRole(admin: Queryable, role: string): Promise<void> {
  try {
    await admin.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${ident(role)} LOGIN; END IF;
      END $$`);
  } catch (error) {
    // Two databases provisioned at once: the other made it first.
    if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/** Gives the owner role the tables, views, free-standing sequences and functions of a schema made by another role (an earlier deployment's superuser). */
async function handOver(admin: Queryable, schema: string, owner: string): Promise<void> {
  const relations = await rows<{ relname: string; relkind: string }>(
    admin,
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $2
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))`,
    [schema, owner],
  );
  for (const r of relations) {
    const kind = r.relkind === 'S' ? 'SEQUENCE' : r.relkind === 'v' ? 'VIEW' : r.relkind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
    await admin.query(`ALTER ${kind} ${ident(schema)}.${ident(r.relname)} OWNER TO ${ident(owner)}`);
  }
  const functions = await rows<{ signature: string }>(
    admin,
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2`,
    [schema, owner],
  );
  for (const f of functions) await admin.query(`ALTER FUNCTION ${f.signature} OWNER TO ${ident(owner)}`);
}

/**
 * As the schema's owner, after migrations: the service role may read and write every table and use
 * every sequence, except that it may only INSERT into and SELECT from the append-only tables, and
 * only read the migrations table. Owning nothing, it can neither alter a table nor switch its
 * triggers off.
 */
export async function grantServiceRole(db: DataSource | Queryable, schema: string, role: string, appendOnly: readonly string[] = []): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await db.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await db.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${s} FROM ${r}`);
  for (const table of [...appendOnly, 'migrations']) await db.query(`REVOKE UPDATE, DELETE ON ${s}.${ident(table)} FROM ${r}`);
  await db.query(`REVOKE INSERT ON ${s}."migrations" FROM ${r}`);
}

/** The role a connection URL logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
