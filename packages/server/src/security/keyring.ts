// Where the encryption keys come from (BINHAN_SECRET_KEY or a key file made on first start), the check
// that they open the data already in the database, and key rotation.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { FieldCipher, generateKey, keyId, parseKey } from './field-cipher.js';
import { nowIso } from '../lib/clock.js';

export const KEY_FILE_NAME = 'secret.key';
const PROBE = 'binhan-key-check';

export class KeyError extends Error {
  constructor(message: string, readonly vi?: string) {
    super(message);
  }
}

export interface Keyring {
  keys: Buffer[];
  source: 'env' | 'file';
  file: string | null;
  created: boolean;
}

function parseKeyList(text: string, origin: string): Buffer[] {
  const parts = text.replace(/#.*$/gm, '').split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) throw new KeyError(`${origin} holds no key`);
  try {
    return parts.map(parseKey);
  } catch (error) {
    throw new KeyError(`${origin}: ${(error as Error).message}`);
  }
}

/** Load the keys; create a key file (mode 0600) only when allowed, i.e. when nothing is encrypted yet. */
export function loadKeyring(config: { secretKey: string | undefined; dataDir: string }, allowCreate: boolean): Keyring {
  if (config.secretKey !== undefined && config.secretKey.trim() !== '') {
    return { keys: parseKeyList(config.secretKey, 'BINHAN_SECRET_KEY'), source: 'env', file: null, created: false };
  }
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  finishInterruptedRotation(file);
  if (fs.existsSync(file)) {
    // The key opens every protected record: nobody but the server's user may read it.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return { keys: parseKeyList(fs.readFileSync(file, 'utf8'), file), source: 'file', file, created: false };
  }
  if (!allowCreate) {
    throw new KeyError(
      `The database holds encrypted data but no key was found: set BINHAN_SECRET_KEY or restore the key file ${file}.`,
      `Cơ sở dữ liệu có dữ liệu mã hóa nhưng không tìm thấy khóa: hãy đặt BINHAN_SECRET_KEY hoặc khôi phục tệp khóa ${file}.`,
    );
  }
  const key = generateKey();
  writeKeyFile(file, [key]);
  return { keys: [key], source: 'file', file, created: true };
}

/** The ring a rotation writes before touching the data, moved over the key file once the data is done. */
export const pendingKeyFile = (file: string): string => `${file}.new`;

/**
 * A rotation stopped between its commit and the key file's rename leaves the new ring beside the old
 * one: take every key of both, the new current first. If its transaction never committed, the new key
 * simply becomes current for what is written next, and every older value still opens.
 */
function finishInterruptedRotation(file: string): void {
  const pending = pendingKeyFile(file);
  if (!fs.existsSync(pending)) return;
  const keys = parseKeyList(fs.readFileSync(pending, 'utf8'), pending);
  const older = fs.existsSync(file) ? parseKeyList(fs.readFileSync(file, 'utf8'), file) : [];
  writeKeyFile(file, [...keys, ...older.filter((k) => !keys.some((n) => n.equals(k)))]);
  fs.rmSync(pending, { force: true });
}

export function writeKeyFile(file: string, keys: Buffer[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  const body = [
    '# Bình An encryption keys. The first encrypts, all decrypt. Keep a copy apart from backups; without it the data cannot be read.',
    ...keys.map((k) => k.toString('hex')),
    '',
  ].join('\n');
  fs.writeFileSync(temporary, body, { mode: 0o600 });
  fs.renameSync(temporary, file);
  fs.chmodSync(file, 0o600);
}

export async function hasEncryptedData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('key_checks').select('kid').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Refuse to run with keys that do not open the data already stored: the database keeps one encrypted
 * probe per key that was ever current, and at least one must decrypt.
 */
export async function verifyKeysAgainstDatabase(db: Kysely<Database>, cipher: FieldCipher): Promise<void> {
  const checks = await db.selectFrom('key_checks').selectAll().execute();
  if (checks.length > 0) {
    const opened = checks.some((check) => {
      try {
        return cipher.decrypt(check.probe) === PROBE;
      } catch {
        return false;
      }
    });
    if (!opened) {
      throw new KeyError(
        'The encryption key does not match the data in this database. Set the right BINHAN_SECRET_KEY or restore the key file.',
        'Khóa mã hóa không khớp với dữ liệu trong cơ sở dữ liệu này. Hãy đặt đúng BINHAN_SECRET_KEY hoặc khôi phục tệp khóa.',
      );
    }
  }
  if (!checks.some((c) => c.kid === cipher.currentKid)) {
    await db.insertInto('key_checks').values({ kid: cipher.currentKid, probe: cipher.encrypt(PROBE), created_at: nowIso() }).execute();
  }
}

const KEY_ROOT_ID = 1;

/**
 * The root of the search-index and audit keys. Kept in the database under the current data key, so any
 * ring that opens the data opens it, whatever older keys the operator dropped. A database that already
 * holds protected data without a root keeps the one it used so far: the oldest key of the ring.
 */
export async function loadKeyRoot(db: Kysely<Database>, cipher: FieldCipher, ring: readonly Buffer[], hadData: boolean): Promise<Buffer> {
  const row = await db.selectFrom('key_roots').select('root_enc').where('id', '=', KEY_ROOT_ID).executeTakeFirst();
  if (row) {
    try {
      return Buffer.from(cipher.decrypt(row.root_enc), 'hex');
    } catch {
      const kid = FieldCipher.kidOf(row.root_enc) ?? '?';
      throw new KeyError(
        `The key root of this database is encrypted under key ${kid}, which is not in the ring: add that key to BINHAN_SECRET_KEY or the key file (rotate-key says which keys to keep).`,
        `Gốc khóa của cơ sở dữ liệu này được mã hóa bằng khóa ${kid}, không có trong bộ khóa: hãy thêm khóa đó vào BINHAN_SECRET_KEY hoặc tệp khóa (rotate-key cho biết cần giữ những khóa nào).`,
      );
    }
  }
  const root = hadData ? (ring[ring.length - 1] as Buffer) : generateKey();
  await db.insertInto('key_roots').values({ id: KEY_ROOT_ID, root_enc: cipher.encrypt(root.toString('hex')), created_at: nowIso() })
    .onConflict((oc) => oc.column('id').doNothing()).execute();
  // Another process may have written it first: the stored one wins.
  const stored = await db.selectFrom('key_roots').select('root_enc').where('id', '=', KEY_ROOT_ID).executeTakeFirstOrThrow();
  return Buffer.from(cipher.decrypt(stored.root_enc), 'hex');
}

/** Every encrypted column of the schema: rotation re-encrypts them all. Later modules add theirs here. */
export const ENCRYPTED_COLUMNS: ReadonlyArray<{ table: keyof Database; column: string; id: string }> = [
  { table: 'key_roots', column: 'root_enc', id: 'id' },
  { table: 'users', column: 'totp_secret_enc', id: 'id' },
  { table: 'sessions', column: 'pending_totp_secret_enc', id: 'id' },
  { table: 'survivors', column: 'identity_enc', id: 'case_id' },
  { table: 'incidents', column: 'override_reason_enc', id: 'id' },
  { table: 'incidents', column: 'details_enc', id: 'id' },
  { table: 'case_events', column: 'note_enc', id: 'id' },
  { table: 'consents', column: 'note_enc', id: 'id' },
  { table: 'referrals', column: 'shared_enc', id: 'id' },
  { table: 'referrals', column: 'note_enc', id: 'id' },
  { table: 'referrals', column: 'response_note_enc', id: 'id' },
  { table: 'support_plans', column: 'content_enc', id: 'id' },
  { table: 'support_plans', column: 'decision_note_enc', id: 'id' },
  { table: 'protection_measures', column: 'note_enc', id: 'id' },
  { table: 'follow_ups', column: 'note_enc', id: 'id' },
  { table: 'perpetrators', column: 'identity_enc', id: 'id' },
  { table: 'perpetrator_links', column: 'note_enc', id: 'id' },
  { table: 'perpetrator_link_requests', column: 'note_enc', id: 'id' },
  { table: 'perpetrator_counselling', column: 'outcome_enc', id: 'id' },
  { table: 'perpetrator_measures', column: 'notes_enc', id: 'id' },
  { table: 'perpetrator_measures', column: 'rule_override_reason_enc', id: 'id' },
  { table: 'community_reports', column: 'content_enc', id: 'id' },
  { table: 'community_reports', column: 'triage_note_enc', id: 'id' },
  { table: 'network_members', column: 'full_name_enc', id: 'id' },
  { table: 'network_members', column: 'phone_enc', id: 'id' },
  { table: 'trusted_addresses', column: 'name_enc', id: 'id' },
  { table: 'trusted_addresses', column: 'contact_person_enc', id: 'id' },
  { table: 'trusted_addresses', column: 'phone_enc', id: 'id' },
  { table: 'outreach_activities', column: 'note_enc', id: 'id' },
  { table: 'outreach_imports', column: 'payload', id: 'id' },
  { table: 'trusted_addresses', column: 'address_enc', id: 'id' },
  { table: 'periodic_reports', column: 'narrative_enc', id: 'id' },
  { table: 'periodic_reports', column: 'return_comment_enc', id: 'id' },
  { table: 'periodic_report_events', column: 'comment_enc', id: 'id' },
  { table: 'cases', column: 'safety_plan_enc', id: 'id' },
  { table: 'sync_conflicts', column: 'base_value_enc', id: 'id' },
  { table: 'sync_conflicts', column: 'device_value_enc', id: 'id' },
  { table: 'sync_conflicts', column: 'server_value_enc', id: 'id' },
];

/**
 * Rotate, all or nothing: the new key becomes current and every encrypted value (the key root too) is
 * re-encrypted in one transaction, after which the database needs only the new key; older keys are
 * needed only for backups made before. The new ring is written beside the key file before the data and
 * moved over it after the commit, so a crash at any point leaves a ring that opens everything, and a
 * failed transaction leaves the key file as it was.
 */
export async function rotateKey(db: Kysely<Database>, ring: Keyring, newKey: Buffer = generateKey()): Promise<{ kid: string; reencrypted: number; keys: Buffer[] }> {
  const keys = [newKey, ...ring.keys.filter((k) => keyId(k) !== keyId(newKey))];
  const pending = ring.source === 'file' && ring.file ? pendingKeyFile(ring.file) : null;
  if (pending) writeKeyFile(pending, keys);
  try {
    return await reencryptAll(db, keys);
  } catch (error) {
    if (pending) fs.rmSync(pending, { force: true });
    throw error;
  } finally {
    if (pending && ring.file && fs.existsSync(pending)) fs.renameSync(pending, ring.file);
  }
}

async function reencryptAll(db: Kysely<Database>, keys: Buffer[]): Promise<{ kid: string; reencrypted: number; keys: Buffer[] }> {
  const cipher = new FieldCipher(keys);
  let reencrypted = 0;
  await db.transaction().execute(async (trx) => {
    for (const { table, column, id } of ENCRYPTED_COLUMNS) {
      // Table and column names come from the constant list above, never from input.
      const { rows } = await sql<{ id: string; value: string }>`select ${sql.ref(id)} as id, ${sql.ref(column)} as value from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(trx);
      for (const row of rows) {
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${cipher.encrypt(cipher.decrypt(row.value))} where ${sql.ref(id)} = ${row.id}`.execute(trx);
        reencrypted += 1;
      }
    }
    await trx.deleteFrom('key_checks').execute();
    await trx.insertInto('key_checks').values({ kid: cipher.currentKid, probe: cipher.encrypt(PROBE), created_at: nowIso() }).execute();
  });
  return { kid: cipher.currentKid, reencrypted, keys };
}
