// `restore <file>`: put a backup made by `backup` back in place, only once it is known to be good. The
// backup is checked before the live database is touched: it is a Bình An database of this version or
// older, the configured keys open it, and (SQLite) its file is intact. After it is in place, its audit
// chain is verified; a broken chain puts the previous state back. A database already there is replaced
// only with --force and is kept aside (SQLite: binhan.sqlite.before-restore-<time>; PostgreSQL: schema
// binhan_before_restore_<time>), never while a server holds it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { auditKeyOf, openKeys, openSystem } from './boot.js';
import { ConfigError, type AppConfig } from './config.js';
import { describeDatabase, holdDatabase, isInitialised, postgresClient } from './data-folder.js';
import { openPostgres, openSqlite, sqliteFileOf, type DatabaseHandle } from './db/database.js';
import { MIGRATIONS, migrateToLatest } from './db/migrate.js';
import type { Database } from './db/schema.js';
import { verifyAuditChain } from './security/audit-chain.js';
import { FieldCipher } from './security/field-cipher.js';
import { KeyError, loadKeyring } from './security/keyring.js';

const run = promisify(execFile);
const PROBE = 'binhan-key-check';

export interface RestoreReport {
  lines: string[];
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

function refuse(en: string, vi: string): ConfigError {
  return new ConfigError(en, vi);
}

/** The configured keys must open the backup's data: one of its key probes decrypts. */
function checkKeys(config: AppConfig, probes: string[]): void {
  if (probes.length === 0) return;
  const ring = loadKeyring(config, false);
  const cipher = new FieldCipher(ring.keys);
  const opens = probes.some((probe) => {
    try {
      return cipher.decrypt(probe) === PROBE;
    } catch {
      return false;
    }
  });
  if (!opens) {
    const kids = [...new Set(probes.map((p) => FieldCipher.kidOf(p)))].join(', ');
    throw new KeyError(
      `The configured keys do not open this backup (it needs key ${kids}); nothing was changed. Put the key file of the system the backup came from in the data folder, or set BINHAN_SECRET_KEY to its keys.`,
      `Các khóa đang cấu hình không mở được bản sao lưu này (cần khóa ${kids}); không có gì bị thay đổi. Hãy đặt tệp khóa của hệ thống làm ra bản sao lưu vào thư mục dữ liệu, hoặc đặt BINHAN_SECRET_KEY là các khóa đó.`,
    );
  }
}

function checkVersion(migrations: string[]): void {
  const unknown = migrations.filter((m) => !(m in MIGRATIONS));
  if (unknown.length > 0) {
    throw refuse(
      `The backup was made by a newer version of Bình An (migration ${unknown.join(', ')}); nothing was changed. Restore it with that version or newer.`,
      `Bản sao lưu được làm bởi phiên bản Bình An mới hơn (migration ${unknown.join(', ')}); không có gì bị thay đổi. Hãy khôi phục bằng phiên bản đó hoặc mới hơn.`,
    );
  }
}

/** Keys, migrations and audit chain of the restored database; what it holds, for the operator. */
async function verifyRestored(config: AppConfig, db: Kysely<Database>): Promise<{ ok: boolean; lines: string[] }> {
  await migrateToLatest(db);
  const { cipher } = await openKeys(config, db);
  const chain = await verifyAuditChain(db, auditKeyOf(cipher));
  const count = async (table: 'cases' | 'users' | 'perpetrators' | 'community_reports') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const lines = [
    `Hồ sơ / cases: ${await count('cases')}; người có hành vi bạo lực / perpetrators: ${await count('perpetrators')}; tin báo / community reports: ${await count('community_reports')}; tài khoản / users: ${await count('users')}`,
    chain.ok
      ? `Nhật ký kiểm toán nguyên vẹn / audit chain intact: ${chain.checked} entries, last hash ${chain.lastHash ?? '-'}`
      : `Nhật ký kiểm toán BỊ HỎNG / audit chain BROKEN: ${chain.problems.slice(0, 10).map((p) => `entry ${p.seq}: ${p.problem}`).join('; ')}`,
  ];
  return { ok: chain.ok, lines };
}

const chainBroken = (lines: string[]) => refuse(
  `The backup's audit chain is broken, so it was not restored and the previous state is back:\n${lines.join('\n')}`,
  'Chuỗi nhật ký kiểm toán của bản sao lưu bị hỏng nên không khôi phục; trạng thái trước đó được giữ nguyên.',
);

async function restoreSqlite(config: AppConfig, file: string, force: boolean): Promise<RestoreReport> {
  const target = sqliteFileOf(config.dataDir);
  // The backup, read-only: a SQLite file, intact, of this version or older, opened by the configured keys.
  let probes: string[];
  let migrations: string[];
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = source.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      throw refuse(`The backup ${file} is damaged (integrity check: ${String(integrity)}); nothing was changed. Use another backup.`,
        `Bản sao lưu ${file} bị hỏng (kiểm tra toàn vẹn: ${String(integrity)}); không có gì bị thay đổi. Hãy dùng bản sao lưu khác.`);
    }
    const isBinhAn = source.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get() !== undefined;
    if (!isBinhAn) throw refuse(`${file} is not a Bình An backup (it has no Bình An tables); nothing was changed.`, `${file} không phải bản sao lưu Bình An (không có bảng của Bình An); không có gì bị thay đổi.`);
    migrations = (source.prepare('select name from kysely_migration').all() as Array<{ name: string }>).map((r) => r.name);
    probes = (source.prepare('select probe from key_checks').all() as Array<{ probe: string }>).map((r) => r.probe);
  } finally {
    source.close();
  }
  checkVersion(migrations);
  checkKeys(config, probes);

  const hold = await holdDatabase(config, 'restore');
  try {
    const exists = fs.existsSync(target);
    if (exists && !force) throw occupied(config);
    // A copy next to the target (same disk, so the final rename is atomic), checked before it replaces anything.
    const staging = `${target}.restoring-${process.pid}`;
    fs.copyFileSync(file, staging);
    fs.chmodSync(staging, 0o600);
    let handle: DatabaseHandle | null = openSqlite(staging, { synchronous: config.sqliteSynchronous });
    try {
      const verified = await verifyRestored(config, handle.db);
      await handle.close();
      handle = null;
      if (!verified.ok) throw chainBroken(verified.lines);
      const lines = [`Đã khôi phục / restored ${file} → ${target}`, ...verified.lines];
      if (exists) {
        const aside = `${target}.before-restore-${stamp()}`;
        for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, aside + suffix);
        lines.push(`Cơ sở dữ liệu trước đó được giữ ở / the previous database is kept as ${aside}`);
      }
      fs.renameSync(staging, target);
      return { lines };
    } finally {
      if (handle) await handle.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(staging + suffix, { force: true });
    }
  } finally {
    await hold.release();
  }
}

function occupied(config: AppConfig): ConfigError {
  const where = describeDatabase(config);
  return refuse(
    `There is already a Bình An database in ${where.en}; nothing was changed. Run restore --force to replace it (the current one is kept aside), or restore into another place.`,
    `Đã có cơ sở dữ liệu Bình An trong ${where.vi}; không có gì bị thay đổi. Chạy restore --force để thay thế (bản hiện tại được giữ lại), hoặc khôi phục vào nơi khác.`,
  );
}

/** The rows of one table in a pg_dump archive, from the COPY block pg_restore prints (tab-separated text). */
async function archiveRows(file: string, table: string, env: NodeJS.ProcessEnv): Promise<string[][]> {
  const { stdout } = await run('pg_restore', ['--data-only', `--table=${table}`, '--file=-', file], { env, maxBuffer: 64 * 1024 * 1024 });
  const rows: string[][] = [];
  let inCopy = false;
  for (const line of stdout.split('\n')) {
    if (!inCopy) {
      inCopy = line.startsWith('COPY ');
      continue;
    }
    if (line === '\\.') break;
    rows.push(line.split('\t'));
  }
  return rows;
}

/** PGPASSWORD in the environment, the URL without it: `ps` never shows the password. */
export function postgresToolArgs(config: AppConfig): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(config.databaseUrl as string);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: String(config.dbConnectTimeoutSeconds) } };
}

/** The first line pg_dump or pg_restore wrote about what went wrong. */
export function toolFailure(tool: string, error: unknown): ConfigError {
  const stderr = (error as { stderr?: unknown }).stderr;
  const said = (typeof stderr === 'string' ? stderr : '').split('\n').find((l) => l.trim() !== '') ?? (error as Error).message;
  return refuse(`${tool} failed: ${said}`, `${tool} thất bại: ${said}`);
}

async function restorePostgres(config: AppConfig, file: string, force: boolean): Promise<RestoreReport> {
  const { url, env } = postgresToolArgs(config);
  try {
    await run('pg_restore', ['--list', file], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const said = toolFailure('pg_restore', error);
    throw refuse(`${file} is not a PostgreSQL backup made by backup (pg_dump --format=custom), or it is damaged; nothing was changed. (${said.message})`,
      `${file} không phải bản sao lưu PostgreSQL làm bằng lệnh backup (pg_dump --format=custom), hoặc đã bị hỏng; không có gì bị thay đổi.`);
  }
  const migrations = (await archiveRows(file, 'kysely_migration', env)).map((r) => r[0] ?? '');
  if (migrations.length === 0) throw refuse(`${file} is not a Bình An backup (it has no Bình An tables); nothing was changed.`, `${file} không phải bản sao lưu Bình An (không có bảng của Bình An); không có gì bị thay đổi.`);
  checkVersion(migrations);
  checkKeys(config, (await archiveRows(file, 'key_checks', env)).map((r) => r[1] ?? ''));

  const hold = await holdDatabase(config, 'restore');
  const admin: pg.Client = postgresClient(config);
  await admin.connect();
  try {
    const exists = await isInitialised(config);
    if (exists && !force) throw occupied(config);
    const schema = (await admin.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? 'public';
    const aside = exists ? `binhan_before_restore_${stamp().replace('-', '_')}` : null;
    const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
    // The previous tables move aside whole; a failed restore or a broken chain moves them back.
    const putBack = async () => {
      await admin.query(`drop schema if exists ${ident(schema)} cascade`);
      await admin.query(aside ? `alter schema ${ident(aside)} rename to ${ident(schema)}` : `create schema ${ident(schema)}`);
    };
    if (aside) await admin.query(`begin; alter schema ${ident(schema)} rename to ${ident(aside)}; create schema ${ident(schema)}; commit`);
    try {
      await run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file], { env, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      await putBack();
      throw toolFailure('pg_restore', error);
    }
    const handle = openPostgres(config.databaseUrl as string, { connectTimeoutSeconds: config.dbConnectTimeoutSeconds, statementTimeoutSeconds: config.dbStatementTimeoutSeconds });
    let verified: { ok: boolean; lines: string[] };
    try {
      verified = await verifyRestored(config, handle.db);
    } catch (error) {
      await handle.close();
      await putBack();
      throw error;
    }
    await handle.close();
    if (!verified.ok) {
      await putBack();
      throw chainBroken(verified.lines);
    }
    const lines = [`Đã khôi phục / restored ${file} → ${describeDatabase(config).en}`, ...verified.lines];
    if (aside) lines.push(`Dữ liệu trước đó được giữ trong schema / the previous data is kept in schema ${aside} (drop schema ${aside} cascade once satisfied)`);
    return { lines };
  } finally {
    await admin.end();
    await hold.release();
  }
}

export async function restore(config: AppConfig, file: string | undefined, force: boolean): Promise<RestoreReport> {
  if (!file) throw refuse('restore needs the backup file: restore <file> [--force]', 'restore cần tệp sao lưu: restore <tệp> [--force]');
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw refuse(`The backup ${source} does not exist; nothing was changed.`, `Không có tệp sao lưu ${source}; không có gì bị thay đổi.`);
  const report = config.databaseUrl ? await restorePostgres(config, source, force) : await restoreSqlite(config, source, force);
  // The restored log's head is signed into this place's anchor folder, so a later deletion is detected here
  // too (checkpoints copied from the old machine still say what the backup lacks since it was taken).
  const { deps, handle } = await openSystem(config);
  try {
    const checkpoint = await deps.anchors.checkpoint(deps.db, 'restore');
    report.lines.push(`Điểm neo nhật ký / audit checkpoint: entry ${checkpoint.seq} in ${deps.anchors.dir}`);
  } finally {
    await handle.close();
  }
  return report;
}
