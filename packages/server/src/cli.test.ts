// The compiled command line, run as an operator would: `node packages/server/dist/main.js <command>` with
// a data directory of its own and no DATABASE_URL, so each command works on an embedded SQLite file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME } from './security/keyring.js';
import { buildServer, cli, MAIN, outcome, removeTempDirs, REPO_ROOT, startServer, tempDir } from './test/cli-harness.js';

function keysInFile(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => /^[0-9a-f]{64}$/.test(line));
}

beforeAll(() => {
  buildServer();
  expect(fs.existsSync(MAIN)).toBe(true);
}, 200_000);

afterAll(() => removeTempDirs());

describe('command line on a fresh SQLite data directory', () => {
  // The steps build on each other, as an operator's would: one data directory for the whole sequence.
  let dataDir: string;
  let database: string;
  beforeAll(() => {
    dataDir = tempDir();
    database = path.join(dataDir, 'binhan.sqlite');
  });

  it('the first serve on an empty folder says it initialises, and creates the database and the key file (0600)', async () => {
    const server = await startServer(dataDir);
    await server.stop();
    expect(server.output()).toContain(`Initialising a new system in the data folder ${dataDir} (BINHAN_DATA_DIR)`);
    expect(fs.existsSync(database)).toBe(true);
    expect(fs.statSync(path.join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
  }, 90_000);

  it('migrate on the initialised database exits 0 saying it is up to date', () => {
    expect(outcome(cli(dataDir, ['migrate']))).toMatchObject({ status: 0, stdout: 'The database is up to date.\n' });
  });

  it('audit-verify exits 0 on the fresh system', () => {
    expect(outcome(cli(dataDir, ['audit-verify']))).toMatchObject({ status: 0, stdout: expect.stringMatching(/Audit chain intact: \d+ entries checked\./) });
  });

  it('create-admin someone exits 0 and prints a one-time password for a new system administrator', () => {
    const result = cli(dataDir, ['create-admin', 'someone']);
    expect(outcome(result)).toMatchObject({ status: 0, stderr: '' });
    const password = /One-time password: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toMatch(/^[\w]{4}(-[\w]{4}){3}$/);

    const db = new SQLite(database, { readonly: true });
    try {
      const row = db.prepare('select role, must_change_password, password_hash from users where username = ?').get('someone') as
        { role: string; must_change_password: number; password_hash: string } | undefined;
      expect(row).toMatchObject({ role: 'system_admin', must_change_password: 1 });
      expect(row?.password_hash).not.toContain(password);
    } finally {
      db.close();
    }
  });

  it('create-admin without a username exits 1 saying what to give', () => {
    expect(outcome(cli(dataDir, ['create-admin']))).toMatchObject({ status: 1, stderr: expect.stringContaining('create-admin <username>') });
  });

  it('backup <file> exits 0 and writes a SQLite copy (mode 0600) with the users and the same administrative units', () => {
    const target = path.join(tempDir(), 'binhan-backup.sqlite');
    const result = cli(dataDir, ['backup', target]);
    expect(outcome(result)).toMatchObject({ status: 0, stdout: expect.stringContaining(target) });
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    // One self-contained file; the key is kept apart and is not next to it.
    expect(fs.readdirSync(path.dirname(target))).toEqual(['binhan-backup.sqlite']);

    const copy = new SQLite(target, { readonly: true });
    const source = new SQLite(database, { readonly: true });
    try {
      const tables = (copy.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['users', 'admin_units', 'audit_log', 'key_checks']));
      const count = (db: SQLite.Database, table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      expect(count(source, 'admin_units')).toBeGreaterThan(0);
      expect(count(copy, 'admin_units')).toBe(count(source, 'admin_units'));
      expect(copy.prepare('select username from users order by username').all()).toEqual([{ username: 'admin' }, { username: 'someone' }]);
    } finally {
      copy.close();
      source.close();
    }
  });

  it('backup without a file name exits 1 saying what to give', () => {
    expect(outcome(cli(dataDir, ['backup']))).toMatchObject({ status: 1, stderr: expect.stringContaining('backup <file>') });
  });

  it('rotate-key exits 0, puts a new key first in the key file and keeps the old one; the system still starts with it', () => {
    const keyFile = path.join(dataDir, KEY_FILE_NAME);
    const before = keysInFile(keyFile);
    expect(before).toHaveLength(1);
    const result = cli(dataDir, ['rotate-key']);
    expect(outcome(result)).toMatchObject({ status: 0, stdout: expect.stringMatching(/New key [0-9a-f]{16} is current; \d+ values re-encrypted\./) });
    const after = keysInFile(keyFile);
    expect(after).toHaveLength(2);
    expect(after[1]).toBe(before[0]);
    expect(after[0]).not.toBe(before[0]);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // A start after the rotation reads the rewritten key file and opens the data.
    expect(outcome(cli(dataDir, ['audit-verify']))).toMatchObject({ status: 0 });
  });

  it('audit-verify exits 1 after an audit entry is edited in the database, naming the entry', () => {
    expect(outcome(cli(dataDir, ['audit-verify']))).toMatchObject({ status: 0, stdout: expect.stringMatching(/Audit chain intact: [1-9]\d* entries checked\./) });
    const db = new SQLite(database);
    try {
      const changed = db.prepare('update audit_log set details = ? where seq = 1').run(JSON.stringify({ tampered: true }));
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    const result = cli(dataDir, ['audit-verify']);
    expect(outcome(result)).toMatchObject({ status: 1 });
    expect(result.stdout).toContain('Audit chain BROKEN');
    expect(result.stdout).toContain('entry 1: edited');
  });

  it('refuses to start (exit 1) without the key once data is encrypted, saying what to set', () => {
    fs.renameSync(path.join(dataDir, KEY_FILE_NAME), path.join(dataDir, 'secret.key.away'));
    try {
      const result = cli(dataDir, ['audit-verify']);
      expect(outcome(result)).toMatchObject({ status: 1, stderr: expect.stringContaining('set BINHAN_SECRET_KEY or restore the key file') });
      expect(result.stderr).not.toContain('Unexpected error');
    } finally {
      fs.renameSync(path.join(dataDir, 'secret.key.away'), path.join(dataDir, KEY_FILE_NAME));
    }
  });
});

/** A PostgreSQL schema of its own for the command line, through DATABASE_URL's search_path option; dropped after. */
async function postgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema "${schema}"`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`drop schema "${schema}" cascade`) };
}

const CLI_DATABASES = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgresql'] as const : ['sqlite'] as const;

describe.each(CLI_DATABASES)('units load and units list on a fresh %s database', (kind) => {
  let dataDir: string;
  let env: Record<string, string> = {};
  let drop = async () => {};
  beforeAll(async () => {
    dataDir = tempDir();
    if (kind === 'postgresql') {
      const schema = await postgresSchema();
      env = { DATABASE_URL: schema.url };
      drop = schema.drop;
    }
  });
  afterAll(async () => drop());
  const units = (args: string[]) => cli(dataDir, ['units', ...args], env);
  const lines = (stdout: string) => stdout.split('\n').filter((line) => line !== '');
  const byLevel = (stdout: string) => {
    const result: Record<string, number> = {};
    for (const line of lines(stdout)) result[line.split('\t')[0] as string] = (result[line.split('\t')[0] as string] ?? 0) + 1;
    return result;
  };
  const count = async (table: string) => {
    if (kind === 'sqlite') {
      const db = new SQLite(path.join(dataDir, 'binhan.sqlite'), { readonly: true });
      try {
        return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n);
    } finally {
      await client.end();
    }
  };

  it('units load --province 19 initialises the database as the first start does, loads the province and prints what it added', () => {
    const result = units(['load', '--province', '19']);
    expect(outcome(result)).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('Đã nạp tỉnh / province loaded: 19 Thái Nguyên\n');
    expect(result.stdout).toContain('đến / until 30/6/2025, xã / communes: thêm / added 263, đã có / already there 17\n');
    expect(result.stdout).toContain('từ / from 1/7/2025, xã / communes: thêm / added 86, đã có / already there 6\n');
    expect(result.stdout).toContain('kế thừa / successions: thêm / added 266, đã có / already there 19\n');
    expect(result.stdout).toMatch(/mật khẩu dùng một lần \/ one-time password: [\w]{4}(-[\w]{4}){3}\n/);
    if (kind === 'sqlite') expect(fs.statSync(path.join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('units list prints the 92 communes valid on 2026-01-01, and the two former provinces’ districts and communes on 2024-01-01', () => {
    const today = units(['list', '--province', '19', '--valid-on', '2026-01-01']);
    expect(outcome(today)).toMatchObject({ status: 0, stderr: '' });
    expect(lines(today.stdout)[0]).toBe('province\t19\tThái Nguyên');
    expect(byLevel(today.stdout)).toEqual({ province: 1, commune: 92 });
    expect(lines(today.stdout)).toContain('commune\t02176\tTrần Phú');
    const before = units(['list', '--province', '19', '--valid-on', '2024-01-01']);
    expect(outcome(before)).toMatchObject({ status: 0, stderr: '' });
    expect(byLevel(before.stdout)).toEqual({ province: 2, district: 17, commune: 280 });
    expect(lines(before.stdout).slice(0, 2)).toEqual(['province\t06\tBắc Kạn', 'province\t19\tThái Nguyên']);
    expect(lines(before.stdout)).toContain('district\t066\tNa Rì');
    expect(lines(before.stdout)).toContain('commune\t02179\tTrần Phú');
  });

  it('a second units load changes nothing and says so', async () => {
    const before = [await count('admin_units'), await count('unit_successions')];
    const result = units(['load', '--province', '19']);
    expect(outcome(result)).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('Tỉnh 19 Thái Nguyên đã được nạp, không có gì thay đổi / already loaded, nothing changed.\n');
    expect(result.stdout).not.toContain('one-time password');
    expect([await count('admin_units'), await count('unit_successions')]).toEqual(before);
  });

  it('refuses bad reference data with file, line and reason, exits 1 and loads nothing', async () => {
    const folder = tempDir();
    const shipped = path.join(REPO_ROOT, 'packages/domain/data/vn-admin-units');
    for (const name of fs.readdirSync(shipped)) fs.copyFileSync(path.join(shipped, name), path.join(folder, name));
    // Lạng Sơn (20): a commune naming a district that does not exist, and a successor that does not exist.
    const oldFile = path.join(folder, 'units-2025-03-01.csv');
    const oldLines = fs.readFileSync(oldFile, 'utf8').split('\n');
    const communeLine = oldLines.findIndex((line) => /^commune,\d+,[^,]+,[^,]+,178$/.test(line));
    oldLines[communeLine] = (oldLines[communeLine] as string).replace(/,178$/, ',999');
    fs.writeFileSync(oldFile, oldLines.join('\n'));
    const successionFile = path.join(folder, 'succession-2025-07-01.csv');
    const successionLines = fs.readFileSync(successionFile, 'utf8').split('\n');
    const successionLine = successionLines.findIndex((line) => line.startsWith('province,20,20,'));
    successionLines[successionLine] = 'province,20,99,Tỉnh Không Có,full';
    fs.writeFileSync(successionFile, successionLines.join('\n'));
    const before = [await count('admin_units'), await count('unit_successions')];
    const result = units(['load', '--province', '19,20', '--data', folder]);
    expect(outcome(result)).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toContain('reference data refused, nothing loaded:\n');
    expect(result.stderr).toContain(`units-2025-03-01.csv:${communeLine + 1}: mã cấp trên không rõ / unknown parent code 999 (district)\n`);
    expect(result.stderr).toContain(`succession-2025-07-01.csv:${successionLine + 1}: mã cũ không rõ / unknown old code 99 (province, Tỉnh Không Có)`);
    expect([await count('admin_units'), await count('unit_successions')]).toEqual(before);
  });

  it('loading a second province later adds it', () => {
    const result = units(['load', '--province', '20']);
    expect(outcome(result)).toMatchObject({ status: 0, stdout: expect.stringContaining('Đã nạp tỉnh / province loaded: 20 Lạng Sơn\n') });
    expect(byLevel(units(['list', '--province', '20', '--valid-on', '2026-01-01']).stdout)).toMatchObject({ province: 1 });
    expect(byLevel(units(['list', '--province', '19', '--valid-on', '2026-01-01']).stdout)).toEqual({ province: 1, commune: 92 });
  });

  it('units load without a province, and units list of a province not loaded, exit 1 saying what to do', () => {
    expect(outcome(units(['load']))).toMatchObject({ status: 1, stderr: expect.stringContaining('units load --province 19') });
    expect(outcome(units(['load', '--province', '06']))).toMatchObject({
      status: 1, stderr: 'Dữ liệu tham chiếu bị từ chối, không nạp gì / reference data refused, nothing loaded:\n  không có tỉnh mã 06 từ 1/7/2025 / no province with code 06 from 1/7/2025\n',
    });
    expect(outcome(units(['list', '--province', '22', '--valid-on', '2026-01-01']))).toMatchObject({ status: 1, stderr: expect.stringContaining('units load --province 22') });
  });
});

describe('command line with bad input', () => {
  it('a bad configuration (PORT=abc) exits 1 with a message naming PORT and no stack trace', () => {
    const dataDir = tempDir();
    const result = cli(dataDir, ['migrate'], { PORT: 'abc' });
    expect(outcome(result)).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toMatch(/^Cấu hình chưa hợp lệ; hãy sửa các biến môi trường dưới đây\.\nInvalid configuration; fix these environment variables:\n {2}PORT: /);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
    // Nothing was created for a configuration that was refused.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('a DATABASE_URL that is not postgres:// exits 1 naming DATABASE_URL', () => {
    const result = cli(tempDir(), ['migrate'], { DATABASE_URL: 'mysql://localhost/x' });
    expect(outcome(result)).toMatchObject({ status: 1, stderr: expect.stringContaining('DATABASE_URL: must start with postgres://') });
  });

  it('an unknown command exits 2 with the usage', () => {
    expect(outcome(cli(tempDir(), ['frobnicate']))).toMatchObject({ status: 2, stdout: expect.stringContaining('Bình An — usage:') });
  });
});
