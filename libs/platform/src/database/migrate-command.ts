import { DbEnv, loadEnv } from '../config/env.js';
import { applyMigrations, resolveDataSourceOptions, stopEmbeddedDatabases, type ServiceDatabaseOptions } from './database.module.js';
import { DataSource } from 'typeorm';

/** The body of a service's `migrate` command: applies pending migrations and exits (a deployment step). */
export async function runMigrateCommand(options: ServiceDatabaseOptions): Promise<void> {
  const config = loadEnv(DbEnv);
  const dataSource = new DataSource(await resolveDataSourceOptions(options, config));
  await dataSource.initialize();
  try {
    await applyMigrations(options, config, dataSource);
    process.stdout.write(`schema ${options.schema}: migrations applied\n`);
  } finally {
    await dataSource.destroy();
    await stopEmbeddedDatabases();
  }
}
