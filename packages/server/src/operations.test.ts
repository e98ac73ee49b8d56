// Operations an operator can trust (issue 15), through the compiled command line on SQLite and on a
// PostgreSQL database of its own: commands refuse a place without a database and create nothing; serve
// says when it initialises; rotate-key refuses under a live server and leaves a ring whose newest key
// alone opens everything; backup → restore gives the same data, and restore refuses what it should.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME } from './security/keyring.js';
import { buildServer, cli, createPostgresDatabase, outcome, removeTempDirs, startServer, tempDir } from './test/cli-harness.js';
import { DATABASES } from './test/test-app.js';

beforeAll(() => buildServer(), 200_000);
afterAll(() => removeTempDirs());

interface Place {
  dataDir: string;
  env: Record<string, string>;
  /** How the CLI names the place in its messages. */
  named: string;
  /** Tables of the database, to compare or to prove nothing was created. */
  tables(): Promise<string[]>;
  /** Every row of a table, ordered, as text: the comparison of a restore. */
  rows(table: string, orderBy: string): Promise<unknown[]>;
  /** Run one statement on the database, as someone with access to it would. */
  exec(statement: string): Promise<void>;
}

const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
});

async function newPlace(kind: string): Promise<Place> {
  const dataDir = path.join(tempDir(), 'data');
  if (kind === 'sqlite') {
    const file = path.join(dataDir, 'binhan.sqlite');
    const read = <T>(fn: (db: SQLite.Database) => T): T => {
      const db = new SQLite(file, { readonly: true, fileMustExist: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    return {
      dataDir, env: {}, named: `the data folder ${dataDir} (BINHAN_DATA_DIR)`,
      tables: () => Promise.resolve(fs.existsSync(file) ? read((db) => (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((r) => r.name)) : []),
      rows: (table, orderBy) => Promise.resolve(read((db) => db.prepare(`select * from ${table} order by ${orderBy}`).all())),
      exec: (statement) => {
        const db = new SQLite(file);
        try {
          db.exec(statement);
        } finally {
          db.close();
        }
        return Promise.resolve();
      },
    };
  }
  const { url, drop } = await createPostgresDatabase();
  drops.push(drop);
  const query = async <T>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const u = new URL(url);
  return {
    dataDir, env: { DATABASE_URL: url }, named: `the PostgreSQL database ${u.hostname}:${u.port}${u.pathname} (DATABASE_URL)`,
    tables: async () => (await query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public' order by 1")).map((r) => r.t),
    rows: (table, orderBy) => query(`select * from ${table} order by ${orderBy}`),
    exec: async (statement) => {
      await query(statement);
    },
  };
}

const run = (place: Place, args: string[], extra: Record<string, string> = {}) => cli(place.dataDir, args, { ...place.env, ...extra });
/** No stack trace: no "    at something (file.js:1:2)" line. */
const STACK = /\n\s+at .+:\d+:\d+/;

describe.each(DATABASES)('operations on %s', (kind) => {
  it('every command but serve refuses a place without a database, names it, says what to do in both languages and creates nothing', async () => {
    const place = await newPlace(kind);
    const backupFile = path.join(tempDir(), 'backup.bin');
    for (const args of [['migrate'], ['backup', backupFile], ['audit-verify'], ['rotate-key'], ['create-admin', 'someone'], ['seed-demo']]) {
      const result = run(place, args);
      expect(outcome(result), args.join(' ')).toMatchObject({ status: 1, stdout: '' });
      expect(result.stderr).toContain(`No Bình An database in ${place.named}; ${args[0] ?? ''} created nothing.`);
      expect(result.stderr).toContain('Không có cơ sở dữ liệu Bình An');
      expect(result.stderr).toContain('npm start');
      expect(result.stderr).not.toMatch(STACK);
    }
    expect(fs.existsSync(backupFile)).toBe(false);
    expect(fs.existsSync(place.dataDir)).toBe(false);
    expect(await place.tables()).toEqual([]);
  }, 120_000);

  it('serve on an empty place says it initialises; the next start names the data without initialising; a second server (SQLite) or rotate-key is refused while it runs', async () => {
    const place = await newPlace(kind);
    const first = await startServer(place.dataDir, place.env);
    await first.stop();
    expect(first.output()).toContain(`Initialising a new system in ${place.named}`);
    expect(first.output()).toContain('one-time password');
    expect(await place.tables()).toEqual(expect.arrayContaining(['users', 'audit_log', 'key_roots']));

    const second = await startServer(place.dataDir, place.env);
    try {
      expect(second.output()).not.toContain('Initialising');
      expect(second.output()).toContain(`data: ${place.named}`);
      const keyFile = path.join(place.dataDir, KEY_FILE_NAME);
      const keysBefore = fs.readFileSync(keyFile, 'utf8');
      const rotate = run(place, ['rotate-key']);
      expect(outcome(rotate)).toMatchObject({ status: 1 });
      expect(rotate.stderr).toMatch(/is using this database: stop it, then run rotate-key again\. Nothing was changed\./);
      expect(rotate.stderr).toContain('đang dùng cơ sở dữ liệu này');
      expect(fs.readFileSync(keyFile, 'utf8')).toBe(keysBefore);
      const restore = run(place, ['restore', '--force', path.join(place.dataDir, KEY_FILE_NAME)]);
      expect(outcome(restore)).toMatchObject({ status: 1 });
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('after rotate-key, the new key alone opens everything: audit-verify is intact; the CLI says which key to keep and why', async () => {
    const place = await newPlace(kind);
    await (await startServer(place.dataDir, place.env)).stop();
    expect(outcome(run(place, ['create-admin', 'second.admin']))).toMatchObject({ status: 0 });
    const keyFile = path.join(place.dataDir, KEY_FILE_NAME);
    const rotated = run(place, ['rotate-key']);
    expect(outcome(rotated)).toMatchObject({ status: 0 });
    const keys = fs.readFileSync(keyFile, 'utf8').split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l));
    expect(keys).toHaveLength(2);
    expect(rotated.stdout).toMatch(/Key [0-9a-f]{16} is current: it opens this database and every backup made from now on\./);
    expect(rotated.stdout).toMatch(/Key [0-9a-f]{16}: this database no longer needs it\. Keep it only as long as you keep backups made before this rotation/);
    expect(fs.existsSync(`${keyFile}.new`)).toBe(false);
    // The operator keeps only the new key.
    fs.writeFileSync(keyFile, `${keys[0] ?? ''}\n`, { mode: 0o600 });
    const verify = run(place, ['audit-verify']);
    expect(outcome(verify)).toMatchObject({ status: 0, stdout: expect.stringMatching(/Audit chain intact: [1-9]\d* entries checked\./) });
  }, 180_000);

  it('backup → restore into a new place gives the same rows; restore refuses an occupied place without --force, keeps the old one aside with it, and refuses a wrong key', async () => {
    const source = await newPlace(kind);
    await (await startServer(source.dataDir, source.env)).stop();
    expect(outcome(run(source, ['create-admin', 'district.admin']))).toMatchObject({ status: 0 });
    const file = path.join(tempDir(), kind === 'sqlite' ? 'binhan.sqlite.bak' : 'binhan.pgdump');
    expect(outcome(run(source, ['backup', file]))).toMatchObject({ status: 0 });

    // Another machine: the key file comes along, kept apart from the backup.
    const target = await newPlace(kind);
    fs.mkdirSync(target.dataDir, { recursive: true });
    fs.copyFileSync(path.join(source.dataDir, KEY_FILE_NAME), path.join(target.dataDir, KEY_FILE_NAME));
    const restored = run(target, ['restore', file]);
    expect(outcome(restored)).toMatchObject({ status: 0 });
    expect(restored.stdout).toMatch(/audit chain intact: [1-9]\d* entries/);
    expect(restored.stdout).toContain('users: 2');
    for (const [table, order] of [['users', 'id'], ['audit_log', 'seq'], ['admin_units', 'id'], ['key_checks', 'kid'], ['key_roots', 'id'], ['kysely_migration', 'name']] as const) {
      expect(await target.rows(table, order), table).toEqual(await source.rows(table, order));
    }
    const verified = run(target, ['audit-verify']);
    expect(outcome(verified), verified.stdout + verified.stderr).toMatchObject({ status: 0 });

    const again = run(target, ['restore', file]);
    expect(outcome(again)).toMatchObject({ status: 1 });
    expect(again.stderr).toContain('There is already a Bình An database in');
    expect(again.stderr).toContain('restore --force');
    const forced = run(target, ['restore', '--force', file]);
    expect(outcome(forced)).toMatchObject({ status: 0, stdout: expect.stringMatching(/previous (database|data) is kept/) });
    expect(await target.rows('users', 'id')).toEqual(await source.rows('users', 'id'));

    // A third place with another key: refused before anything is written.
    const stranger = await newPlace(kind);
    const wrong = run(stranger, ['restore', file], { BINHAN_SECRET_KEY: 'ab'.repeat(32) });
    expect(outcome(wrong)).toMatchObject({ status: 1 });
    expect(wrong.stderr).toContain('The configured keys do not open this backup');
    expect(await stranger.tables()).toEqual([]);
  }, 240_000);

  it('backup to a file that exists says so and leaves it untouched; restore of a file that is not a backup is refused', async () => {
    const place = await newPlace(kind);
    await (await startServer(place.dataDir, place.env)).stop();
    const existing = path.join(tempDir(), 'existing.bak');
    fs.writeFileSync(existing, 'keep me');
    const result = run(place, ['backup', existing]);
    expect(outcome(result)).toMatchObject({ status: 1 });
    expect(result.stderr).toContain(`The file ${existing} already exists: give a new file name`);
    expect(result.stderr).toContain('đã có');
    expect(result.stderr).not.toMatch(STACK);
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    const notBackup = run(place, ['restore', '--force', existing]);
    expect(outcome(notBackup)).toMatchObject({ status: 1 });
    expect(notBackup.stderr).not.toMatch(STACK);
    expect(notBackup.stderr).not.toContain('Unexpected');

    // A database a newer version has migrated: named, and nothing is changed.
    await place.exec("insert into kysely_migration (name, timestamp) values ('9999-from-a-newer-version', '2030-01-01T00:00:00.000Z')");
    const newer = run(place, ['migrate']);
    expect(outcome(newer)).toMatchObject({ status: 1 });
    expect(newer.stderr).toContain('This database was updated by a newer version of Bình An (migration 9999-from-a-newer-version)');
    expect(newer.stderr).toContain('phiên bản Bình An mới hơn');
    expect(newer.stderr).not.toContain('Migration unknown failed');
  }, 120_000);
});

describe('failures that explain themselves', () => {
  it('SQLite: a read-only database file is refused with what to fix, and its mode is left as it was', async () => {
    const place = await newPlace('sqlite');
    await (await startServer(place.dataDir)).stop();
    const file = path.join(place.dataDir, 'binhan.sqlite');
    fs.chmodSync(file, 0o400);
    const result = run(place, ['audit-verify']);
    expect(outcome(result)).toMatchObject({ status: 1 });
    expect(result.stderr).toContain(`The database file ${file} is read-only`);
    expect(result.stderr).toContain('chỉ cho đọc');
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
  }, 120_000);

  it('SQLite: a data folder that cannot be made names the path; backup of the folder given to demo points at the demo folder', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const result = cli(path.join(blocker, 'data'), ['serve'], { PORT: '0' });
    expect(outcome(result)).toMatchObject({ status: 1 });
    expect(result.stderr).toContain(path.join(blocker, 'data'));
    expect(result.stderr).not.toMatch(STACK);

    const parent = tempDir();
    await (await startServer(path.join(parent, 'demo'))).stop();
    const backup = cli(parent, ['backup', path.join(tempDir(), 'x.bak')]);
    expect(outcome(backup)).toMatchObject({ status: 1 });
    expect(backup.stderr).toContain(`The demo's database is in ${path.join(parent, 'demo')}`);
  }, 120_000);

  it('SQLite: a key file without its database (a lost or unmounted database) stops serve instead of starting an empty system', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, KEY_FILE_NAME), `${'cd'.repeat(32)}\n`, { mode: 0o600 });
    const result = cli(dataDir, ['serve'], { PORT: '0' });
    expect(outcome(result)).toMatchObject({ status: 1 });
    expect(result.stderr).toContain('The key file is in');
    expect(fs.existsSync(path.join(dataDir, 'binhan.sqlite'))).toBe(false);
  });

  it.runIf(DATABASES.includes('postgresql'))('PostgreSQL: a dead port, a port that never answers and a missing database each say what to fix, naming DATABASE_URL, within the connect timeout', async () => {
    const dataDir = tempDir();
    const dead = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const refused = cli(dataDir, ['serve'], { DATABASE_URL: `postgres://binhan:secret@127.0.0.1:${dead}/binhan`, PORT: '0' });
    expect(outcome(refused)).toMatchObject({ status: 1 });
    expect(refused.stderr).toContain(`Cannot connect to PostgreSQL at 127.0.0.1:${dead}/binhan (DATABASE_URL)`);
    expect(refused.stderr).not.toContain('secret');
    expect(refused.stderr).not.toMatch(STACK);

    // Accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const hung = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      // Asynchronous: the silent server must keep accepting while the CLI waits.
      import('node:child_process').then(({ execFile }) => {
        execFile(process.execPath, [path.resolve(import.meta.dirname, '../dist/main.js'), 'migrate'], {
          env: { ...process.env, DATABASE_URL: `postgres://binhan@127.0.0.1:${port}/binhan`, BINHAN_DB_CONNECT_TIMEOUT_SECONDS: '2', BINHAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TEST_DATABASE_URL: '' },
          timeout: 30_000,
        }, (error, _stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }));
      }, () => resolve({ status: null, stderr: 'import failed' }));
    });
    for (const socket of sockets) socket.destroy();
    silent.close();
    expect(hung.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(hung.stderr).toContain(`PostgreSQL at 127.0.0.1:${port}/binhan (DATABASE_URL) did not answer within 2 s`);

    const base = new URL(process.env.TEST_DATABASE_URL as string);
    base.pathname = '/binhan_no_such_database';
    const missing = cli(dataDir, ['audit-verify'], { DATABASE_URL: base.toString() });
    expect(outcome(missing)).toMatchObject({ status: 1 });
    expect(missing.stderr).toContain('The database "binhan_no_such_database" does not exist');
    expect(missing.stderr).toContain('createdb binhan_no_such_database');
  }, 120_000);
});
