import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

// PostgreSQL's internal one-byte "char" type: pg_catalog columns such as contype and confdeltype.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

export interface SchemaEngineAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Ends every pool and drops any shadow database still there; the engine never ends its pools. */
  close(): Promise<void>;
}

function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * Driver adapter for the wasm schema engine, working around two problems of @prisma/adapter-pg
 * 7.10.0 when it serves the schema engine rather than the client:
 * - it rejects columns of type "char" (UnsupportedNativeDataType 18), and the engine reads
 *   pg_catalog's contype/confdeltype/... to describe a database, so every diff against a shadow
 *   database failed. The engine wants them as Character values: reporting them as text makes it
 *   panic (prisma/orm#29635, hit on PostgreSQL 18 for every NOT NULL column). The pool reports
 *   them as text so the adapter accepts them, and queryRaw then marks those columns Character.
 * - its connectToShadowDb() creates the shadow database but opens the pool with
 *   `{ connectionString, database }`, where pg lets the connection string win: the migrations
 *   were replayed into the main database. Ours connects to the shadow database by URL.
 */
export function createSchemaEngineAdapterFactory(databaseUrl: string): SchemaEngineAdapterFactory {
  const charColumnsByRows = new WeakMap<unknown[], number[]>();
  const pendingShadowDrops = new Set<() => Promise<void>>();

  const openPool = (url: string): pg.Pool => {
    const pool = new pg.Pool({ connectionString: url });
    // Idle clients get terminated when a shadow database is dropped; that is expected.
    pool.on('error', () => undefined);
    const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
    const queryReportingCharAsText = async (config: pg.QueryConfig) => {
      const result = await query(config);
      const charColumns = result.fields.flatMap((field, index) => (field.dataTypeID === PG_CHAR_OID ? [index] : []));
      for (const index of charColumns) result.fields[index].dataTypeID = PG_TEXT_OID;
      if (charColumns.length > 0) charColumnsByRows.set(result.rows, charColumns);
      return result;
    };
    pool.query = queryReportingCharAsText as unknown as typeof pool.query;
    return pool;
  };

  const connect = async (pool: pg.Pool): Promise<SqlDriverAdapter> => {
    const adapter = await new PrismaPg(pool).connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (sqlQuery) => {
      const resultSet = await queryRaw(sqlQuery);
      for (const index of charColumnsByRows.get(resultSet.rows) ?? []) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
      return resultSet;
    };
    return adapter;
  };

  const mainPool = openPool(databaseUrl);

  const connectToShadowDb = async (): Promise<SqlDriverAdapter> => {
    const shadowDatabase = `prisma_migrate_shadow_db_${randomUUID()}`;
    await mainPool.query({ text: `CREATE DATABASE "${shadowDatabase}"` });
    const shadowPool = openPool(withDatabase(databaseUrl, shadowDatabase));
    let dropped: Promise<void> | undefined;
    const dropShadowDatabase = () => {
      dropped ??= (async () => {
        pendingShadowDrops.delete(dropShadowDatabase);
        await shadowPool.end();
        await mainPool.query({ text: `DROP DATABASE IF EXISTS "${shadowDatabase}" WITH (FORCE)` });
      })();
      return dropped;
    };
    pendingShadowDrops.add(dropShadowDatabase);
    const adapter = await connect(shadowPool);
    adapter.dispose = dropShadowDatabase;
    return adapter;
  };

  return {
    factory: {
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      connect: () => connect(mainPool),
      connectToShadowDb,
    },
    close: async () => {
      await Promise.all([...pendingShadowDrops].map((drop) => drop()));
      await mainPool.end();
    },
  };
}
