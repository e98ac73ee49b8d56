// One Kysely instance over SQLite (better-sqlite3, WAL, foreign keys on) or PostgreSQL (pg).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The SQLite connection, for the online backup API; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

/** SQLite runs DDL inside transactions, so migrations can be all-or-nothing there too. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class BinhAnSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(file);
  // The database holds encrypted identities but also who did what: private to the server's user.
  // SQLite gives its -wal and -shm files the same permissions.
  if (file !== ':memory:') fs.chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new BinhAnSqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
}

export interface PostgresOptions {
  /** Schema to put on the search path (tests use one schema each). */
  schema?: string;
  maxConnections?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  // count(*) and bigint come back as strings from pg; the code converts them where it reads them.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', sqlite: null, close: () => db.destroy() };
}

export function openDatabase(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseHandle {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openSqlite(path.join(config.dataDir, 'binhan.sqlite'));
}
