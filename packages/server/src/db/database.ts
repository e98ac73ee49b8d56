// One Kysely instance over SQLite (better-sqlite3, WAL, foreign keys on) or PostgreSQL (pg).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type DialectAdapter, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { ConfigError } from '../config.js';

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

/**
 * better-sqlite3 compiles the SQL at every prepare, and Kysely prepares at every query: keep the compiled
 * statements by their text (the most recently used `size`), so a request runs its queries without
 * compiling them again. Kysely runs one query at a time on the connection, so a statement is never in
 * use twice; SQLite recompiles a cached statement itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const cached = cache.get(text);
      if (cached) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

export const SQLITE_FILE_NAME = 'binhan.sqlite';

export function sqliteFileOf(dataDir: string): string {
  return path.join(dataDir, SQLITE_FILE_NAME);
}

const writable = (target: string, mode: number): boolean => {
  if ((mode & 0o200) === 0) return false;
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The folder and file must be writable as they are: a folder or database file made read-only on
 * purpose (a snapshot, a mistake) is refused with what to fix, never changed behind the operator's back.
 */
function checkSqlitePlace(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!writable(dir, fs.statSync(dir).mode)) {
    throw new ConfigError(
      `The data folder ${dir} is not writable: give the server's user write permission on it (chmod u+w) or set BINHAN_DATA_DIR to another folder.`,
      `Thư mục dữ liệu ${dir} không cho ghi: hãy cấp quyền ghi cho người dùng chạy máy chủ (chmod u+w) hoặc đặt BINHAN_DATA_DIR sang thư mục khác.`,
    );
  }
  if (!fs.existsSync(file)) return;
  const { mode } = fs.statSync(file);
  if (!writable(file, mode)) {
    throw new ConfigError(
      `The database file ${file} is read-only: give the server's user write permission on it (chmod u+w), or copy it to a writable folder and set BINHAN_DATA_DIR.`,
      `Tệp cơ sở dữ liệu ${file} chỉ cho đọc: hãy cấp quyền ghi cho người dùng chạy máy chủ (chmod u+w), hoặc chép sang thư mục ghi được và đặt BINHAN_DATA_DIR.`,
    );
  }
  // Only narrowed: group and others lose access, the owner keeps what it has.
  if ((mode & 0o077) !== 0) fs.chmodSync(file, mode & 0o700);
}

export interface SqliteOptions {
  /** FULL (default) syncs the write-ahead log at every commit; NORMAL may lose the last commits on power loss. */
  synchronous?: 'full' | 'normal';
}

export function openSqlite(file: string, options: SqliteOptions = {}): DatabaseHandle {
  const onDisk = file !== ':memory:';
  const existed = onDisk && fs.existsSync(file);
  if (onDisk) checkSqlitePlace(file);
  const sqlite = new SQLite(file);
  // The database holds encrypted identities but also who did what: private to the server's user.
  // SQLite gives its -wal and -shm files the same permissions.
  if (onDisk && !existed) fs.chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  const db = new Kysely<Database>({ dialect: new BinhAnSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
}

export interface PostgresOptions {
  /** Schema to put on the search path (tests use one schema each). */
  schema?: string;
  maxConnections?: number;
  /** Give up connecting after this many seconds (default 10). */
  connectTimeoutSeconds?: number;
  /** The database cancels a statement running longer than this (default 60). */
  statementTimeoutSeconds?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  // count(*) and bigint come back as strings from pg; the code converts them where it reads them.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
    statement_timeout: (options.statementTimeoutSeconds ?? 60) * 1000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', sqlite: null, close: () => db.destroy() };
}

export interface DatabasePlace {
  databaseUrl: string | undefined;
  dataDir: string;
  dbConnectTimeoutSeconds?: number;
  dbStatementTimeoutSeconds?: number;
  sqliteSynchronous?: 'full' | 'normal';
}

export function openDatabase(config: DatabasePlace): DatabaseHandle {
  if (config.databaseUrl) {
    return openPostgres(config.databaseUrl, { connectTimeoutSeconds: config.dbConnectTimeoutSeconds, statementTimeoutSeconds: config.dbStatementTimeoutSeconds });
  }
  return openSqlite(sqliteFileOf(config.dataDir), { synchronous: config.sqliteSynchronous });
}
