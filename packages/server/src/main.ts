#!/usr/bin/env node
// Command line: serve (default), demo, migrate, create-admin, seed-demo, backup, audit-verify, rotate-key.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { buildApp } from './app.js';
import { createAdministrator, ensureFirstAdministrator, openSystem } from './boot.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest, MigrationError } from './db/migrate.js';
import { readDemoAccounts, seedDemo, writeDemoAccounts } from './db/seed-demo.js';
import { seedDemoCases } from './db/seed-demo-cases.js';
import { seedDemoCommunityReports } from './db/seed-demo-community-reports.js';
import { seedDemoTraining } from './db/seed-demo-training.js';
import { seedDemoOutreach } from './db/seed-demo-outreach.js';
import { seedDemoPlans } from './db/seed-plans.js';
import { seedDemoReports } from './db/seed-demo-reports.js';
import { AnchorError, describeAnchorProblem, readPublicKey, verifyWithAnchors } from './security/audit-anchors.js';
import { KeyError, rotateKey } from './security/keyring.js';
import { parseKey } from './security/field-cipher.js';

const USAGE = `Bình An — usage: node packages/server/dist/main.js <command>
  serve [--port N]         run the server (default command)
  demo [--port N]          run on a separate demo database with synthetic data and demo accounts
  migrate                  apply database migrations and stop
  create-admin <username>  create a system administrator with a one-time password
  seed-demo                add demo accounts and villages to the configured database
  backup <file>            consistent online copy of the database (SQLite backup API, or pg_dump)
  audit-verify [--anchors DIR] [--public-key FILE]
                           check the audit log's hash chain and compare it with the signed checkpoints
                           (default: BINHAN_AUDIT_ANCHOR_DIR, the public key of BINHAN_AUDIT_SIGNING_KEY);
                           exit 1 when it is broken or entries are missing
  rotate-key               make a new encryption key current and re-encrypt every protected value`;

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function serve(config: AppConfig): Promise<void> {
  const { deps, handle } = await openSystem(config);
  const seedingDemo = config.isDemo && !(await deps.db.selectFrom('users').select('id').where('username', '=', 'demo.admin').executeTakeFirst());
  const demoAccounts = seedingDemo ? await seedDemo(deps) : [];
  if (seedingDemo) writeDemoAccounts(config.dataDir, demoAccounts);
  const app = await buildApp(deps);
  const focal = demoAccounts.find((a) => a.role === 'district_focal_point');
  if (focal) print(`Đang tạo ${await seedDemoCases(app, focal)} hồ sơ mẫu / demo cases created.`);
  if (focal) print(`Đã tạo ${(await seedDemoCommunityReports(deps)).reports} tin báo từ cộng đồng mẫu / demo community reports created.`);
  if (focal) {
    const made = await seedDemoTraining(deps);
    print(`Đã tạo ${made.postings} cán bộ kiêm nhiệm, ${made.courses} lớp tập huấn, ${made.members} tuyên truyền viên, cộng tác viên mẫu / demo roster, courses and network created.`);
    const outreach = await seedDemoOutreach(deps);
    print(`Đã tạo ${outreach.activities} hoạt động truyền thông và ${outreach.figures} số liệu dân số mẫu / demo communication activities and population figures created.`);
    if (await seedDemoPlans(deps.db)) print('Đã thêm kế hoạch mẫu 28/NQ-CP và chỉ tiêu T1 theo năm cho hai xã / demo plan and commune targets added.');
    print(`Đã tạo ${await seedDemoReports(app, demoAccounts)} báo cáo định kỳ mẫu của xã Trần Phú (một đã phê duyệt, một bị trả lại) / demo periodic reports created.`);
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await handle.close();
    process.exit(0);
  };
  // The chain's head goes outside the database at start and at least every BINHAN_AUDIT_CHECKPOINT_HOURS.
  const anchor = (reason: string) => deps.anchors.checkpoint(deps.db, reason).catch((error: unknown) => {
    app.log.error({ err: error }, 'audit checkpoint failed');
  });
  await anchor('start');
  setInterval(() => void anchor('scheduled'), config.auditCheckpointHours * 3_600_000).unref();
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await handle.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${config.port} is already in use: stop the other program or set PORT.`);
    if (code === 'EADDRNOTAVAIL') throw new ConfigError(`HOST ${config.host} is not an address of this machine: set HOST.`);
    throw error;
  }
  // Created only once the server listens, so the one-time password is never lost to a failed start.
  const firstPassword = await ensureFirstAdministrator(deps);
  print(`\nBình An đang chạy tại / is running at ${address.replace('127.0.0.1', 'localhost')}/app/ (${deps.dbKind})`);
  if (firstPassword) {
    // Printed once, to the terminal only: never to the log.
    print(`\nTài khoản quản trị đầu tiên / first administrator:\n  tên đăng nhập / username: admin\n  mật khẩu dùng một lần / one-time password: ${firstPassword}\nĐổi mật khẩu và bật xác thực hai lớp ở lần đăng nhập đầu. / Change it and set up two-factor sign-in at first sign-in.\n`);
  }
  if (config.isDemo) {
    print(`\nDỮ LIỆU MẪU / DEMO DATA — tài khoản mẫu / demo accounts (username, password, role):\n${readDemoAccounts(config.dataDir) ?? ''}`);
  }
}

async function backup(config: AppConfig, file: string | undefined): Promise<void> {
  if (!file) throw new ConfigError('backup needs a file name: backup <file>');
  const target = path.resolve(file);
  // Made private before anything is written into it; an existing file is never overwritten.
  fs.writeFileSync(target, '', { mode: 0o600, flag: 'wx' });
  if (config.databaseUrl) {
    // The password goes through the environment, not the command line where `ps` would show it.
    const url = new URL(config.databaseUrl);
    const password = decodeURIComponent(url.password);
    url.password = '';
    await promisify(execFile)('pg_dump', ['--format=custom', `--file=${target}`, url.toString()], { env: { ...process.env, PGPASSWORD: password } });
  } else {
    const handle = openDatabase(config);
    try {
      await (handle.sqlite as NonNullable<typeof handle.sqlite>).backup(target);
    } finally {
      await handle.close();
    }
  }
  fs.chmodSync(target, 0o600);
  print(`Đã sao lưu / backup written: ${target}\nKhóa mã hóa không nằm trong bản sao lưu: hãy cất giữ riêng. / The encryption key is not in the backup: keep it separately.`);
}

/** The chain, then the signed checkpoints: exit 1 when either shows entries edited, reordered or missing. */
async function auditVerify(config: AppConfig, anchorsDir: string | undefined, publicKeyFile: string | undefined): Promise<number> {
  const { deps, handle } = await openSystem(config);
  try {
    const dir = path.resolve(anchorsDir ?? deps.anchors.dir);
    const publicKey = publicKeyFile ? readPublicKey(publicKeyFile) : deps.anchors.publicKey;
    const result = await verifyWithAnchors(deps.db, deps.auditKey, dir, publicKey);
    const chainOk = result.problems.length === 0;
    print(chainOk ? `Audit chain intact: ${result.checked} entries checked.` : `Audit chain BROKEN (${result.checked} entries checked):`);
    if (result.lastHash) print(`Last entry: ${result.checked}, hash ${result.lastHash}`);
    for (const p of result.problems) print(`  entry ${p.seq}: ${p.problem}`);
    const anchors = result.anchors;
    print(`Checkpoints: ${anchors.checkpoints} signed by key ${anchors.keyFingerprint} in ${dir}`);
    if (anchors.lastSeq !== null) print(`Last checkpoint: entry ${anchors.lastSeq} at ${anchors.lastAt ?? ''}; ${anchors.unanchored} entries written since.`);
    if (anchors.problems.length > 0) print(result.checked === 0 && anchors.problems.every((p) => p.kind === 'no_checkpoints') ? 'No checkpoint yet.' : 'Checkpoints DO NOT MATCH the database:');
    for (const p of anchors.problems) print(`  ${describeAnchorProblem(p)}`);
    return result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, help: { type: 'boolean' }, anchors: { type: 'string' }, 'public-key': { type: 'string' } },
  });
  const [command = 'serve', argument] = positionals;
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const config = loadConfig();
  if (values.port !== undefined) config.port = loadConfig({ ...process.env, PORT: values.port }).port;
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'demo': {
      config.isDemo = true;
      config.dataDir = path.join(config.dataDir, 'demo');
      config.totpRoles = [];
      if (config.databaseUrl) throw new ConfigError('demo runs on its own SQLite database; unset DATABASE_URL');
      await serve(config);
      return -1;
    }
    case 'migrate': {
      const handle = openDatabase(config);
      try {
        const applied = await migrateToLatest(handle.db);
        print(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await handle.close();
      }
      return 0;
    }
    case 'create-admin': {
      if (!argument) throw new ConfigError('create-admin needs a username: create-admin <username>');
      const { deps, handle } = await openSystem(config);
      try {
        const { temporaryPassword } = await createAdministrator(deps, argument.toLowerCase());
        await deps.anchors.checkpoint(deps.db, 'create-admin');
        print(`Administrator ${argument} created. One-time password: ${temporaryPassword}`);
      } finally {
        await handle.close();
      }
      return 0;
    }
    case 'seed-demo': {
      const { deps, handle } = await openSystem(config);
      try {
        const file = writeDemoAccounts(config.dataDir, await seedDemo(deps));
        await deps.anchors.checkpoint(deps.db, 'seed-demo');
        print(`Demo data added. Accounts: ${file}\n${readDemoAccounts(config.dataDir) ?? ''}`);
      } finally {
        await handle.close();
      }
      return 0;
    }
    case 'backup':
      await backup(config, argument);
      return 0;
    case 'audit-verify':
      return auditVerify(config, values.anchors, values['public-key']);
    case 'rotate-key': {
      const { deps, handle, keyring } = await openSystem(config);
      try {
        const next = process.env.BINHAN_NEW_SECRET_KEY;
        if (keyring.source === 'env' && !next) {
          throw new ConfigError('Keys come from BINHAN_SECRET_KEY: set BINHAN_NEW_SECRET_KEY to the new key (64 hex digits) and run again.');
        }
        const result = await rotateKey(handle.db, keyring, next ? parseKey(next) : undefined);
        await deps.anchors.checkpoint(deps.db, 'rotate-key');
        print(`New key ${result.kid} is current; ${result.reencrypted} values re-encrypted.`);
        if (keyring.source === 'env') {
          print(`Now set BINHAN_SECRET_KEY to: ${result.keys.map((k) => k.toString('hex')).join(',')}`);
        } else {
          print(`Key file updated: ${keyring.file}. Older keys stay in it so old backups remain readable.`);
        }
      } finally {
        await handle.close();
      }
      return 0;
    }
    default:
      print(USAGE);
      return 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof KeyError || error instanceof MigrationError || error instanceof AnchorError;
    process.stderr.write(`${known ? (error).message : `Unexpected error: ${(error as Error).stack ?? String(error)}`}\n`);
    process.exit(1);
  },
);
