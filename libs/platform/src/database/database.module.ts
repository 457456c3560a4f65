import { Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { DbEnv, loadEnv, type DbConfig } from '../config/env.js';
import { grantServiceRole, roleOf } from './service-roles.js';
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export interface ServiceDatabaseOptions {
  /** The schema this service owns; its tables and its migrations table live there. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /** Tables the service may only add to and read: its role gets no UPDATE or DELETE on them. */
  appendOnly?: readonly string[];
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
    // Checked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema is there.
    const [present] = await runner.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (!present) await runner.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Applies a service's migrations: as the service's own connection, or, when MIGRATION_DATABASE_URL
 * is set, as the schema's owner on a connection of its own, which then grants the service's role
 * (DATABASE_URL's) what it needs and no more.
 */
export async function applyMigrations(options: ServiceDatabaseOptions, config: DbConfig, dataSource: DataSource): Promise<void> {
  if (!config.MIGRATION_DATABASE_URL) return migrate(dataSource, options.schema);
  if (!config.DATABASE_URL) throw new Error('MIGRATION_DATABASE_URL needs DATABASE_URL: the service role connects there');
  const resolved = await resolveDataSourceOptions(options, config);
  // Two connections: migrate() holds one for its advisory lock while the migrations run on the other.
  const owner = new DataSource({ ...resolved, url: config.MIGRATION_DATABASE_URL, extra: { max: 2, connectionTimeoutMillis: 30_000 } } as DataSourceOptions);
  await owner.initialize();
  try {
    await migrate(owner, options.schema);
    const serviceRole = roleOf(config.DATABASE_URL);
    if (serviceRole !== roleOf(config.MIGRATION_DATABASE_URL)) await grantServiceRole(owner, options.schema, serviceRole, options.appendOnly);
  } finally {
    await owner.destroy();
  }
}

/** Opens (and, unless told not to, migrates) the database of one service outside Nest: for scripts and tests. */
export async function openDatabase(options: ServiceDatabaseOptions, config: DbConfig = loadEnv(DbEnv)): Promise<DataSource> {
  const dataSource = new DataSource(await resolveDataSourceOptions(options, config));
  await dataSource.initialize();
  if (config.MIGRATE_ON_START) await applyMigrations(options, config, dataSource);
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
              await applyMigrations(options, config, dataSource);
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
