import { Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { HealthReply } from '#contracts';
import { DbEnv, loadEnv, type DbConfig } from '../config/env.js';
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export interface ServiceDatabaseOptions {
  /** The schema this service owns; its tables and its migrations table live there. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}

const embedded: EmbeddedPostgres[] = [];

/** Builds the TypeORM options of one service from the environment, starting an embedded PGlite when no DATABASE_URL is set. */
export async function resolveDataSourceOptions(
  options: ServiceDatabaseOptions,
  config: DbConfig = loadEnv(DbEnv),
): Promise<DataSourceOptions> {
  let url = config.DATABASE_URL;
  let poolSize = config.DB_POOL_SIZE;
  if (!url) {
    const db = await startEmbeddedPostgres(resolve(join(config.DATA_DIR, options.schema)));
    embedded.push(db);
    url = db.url;
    poolSize = Math.min(poolSize, EMBEDDED_MAX_CONNECTIONS / 2);
  }
  return {
    type: 'postgres',
    url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 30_000 },
  };
}

/**
 * Creates the schema if needed and applies pending migrations, holding an advisory lock so that
 * several processes of one service starting together apply them once.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens (and, unless told not to, migrates) the database of one service outside Nest: for scripts and tests. */
export async function openDatabase(options: ServiceDatabaseOptions, config: DbConfig = loadEnv(DbEnv)): Promise<DataSource> {
  const dataSource = new DataSource(await resolveDataSourceOptions(options, config));
  await dataSource.initialize();
  if (config.MIGRATE_ON_START) await migrate(dataSource, options.schema);
  return dataSource;
}

/** Stops every embedded database this process started. */
export async function stopEmbeddedDatabases(): Promise<void> {
  while (embedded.length) await embedded.pop()!.stop();
}

@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('DatabaseModule');

  /** TypeORM for one service: its own schema, migrations applied before the service serves. */
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => resolveDataSourceOptions(options),
          dataSourceFactory: async (resolved) => {
            const config = loadEnv(DbEnv);
            const dataSource = new DataSource(resolved!);
            await dataSource.initialize();
            if (config.MIGRATE_ON_START) {
              await migrate(dataSource, options.schema);
              DatabaseModule.logger.log(`schema ${options.schema} migrated`);
            }
            return dataSource;
          },
        }),
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await stopEmbeddedDatabases();
  }
}

/** True when the database answers a trivial query. */
export async function pingDatabase(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** A service's answer to `<service>.v1.health.check`: up only when its database answers and every extra check is up. */
export async function databaseHealth(
  service: string,
  dataSource: DataSource,
  extra: Record<string, 'up' | 'down'> = {},
  detail?: Record<string, unknown>,
): Promise<HealthReply> {
  const checks: Record<string, 'up' | 'down'> = { database: (await pingDatabase(dataSource)) ? 'up' : 'down', ...extra };
  return { service, status: checks.database, checks, ...(detail ? { detail } : {}) };
}
