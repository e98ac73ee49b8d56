import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSystem } from '../boot.js';
import { openSqlite, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTestApp, DATABASES, openTestDatabase, testConfig, type TestApp } from '../test/test-app.js';
import { FieldCipher, DecryptError, generateKey, keyId } from './field-cipher.js';
import { KEY_FILE_NAME, KeyError, loadKeyring, rotateKey, verifyKeysAgainstDatabase } from './keyring.js';
import { verifyAuditChain } from './audit-chain.js';
import type { AppDeps } from '../deps.js';
import { caseIntake } from '../test/factories.js';
import { findDuplicates, searchByIdentity } from '../modules/cases/intake.js';

const temporaryDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-keyring-'));
  temporaryDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The keys a key file lists, in order, as hex. */
function keysInFile(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => /^[0-9a-f]{64}$/.test(line));
}

describe('loadKeyring', () => {
  it('creates a key file with mode 0600 in the data directory when creating is allowed', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const ring = loadKeyring({ secretKey: undefined, dataDir }, true);
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect(ring).toMatchObject({ source: 'file', file, created: true });
    expect(ring.keys).toHaveLength(1);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(keysInFile(file)).toEqual([ring.keys[0]?.toString('hex')]);
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE_NAME]);

    const again = loadKeyring({ secretKey: undefined, dataDir }, true);
    expect(again.created).toBe(false);
    expect(again.keys[0]?.equals(ring.keys[0] as Buffer)).toBe(true);
  });

  it('refuses with a KeyError naming BINHAN_SECRET_KEY and the file when the file is missing and creating is not allowed', () => {
    const dataDir = tempDir();
    const attempt = () => loadKeyring({ secretKey: undefined, dataDir }, false);
    expect(attempt).toThrow(KeyError);
    expect(attempt).toThrow(/BINHAN_SECRET_KEY/);
    expect(attempt).toThrow(path.join(dataDir, KEY_FILE_NAME));
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
  });

  it('keeps both keys of BINHAN_SECRET_KEY "new,old": the first encrypts, both decrypt', () => {
    const [newKey, oldKey] = [generateKey(), generateKey()];
    const dataDir = tempDir();
    const ring = loadKeyring({ secretKey: `${newKey.toString('hex')}, ${oldKey.toString('hex')}`, dataDir }, true);
    expect(ring).toMatchObject({ source: 'env', file: null, created: false });
    expect(ring.keys.map((k) => k.toString('hex'))).toEqual([newKey.toString('hex'), oldKey.toString('hex')]);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);

    const cipher = new FieldCipher(ring.keys);
    expect(cipher.currentKid).toBe(keyId(newKey));
    const underOld = new FieldCipher([oldKey]).encrypt('bí mật cũ');
    expect(cipher.decrypt(underOld)).toBe('bí mật cũ');
  });

  it('refuses with a KeyError a BINHAN_SECRET_KEY that is not a 32-byte key', () => {
    expect(() => loadKeyring({ secretKey: 'abc123', dataDir: tempDir() }, true)).toThrow(KeyError);
    expect(() => loadKeyring({ secretKey: `${generateKey().toString('hex')},nope`, dataDir: tempDir() }, true)).toThrow(/BINHAN_SECRET_KEY/);
  });
});

describe.each(DATABASES)('verifyKeysAgainstDatabase on %s', (kind) => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: DatabaseHandle['db'];
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    db = opened.handle.db;
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await opened.handle.close();
    await opened.drop();
  });

  it('stores a probe for the first key, then refuses a different key with a KeyError that says what to set', async () => {
    const first = generateKey();
    await verifyKeysAgainstDatabase(db, new FieldCipher([first]));
    const probes = await db.selectFrom('key_checks').selectAll().execute();
    expect(probes.map((p) => p.kid)).toEqual([keyId(first)]);
    expect(FieldCipher.kidOf(probes[0]?.probe as string)).toBe(keyId(first));

    const other = new FieldCipher([generateKey()]);
    const refused = verifyKeysAgainstDatabase(db, other);
    await expect(refused).rejects.toThrow(KeyError);
    await expect(verifyKeysAgainstDatabase(db, other)).rejects.toThrow(/Set the right BINHAN_SECRET_KEY or restore the key file/);
    // A refused key leaves no probe of its own behind.
    expect(await db.selectFrom('key_checks').select('kid').execute()).toHaveLength(1);

    // A ring with a new key in front of the old one is accepted and records a probe for the new key.
    const next = generateKey();
    await verifyKeysAgainstDatabase(db, new FieldCipher([next, first]));
    expect((await db.selectFrom('key_checks').select('kid').execute()).map((r) => r.kid).sort()).toEqual([keyId(first), keyId(next)].sort());
  });
});

describe('openSystem against a SQLite database that holds encrypted data', () => {
  it('creates the key file on first start, then refuses to start when the key file is gone or holds another key', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'binhan.sqlite');
    const config = testConfig({ dataDir, secretKey: undefined });
    const keyFile = path.join(dataDir, KEY_FILE_NAME);

    const first = await openSystem(config, openSqlite(file));
    expect(first.keyring).toMatchObject({ source: 'file', file: keyFile, created: true });
    expect(await first.handle.db.selectFrom('key_checks').select('kid').execute()).toEqual([{ kid: keyId(first.keyring.keys[0] as Buffer) }]);
    await first.handle.close();
    const original = fs.readFileSync(keyFile, 'utf8');

    fs.rmSync(keyFile);
    const missing = openSystem(config, openSqlite(file));
    await expect(missing).rejects.toThrow(KeyError);
    await expect(missing).rejects.toThrow(/no key was found: set BINHAN_SECRET_KEY or restore the key file/);
    // It must not quietly make a new key that would then encrypt new data under the wrong key.
    expect(fs.existsSync(keyFile)).toBe(false);

    fs.writeFileSync(keyFile, `${generateKey().toString('hex')}\n`, { mode: 0o600 });
    await expect(openSystem(config, openSqlite(file))).rejects.toThrow(/does not match the data in this database/);

    await expect(openSystem({ ...config, secretKey: generateKey().toString('hex') }, openSqlite(file))).rejects.toThrow(KeyError);

    // With the right key back, it starts.
    fs.writeFileSync(keyFile, original, { mode: 0o600 });
    const restored = await openSystem(config, openSqlite(file));
    expect(restored.keyring.created).toBe(false);
    await restored.handle.close();
  });

  it('closes the database handle when it refuses to start', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'binhan.sqlite');
    const config = testConfig({ dataDir, secretKey: undefined });
    await (await openSystem(config, openSqlite(file))).handle.close();
    fs.rmSync(path.join(dataDir, KEY_FILE_NAME));
    const handle = openSqlite(file);
    await expect(openSystem(config, handle)).rejects.toThrow(KeyError);
    expect(handle.sqlite?.open).toBe(false);
  });
});

describe.each(DATABASES)('rotateKey on %s', (kind) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    t = await createTestApp(kind, { dataDir, secretKey: undefined });
  });
  afterAll(async () => t.close());

  it('re-encrypts a TOTP secret under the new key, which the key file now lists first', async () => {
    const keyFile = path.join(dataDir, KEY_FILE_NAME);
    const ring = loadKeyring(t.config, false);
    const oldKid = keyId(ring.keys[0] as Buffer);
    expect(t.deps.cipher.currentKid).toBe(oldKid);

    const user = await t.makeUser('commune_officer', { withTotp: true });
    const bystander = await t.makeUser('trainer', { withTotp: false });
    const stored = async (id: string) =>
      (await t.deps.db.selectFrom('users').select('totp_secret_enc').where('id', '=', id).executeTakeFirstOrThrow()).totp_secret_enc;
    const before = await stored(user.id);
    expect(FieldCipher.kidOf(before as string)).toBe(oldKid);

    const newKey = generateKey();
    const result = await rotateKey(t.deps.db, ring, newKey);
    expect(result.kid).toBe(keyId(newKey));
    expect(result.reencrypted).toBeGreaterThanOrEqual(1);

    const after = await stored(user.id);
    expect(after).not.toBe(before);
    expect(FieldCipher.kidOf(after as string)).toBe(keyId(newKey));
    expect(await stored(bystander.id)).toBeNull();

    expect(keysInFile(keyFile)).toEqual([newKey.toString('hex'), (ring.keys[0] as Buffer).toString('hex')]);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const reloaded = loadKeyring(t.config, false);
    expect(new FieldCipher(reloaded.keys).decrypt(after as string)).toBe(user.totpSecret);
    // The old key alone no longer opens the stored secret.
    expect(() => t.deps.cipher.decrypt(after as string)).toThrow(DecryptError);

    // The database now carries one probe, for the new key, and the rotated ring passes the start-up check.
    expect(await t.deps.db.selectFrom('key_checks').select('kid').execute()).toEqual([{ kid: keyId(newKey) }]);
    await expect(verifyKeysAgainstDatabase(t.deps.db, new FieldCipher(reloaded.keys))).resolves.toBeUndefined();
    await expect(verifyKeysAgainstDatabase(t.deps.db, t.deps.cipher)).rejects.toThrow(KeyError);
  });
});

describe.each(DATABASES)('keys after rotation on %s (issue 15)', (kind) => {
  let t: TestApp;
  let dataDir: string;
  let officer: string;
  let tranPhu: string;
  beforeAll(async () => {
    dataDir = tempDir();
    t = await createTestApp(kind, { dataDir, secretKey: undefined, totpRoles: [] });
    tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
  });
  afterAll(async () => t.close());

  const openCase = async (fullName: string, phone: string) => {
    const response = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: caseIntake(tranPhu, { survivor: { fullName, phone } }) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  };
  /** A system opened on the same database with exactly these keys, as after a restart. */
  const reopen = async (keys: Buffer[]) => (await openSystem(testConfig({ dataDir: tempDir(), secretKey: keys.map((k) => k.toString('hex')).join(',') }), t.handle)).deps;
  const search = async (deps: AppDeps, fullName: string, phone: string) => {
    const viewer = { id: 'x', role: 'district_focal_point' as const, isUnscoped: true, unitScope: new Set<string>() };
    return {
      byName: (await searchByIdentity(deps, viewer, { name: fullName })).map((r) => r.id),
      byPhone: (await searchByIdentity(deps, viewer, { phone })).map((r) => r.id),
      duplicates: (await findDuplicates(deps, viewer, { fullName, phone })).map((r) => r.id),
    };
  };

  it('with only the new key kept, name and phone search, the duplicate check and the audit chain still work', async () => {
    const caseId = await openCase('Hoàng Thị Lan', '0987 654 321');
    const ring = loadKeyring(t.config, false);
    const newKey = generateKey();
    await rotateKey(t.deps.db, ring, newKey);

    const onlyNew = await reopen([newKey]);
    expect(await search(onlyNew, 'Hoàng Thị Lan', '0987654321')).toEqual({ byName: [caseId], byPhone: [caseId], duplicates: [caseId] });
    const chain = await verifyAuditChain(onlyNew.db, onlyNew.auditKey);
    expect(chain).toMatchObject({ ok: true, problems: [] });
    expect(chain.checked).toBeGreaterThan(0);
    // The index and audit keys are the same as before the rotation: nothing was re-indexed.
    expect(onlyNew.auditKey.equals(t.deps.auditKey)).toBe(true);
    expect(onlyNew.cipher.blindIndex('lan', 'name')).toBe(t.deps.cipher.blindIndex('lan', 'name'));
  });

  it('a database made before the key root keeps the index and audit keys of its oldest key', async () => {
    const ring = loadKeyring(t.config, false);
    await t.deps.db.deleteFrom('key_roots').execute();
    const oldest = ring.keys[ring.keys.length - 1] as Buffer;
    const upgraded = await reopen(ring.keys);
    expect(upgraded.auditKey.equals(new FieldCipher(ring.keys).deriveKey('binhan audit chain v1'))).toBe(true);
    expect(upgraded.cipher.blindIndex('xuan', 'name')).toBe(new FieldCipher([oldest]).blindIndex('xuan', 'name'));
    expect(await t.deps.db.selectFrom('key_roots').select('id').execute()).toEqual([{ id: 1 }]);
    expect((await reopen([ring.keys[0] as Buffer])).auditKey.equals(upgraded.auditKey)).toBe(true);
  });

  it('is all or nothing: a value that cannot be re-encrypted leaves the key file, the data and the probes as they were', async () => {
    const keyFile = path.join(dataDir, KEY_FILE_NAME);
    const ring = loadKeyring(t.config, false);
    const fileBefore = fs.readFileSync(keyFile, 'utf8');
    const survivors = await t.deps.db.selectFrom('survivors').select(['case_id', 'identity_enc']).orderBy('case_id').execute();
    const checks = await t.deps.db.selectFrom('key_checks').selectAll().execute();
    // A value under a key nobody has: rotation cannot re-encrypt it.
    const stranger = new FieldCipher([generateKey()]).encrypt('không mở được');
    await t.deps.db.updateTable('cases').set({ safety_plan_enc: stranger }).where('id', '=', (survivors[0] as { case_id: string }).case_id).execute();
    await expect(rotateKey(t.deps.db, ring, generateKey())).rejects.toThrow(DecryptError);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(fileBefore);
    expect(fs.existsSync(`${keyFile}.new`)).toBe(false);
    expect(await t.deps.db.selectFrom('survivors').select(['case_id', 'identity_enc']).orderBy('case_id').execute()).toEqual(survivors);
    expect(await t.deps.db.selectFrom('key_checks').selectAll().execute()).toEqual(checks);
    await t.deps.db.updateTable('cases').set({ safety_plan_enc: null }).where('safety_plan_enc', '=', stranger).execute();
  });

  it('a rotation interrupted after its commit (the new ring still beside the key file) is finished at the next start', () => {
    const keyFile = path.join(dataDir, KEY_FILE_NAME);
    const before = keysInFile(keyFile);
    const newKey = generateKey();
    fs.writeFileSync(`${keyFile}.new`, `${[newKey.toString('hex'), ...before].join('\n')}\n`, { mode: 0o600 });
    const ring = loadKeyring(t.config, false);
    expect(ring.keys.map((k) => k.toString('hex'))).toEqual([newKey.toString('hex'), ...before]);
    expect(keysInFile(keyFile)).toEqual([newKey.toString('hex'), ...before]);
    expect(fs.existsSync(`${keyFile}.new`)).toBe(false);
  });
});
