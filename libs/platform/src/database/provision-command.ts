import pg from 'pg';
import { provisionServiceRoles, serviceRoleNames } from './service-roles.js';

/**
 * `npm run db:provision`: as the superuser at DATABASE_ADMIN_URL, creates each service schema's
 * owner and service roles (passwords from DB_PASSWORD_<ROLE>, e.g. DB_PASSWORD_TUMEN_SCREENING, else
 * from DB_ROLE_PASSWORD, when set) and prints the two connection URLs each service then takes.
 */
const adminUrl = process.env.DATABASE_ADMIN_URL;
const schemas = process.argv.slice(2);
if (!adminUrl || !schemas.length) {
  process.stderr.write('usage: DATABASE_ADMIN_URL=postgres://superuser@host/db node provision-command.js <schema> [<schema> ...]\n');
  process.exit(2);
}
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
try {
  const database = decodeURIComponent(new URL(adminUrl).pathname.slice(1));
  for (const schema of schemas) {
    const password = (role: string) => process.env[`DB_PASSWORD_${role.toUpperCase()}`] || process.env.DB_ROLE_PASSWORD || undefined;
    const names = serviceRoleNames(schema);
    const roles = await provisionServiceRoles(client, database, schema, { owner: password(names.owner), service: password(names.service) });
    const url = (role: string) => {
      const u = new URL(adminUrl);
      u.username = role;
      u.password = '';
      return u.toString();
    };
    process.stdout.write(`${schema}: DATABASE_URL=${url(roles.service)} MIGRATION_DATABASE_URL=${url(roles.owner)}\n`);
  }
} finally {
  await client.end();
}
