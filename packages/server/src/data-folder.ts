// Where the data lives and who holds it. A database is created only by `serve` (the first start says
// so); every other command refuses a data folder or PostgreSQL database that holds no Bình An database,
// naming the place it looked at and creating nothing. A running server holds the database (a lock file
// next to the SQLite file, a shared advisory lock on PostgreSQL), and the commands that must not run
// under a live server (rotate-key, restore) take it exclusively or refuse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ConfigError, type AppConfig } from './config.js';
import { sqliteFileOf } from './db/database.js';

type Place = Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'dbConnectTimeoutSeconds'>;

/** host:port/database of a PostgreSQL URL: never the user name or password. */
export function postgresPlace(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

/** The database a command works on, as a person reads it. */
export function describeDatabase(config: Place): { en: string; vi: string } {
  if (config.databaseUrl) {
    const place = postgresPlace(config.databaseUrl);
    return { en: `the PostgreSQL database ${place} (DATABASE_URL)`, vi: `cơ sở dữ liệu PostgreSQL ${place} (DATABASE_URL)` };
  }
  return { en: `the data folder ${config.dataDir} (BINHAN_DATA_DIR)`, vi: `thư mục dữ liệu ${config.dataDir} (BINHAN_DATA_DIR)` };
}

export function postgresClient(config: Place): pg.Client {
  return new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: config.dbConnectTimeoutSeconds * 1000 });
}

/** Whether the place holds a Bình An database (its migration table). Opens nothing for writing, creates nothing. */
export async function isInitialised(config: Place): Promise<boolean> {
  if (config.databaseUrl) {
    const client = postgresClient(config);
    await client.connect();
    try {
      const { rows } = await client.query<{ found: boolean }>("select to_regclass('kysely_migration') is not null as found");
      return rows[0]?.found === true;
    } finally {
      await client.end();
    }
  }
  const file = sqliteFileOf(config.dataDir);
  if (!fs.existsSync(file)) return false;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get() !== undefined;
  } finally {
    db.close();
  }
}

/** Refuse to run `command` on a place without a database, saying where it looked and what to do. */
export async function requireInitialised(config: Place, command: string): Promise<void> {
  if (await isInitialised(config)) return;
  const where = describeDatabase(config);
  const demo = !config.databaseUrl && fs.existsSync(sqliteFileOf(path.join(config.dataDir, 'demo')));
  const demoHint = demo
    ? { en: ` The demo's database is in ${path.join(config.dataDir, 'demo')}: set BINHAN_DATA_DIR to that folder to work on the demo.`, vi: ` Cơ sở dữ liệu mẫu nằm ở ${path.join(config.dataDir, 'demo')}: đặt BINHAN_DATA_DIR là thư mục đó để làm việc với dữ liệu mẫu.` }
    : { en: '', vi: '' };
  const fix = config.databaseUrl
    ? { en: 'Check DATABASE_URL, or start the server once (npm start) to initialise a new system there.', vi: 'Hãy kiểm tra DATABASE_URL, hoặc chạy máy chủ một lần (npm start) để khởi tạo hệ thống mới ở đó.' }
    : { en: 'Set BINHAN_DATA_DIR to the folder that holds binhan.sqlite, or start the server once (npm start) to initialise a new system there.', vi: 'Hãy đặt BINHAN_DATA_DIR là thư mục chứa binhan.sqlite, hoặc chạy máy chủ một lần (npm start) để khởi tạo hệ thống mới ở đó.' };
  throw new ConfigError(
    `No Bình An database in ${where.en}; ${command} created nothing. ${fix.en}${demoHint.en}`,
    `Không có cơ sở dữ liệu Bình An trong ${where.vi}; lệnh ${command} không tạo gì. ${fix.vi}${demoHint.vi}`,
  );
}

export const SERVER_LOCK_FILE = 'server.lock';

interface LockRecord {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

function readLock(file: string): LockRecord | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockRecord;
  } catch {
    return null;
  }
}

/** A lock left by a process that is gone (a crash, kill -9) does not count. */
function isAlive(lock: LockRecord): boolean {
  if (lock.host !== os.hostname()) return true;
  if (lock.pid === process.pid) return false;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Hold {
  release(): Promise<void>;
}

/** hashtext of the schema: one lock per Bình An database, even when several share a PostgreSQL database. */
const LOCK_KEY = "hashtext('binhan server ' || current_schema())";

function busy(holder: { en: string; vi: string }, command: string): ConfigError {
  return new ConfigError(
    `${holder.en} is using this database: stop it, then run ${command} again. Nothing was changed.`,
    `${holder.vi} đang dùng cơ sở dữ liệu này: hãy dừng nó rồi chạy lại ${command}. Không có gì bị thay đổi.`,
  );
}

function describeLock(lock: LockRecord): { en: string; vi: string } {
  return lock.command === 'serve'
    ? { en: `A server (process ${lock.pid} on ${lock.host}, started ${lock.startedAt})`, vi: `Một máy chủ (tiến trình ${lock.pid} trên ${lock.host}, chạy từ ${lock.startedAt})` }
    : { en: `The command ${lock.command} (process ${lock.pid})`, vi: `Lệnh ${lock.command} (tiến trình ${lock.pid})` };
}

/**
 * Take the database for `command`. `serve` holds it shared on PostgreSQL (several servers may run) and
 * alone on SQLite; a maintenance command holds it alone and refuses while anything else holds it.
 */
export async function holdDatabase(config: Place, command: string): Promise<Hold> {
  const exclusive = command !== 'serve';
  if (config.databaseUrl) {
    const client = postgresClient(config);
    await client.connect();
    const { rows } = await client.query<{ got: boolean }>(`select ${exclusive ? 'pg_try_advisory_lock' : 'pg_try_advisory_lock_shared'}(${LOCK_KEY}) as got`);
    if (rows[0]?.got !== true) {
      await client.end();
      throw busy(exclusive
        ? { en: 'A server or another maintenance command', vi: 'Một máy chủ hoặc một lệnh bảo trì khác' }
        : { en: 'A maintenance command (rotate-key or restore)', vi: 'Một lệnh bảo trì (rotate-key hoặc restore)' }, command);
    }
    // The lock goes with the connection: a crashed process holds nothing.
    return { release: () => client.end() };
  }
  const file = path.join(config.dataDir, SERVER_LOCK_FILE);
  const existing = readLock(file);
  if (existing && isAlive(existing)) throw busy(describeLock(existing), command);
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const record: LockRecord = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
  fs.writeFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  const release = () => {
    if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return {
    release: () => {
      process.removeListener('exit', release);
      release();
      return Promise.resolve();
    },
  };
}
