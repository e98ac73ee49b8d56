#!/usr/bin/env node
// Command line: serve (default), demo, migrate, create-admin, seed-demo, backup, restore, audit-verify, rotate-key, units.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { IsoDate, REFERENCE_FILES } from '@binhan/domain';
import { buildApp } from './app.js';
import { createAdministrator, ensureFirstAdministrator, openSystem } from './boot.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { findMisplaced } from './db/migrations/0017-record-units.js';
import { describeDatabase, holdDatabase, isInitialised, requireInitialised } from './data-folder.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { explainFailure, type FailureContext } from './failures.js';
import { postgresToolArgs, restore, toolFailure } from './restore.js';
import { readDemoAccounts, seedDemo, writeDemoAccounts } from './db/seed-demo.js';
import { seedDemoCases } from './db/seed-demo-cases.js';
import { seedDemoCommunityReports } from './db/seed-demo-community-reports.js';
import { seedDemoTraining } from './db/seed-demo-training.js';
import { seedDemoOutreach } from './db/seed-demo-outreach.js';
import { seedDemoPlans } from './db/seed-plans.js';
import { seedDemoReports } from './db/seed-demo-reports.js';
import { describeAnchorProblem, readPublicKey, verifyWithAnchors } from './security/audit-anchors.js';
import { allProvinceCodes, loadProvinces, unitLevel, unitsOfProvinceOn } from './modules/admin-units/reference.js';
import { KEY_FILE_NAME, rotateKey } from './security/keyring.js';
import { keyId, parseKey } from './security/field-cipher.js';

const USAGE = `Bình An — usage: node packages/server/dist/main.js <command>
  serve [--port N]         run the server (default command)
  demo [--port N]          run on a separate demo database with synthetic data and demo accounts
  migrate                  apply database migrations and stop
  create-admin <username>  create a system administrator with a one-time password
  seed-demo                add demo accounts and villages to the configured database
  backup <file>            consistent online copy of the database (SQLite backup API, or pg_dump)
  restore <file> [--force] check a backup (keys, integrity, audit chain) and put it in place; --force replaces
                           an existing database (kept aside); refused while a server runs
  audit-verify [--anchors DIR] [--public-key FILE]
                           check the audit log's hash chain and compare it with the signed checkpoints
                           (default: BINHAN_AUDIT_ANCHOR_DIR, the public key of BINHAN_AUDIT_SIGNING_KEY);
                           exit 1 when it is broken or entries are missing
  rotate-key               make a new encryption key current and re-encrypt every protected value
  units load --province N[,N…|all] [--old-from YYYY-MM-DD] [--data FOLDER]
                           load a province (code from 1/7/2025) and the old provinces, districts and communes
                           that went into it, with the succession, from the national reference lists
                           (shipped, or a corrected copy of the three files in FOLDER)
  units list --province N --valid-on YYYY-MM-DD
                           print the units valid that day in the province's area: level, code, name
  units check              list dated records whose unit did not exist on their date (exit 1 if any), and
                           the rows migration 0017 moved to the unit of their day`;

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The first administrator's one-time password: printed once, to the terminal only, never to the log. */
function printFirstAdministrator(password: string): void {
  print(`\nTài khoản quản trị đầu tiên / first administrator:\n  tên đăng nhập / username: admin\n  mật khẩu dùng một lần / one-time password: ${password}\nĐổi mật khẩu và bật xác thực hai lớp ở lần đăng nhập đầu. / Change it and set up two-factor sign-in at first sign-in.\n`);
}

/**
 * Only serve creates a database, and says so: an empty folder (a first start, or a volume that is not
 * mounted) is never mistaken silently for an existing system.
 */
async function announceData(config: AppConfig): Promise<void> {
  const where = describeDatabase(config);
  if (await isInitialised(config)) {
    print(`Dữ liệu / data: ${where.en}`);
    return;
  }
  if (!config.databaseUrl && fs.existsSync(path.join(config.dataDir, KEY_FILE_NAME))) {
    throw new ConfigError(
      `The key file is in ${config.dataDir} but the database binhan.sqlite is not: restore the database (restore <file>) or check BINHAN_DATA_DIR. Nothing was created.`,
      `Tệp khóa có trong ${config.dataDir} nhưng không có cơ sở dữ liệu binhan.sqlite: hãy khôi phục cơ sở dữ liệu (restore <tệp>) hoặc kiểm tra BINHAN_DATA_DIR. Không có gì được tạo.`,
    );
  }
  print(`Khởi tạo hệ thống mới trong ${where.vi}: chưa có cơ sở dữ liệu ở đó. / Initialising a new system in ${where.en}: there was no database there.`);
}

async function serve(config: AppConfig): Promise<void> {
  await announceData(config);
  const hold = await holdDatabase(config, 'serve');
  const { deps, handle } = await openSystem(config).catch(async (error: unknown) => {
    await hold.release();
    throw error;
  });
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
    await hold.release();
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
    await hold.release();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${config.port} is already in use: stop the other program or set PORT.`, `Cổng ${config.port} đang được chương trình khác dùng: hãy dừng chương trình đó hoặc đặt PORT.`);
    if (code === 'EADDRNOTAVAIL') throw new ConfigError(`HOST ${config.host} is not an address of this machine: set HOST.`, `HOST ${config.host} không phải địa chỉ của máy này: hãy đặt HOST.`);
    throw error;
  }
  // Created only once the server listens, so the one-time password is never lost to a failed start.
  const firstPassword = await ensureFirstAdministrator(deps);
  print(`\nBình An đang chạy tại / is running at ${address.replace('127.0.0.1', 'localhost')}/app/ (${deps.dbKind})`);
  if (firstPassword) {
    printFirstAdministrator(firstPassword);
  }
  if (config.isDemo) {
    print(`\nDỮ LIỆU MẪU / DEMO DATA — tài khoản mẫu / demo accounts (username, password, role):\n${readDemoAccounts(config.dataDir) ?? ''}`);
  }
}

const GENERATION_LABEL = { old: 'đến / until 30/6/2025', new: 'từ / from 1/7/2025' } as const;
const LEVEL_LABEL = { province: 'tỉnh / provinces', district: 'huyện / districts', commune: 'xã / communes' } as const;

/** The first start's steps of `serve` (migrations, keys, seed, first administrator), then the provinces. */
async function unitsLoad(config: AppConfig, province: string | undefined, oldFrom: string | undefined, folder: string | undefined): Promise<number> {
  if (!province || !/^(all|\d{2}(,\d{2})*)$/.test(province)) {
    throw new ConfigError('units load needs province codes from 1/7/2025: units load --province 19 (or 19,20, or all)');
  }
  if (oldFrom !== undefined && !IsoDate.safeParse(oldFrom).success) throw new ConfigError('--old-from must be a date: YYYY-MM-DD');
  const missing = folder === undefined ? [] : Object.values(REFERENCE_FILES).filter((name) => !fs.existsSync(path.join(folder, name)));
  if (missing.length > 0) throw new ConfigError(`--data ${folder ?? ''} lacks ${missing.join(', ')}`);
  // A new place is set up as the first start would, and says so; an existing one goes on quietly.
  if (!(await isInitialised(config))) await announceData(config);
  const { deps, handle } = await openSystem(config);
  try {
    const firstPassword = await ensureFirstAdministrator(deps);
    const provinces = province === 'all' ? allProvinceCodes(folder) : province.split(',');
    const { plans, problems } = await loadProvinces(deps, { provinces, oldValidFrom: oldFrom, folder });
    for (const w of plans.flatMap((p) => p.warnings)) process.stderr.write(`Bỏ qua dòng của tỉnh khác / skipped a row of province ${w.province ?? ''}: ${w.file}:${w.line}: ${w.reason}\n`);
    if (problems.length > 0) {
      process.stderr.write('Dữ liệu tham chiếu bị từ chối, không nạp gì / reference data refused, nothing loaded:\n');
      // Line 0: not a row of the file (a province code that is not in it).
      for (const p of problems) process.stderr.write(`  ${p.line > 0 ? `${p.file}:${p.line}: ` : ''}${p.reason}\n`);
      return 1;
    }
    for (const plan of plans) {
      const changed = plan.units.length + plan.successions.length > 0;
      print(changed
        ? `Đã nạp tỉnh / province loaded: ${plan.province} ${plan.provinceName ?? ''}`
        : `Tỉnh ${plan.province} ${plan.provinceName ?? ''} đã được nạp, không có gì thay đổi / already loaded, nothing changed.`);
      for (const c of plan.counts) {
        print(`  ${GENERATION_LABEL[c.generation]}, ${LEVEL_LABEL[c.level]}: thêm / added ${c.added}, đã có / already there ${c.existing}`);
      }
      print(`  kế thừa / successions: thêm / added ${plan.successionsAdded}, đã có / already there ${plan.successionsExisting}`);
    }
    if (firstPassword) {
      printFirstAdministrator(firstPassword);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

async function unitsList(config: AppConfig, province: string | undefined, validOn: string | undefined): Promise<number> {
  if (!province || !validOn || !IsoDate.safeParse(validOn).success) throw new ConfigError('units list needs a province and a date: units list --province 19 --valid-on 2026-01-01');
  const { deps, handle } = await openSystem(config);
  try {
    const units = unitsOfProvinceOn(await deps.units.graph(), province, validOn);
    if (!units) throw new ConfigError(`Không có tỉnh mã ${province} / no province with code ${province}: units load --province ${province}`);
    // One write, waited for: stdout to a pipe is asynchronous, and process.exit would cut a long list short.
    const text = units.map((u) => `${unitLevel(u.kind)}\t${u.code}\t${u.name}\n`).join('');
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
    return 0;
  } finally {
    await handle.close();
  }
}

/** Dated records in a unit that did not exist that day (none once the rule holds), and what migration 0017 did. */
async function unitsCheck(config: AppConfig): Promise<number> {
  const { deps, handle } = await openSystem(config);
  try {
    const graph = await deps.units.graph();
    const name = (id: string | null) => {
      const u = id === null ? undefined : graph.get(id);
      return u ? `${u.name} (${u.code}, ${u.validFrom}–${u.validTo ?? ''})` : '—';
    };
    const repairs = await deps.db.selectFrom('unit_repairs').selectAll().orderBy('table_name').orderBy('record_date').execute();
    for (const r of repairs) {
      print(`${r.to_unit_id ? 'đã chuyển / moved' : 'chưa xếp được / not placed'}	${r.table_name}	${r.row_id}	${r.record_date}	${name(r.from_unit_id)} → ${name(r.to_unit_id)}`);
    }
    const misplaced = await findMisplaced(deps.db, graph);
    for (const m of misplaced) print(`sai đơn vị / wrong unit	${m.table}	${m.rowId}	${m.date}	${name(m.unitId)} → ${name(m.repairTo)}`);
    print(misplaced.length === 0
      ? 'Mọi bản ghi có ngày đều thuộc đơn vị có hiệu lực vào ngày đó / every dated record is in a unit valid on its date.'
      : `${misplaced.length} bản ghi thuộc đơn vị không có hiệu lực vào ngày của nó / records in a unit that did not exist on their date.`);
    return misplaced.length === 0 ? 0 : 1;
  } finally {
    await handle.close();
  }
}

async function backup(config: AppConfig, file: string | undefined): Promise<void> {
  if (!file) throw new ConfigError('backup needs a file name: backup <file>', 'backup cần tên tệp: backup <tệp>');
  const target = path.resolve(file);
  // Made private before anything is written into it; an existing file is never overwritten.
  fs.writeFileSync(target, '', { mode: 0o600, flag: 'wx' });
  try {
    if (config.databaseUrl) {
      // The password goes through the environment, not the command line where `ps` would show it.
      const { url, env } = postgresToolArgs(config);
      await promisify(execFile)('pg_dump', ['--format=custom', `--file=${target}`, url], { env }).catch((error: unknown) => {
        throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? error : toolFailure('pg_dump', error);
      });
    } else {
      const handle = openDatabase(config);
      try {
        await (handle.sqlite as NonNullable<typeof handle.sqlite>).backup(target);
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    // No half-written file that looks like a backup.
    fs.rmSync(target, { force: true });
    throw error;
  }
  fs.chmodSync(target, 0o600);
  print(`Đã sao lưu / backup written: ${target} (${describeDatabase(config).en})\nKhóa mã hóa không nằm trong bản sao lưu: hãy cất giữ riêng. / The encryption key is not in the backup: keep it separately.`);
}

/** After a rotation: which keys open what, so the operator keeps the right ones. */
function keysToKeep(current: string, older: Buffer[]): string {
  const lines = [
    `Khóa ${current} là khóa hiện tại: nó mở cơ sở dữ liệu này và mọi bản sao lưu làm từ nay. Hãy giữ nó, có một bản cất riêng khỏi các bản sao lưu.`,
    `Key ${current} is current: it opens this database and every backup made from now on. Keep it, with a copy stored apart from the backups.`,
  ];
  for (const key of older) {
    const kid = keyId(key);
    lines.push(
      `Khóa ${kid}: cơ sở dữ liệu này không còn cần nó. Chỉ giữ nó chừng nào còn giữ các bản sao lưu làm trước lần đổi khóa này (thiếu nó thì không đọc được các bản đó).`,
      `Key ${kid}: this database no longer needs it. Keep it only as long as you keep backups made before this rotation (they cannot be read without it).`,
    );
  }
  lines.push('Khóa tìm kiếm và khóa nhật ký kiểm toán lấy từ gốc khóa lưu trong cơ sở dữ liệu, không phụ thuộc các khóa cũ. / The search and audit keys come from a key root stored in the database: they do not depend on the older keys.');
  return lines.join('\n');
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
  const { positionals, values } = parseArgs({ allowPositionals: true, options: {
    port: { type: 'string' }, help: { type: 'boolean' }, force: { type: 'boolean' }, anchors: { type: 'string' }, 'public-key': { type: 'string' },
    province: { type: 'string' }, 'valid-on': { type: 'string' }, 'old-from': { type: 'string' }, data: { type: 'string' },
  } });
  const [command = 'serve', argument] = positionals;
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const config = loadConfig();
  failureContext = { ...config, debug: ['debug', 'trace'].includes(config.logLevel) };
  if (values.port !== undefined) config.port = loadConfig({ ...process.env, PORT: values.port }).port;
  // Only serve, demo and units load (which sets up a new folder as the first start does) create a database;
  // every other command works on one that exists.
  if (NEEDS_DATABASE.has(command)) await requireInitialised(config, command);
  if (command === 'units' && argument !== 'load') await requireInitialised(config, `units ${argument ?? ''}`.trim());
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'demo': {
      config.isDemo = true;
      config.dataDir = path.join(config.dataDir, 'demo');
      config.totpRoles = [];
      if (config.databaseUrl) throw new ConfigError('demo runs on its own SQLite database; unset DATABASE_URL', 'demo chạy trên cơ sở dữ liệu SQLite riêng; hãy bỏ DATABASE_URL');
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
      if (!argument) throw new ConfigError('create-admin needs a username: create-admin <username>', 'create-admin cần tên đăng nhập: create-admin <tên>');
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
    case 'restore':
      print((await restore(config, argument, values.force === true)).lines.join('\n'));
      return 0;
    case 'audit-verify':
      return auditVerify(config, values.anchors, values['public-key']);
    case 'rotate-key': {
      const next = process.env.BINHAN_NEW_SECRET_KEY;
      const hold = await holdDatabase(config, 'rotate-key');
      try {
        const { deps, handle, keyring } = await openSystem(config);
        try {
          if (keyring.source === 'env' && !next) {
            throw new ConfigError(
              'Keys come from BINHAN_SECRET_KEY: set BINHAN_NEW_SECRET_KEY to the new key (64 hex digits) and run again.',
              'Các khóa lấy từ BINHAN_SECRET_KEY: hãy đặt BINHAN_NEW_SECRET_KEY là khóa mới (64 chữ số hex) rồi chạy lại.',
            );
          }
          const result = await rotateKey(handle.db, keyring, next ? parseKey(next) : undefined);
          await deps.anchors.checkpoint(deps.db, 'rotate-key');
          print(`Khóa mới ${result.kid} là khóa hiện tại; đã mã hóa lại ${result.reencrypted} giá trị. / New key ${result.kid} is current; ${result.reencrypted} values re-encrypted.`);
          if (keyring.source === 'env') {
            print(`Bây giờ hãy đặt / now set BINHAN_SECRET_KEY to: ${result.keys.map((k) => k.toString('hex')).join(',')}`);
          } else {
            print(`Đã cập nhật tệp khóa / key file updated: ${keyring.file ?? ''}`);
          }
          print(keysToKeep(result.kid, result.keys.slice(1)));
        } finally {
          await handle.close();
        }
      } finally {
        await hold.release();
      }
      return 0;
    }
    case 'units':
      if (argument === 'load') return unitsLoad(config, values.province, values['old-from'], values.data === undefined ? undefined : path.resolve(values.data));
      if (argument === 'list') return unitsList(config, values.province, values['valid-on']);
      if (argument === 'check') return unitsCheck(config);
      print(USAGE);
      return 2;
    default:
      print(USAGE);
      return 2;
  }
}

const NEEDS_DATABASE = new Set(['migrate', 'create-admin', 'seed-demo', 'backup', 'audit-verify', 'rotate-key']);

/** What a failure message may name: the database's place (never its password), the timeouts, debug output. */
let failureContext: FailureContext = { databaseUrl: process.env.DATABASE_URL, debug: ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '') };

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`${explainFailure(error, failureContext)}\n`);
    process.exit(1);
  },
);
