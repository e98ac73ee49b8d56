// Opening a running system: database, migrations, keys, seed data, first administrator.
import type { Kysely } from 'kysely';
import type { AppConfig } from './config.js';
import type { Database } from './db/schema.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedAdminUnits } from './db/seed-units.js';
import { seedPlan } from './db/seed-plans.js';
import { UnitGraphCache, type AppDeps } from './deps.js';
import { FieldCipher } from './security/field-cipher.js';
import { hasEncryptedData, loadKeyRoot, loadKeyring, verifyKeysAgainstDatabase, type Keyring } from './security/keyring.js';
import { createPasswordHasher } from './security/passwords.js';
import { AuditAnchors, resolveAnchorSettings } from './security/audit-anchors.js';
import { createUser } from './modules/users/service.js';
import { prepareDummyHash } from './modules/auth/service.js';

export interface OpenSystem {
  deps: AppDeps;
  handle: DatabaseHandle;
  keyring: Keyring;
}

/** The keys of a migrated database: checked against its data, with the key root for index and audit keys. */
export async function openKeys(config: Pick<AppConfig, 'secretKey' | 'dataDir'>, db: Kysely<Database>): Promise<{ keyring: Keyring; cipher: FieldCipher }> {
  const hadData = await hasEncryptedData(db);
  const keyring = loadKeyring(config, !hadData);
  const dataCipher = new FieldCipher(keyring.keys);
  await verifyKeysAgainstDatabase(db, dataCipher);
  return { keyring, cipher: new FieldCipher(keyring.keys, await loadKeyRoot(db, dataCipher, keyring.keys, hadData)) };
}

/** The audit chain's key, derived from the key root. */
export const auditKeyOf = (cipher: FieldCipher): Buffer => cipher.deriveKey('binhan audit chain v1');

export async function openSystem(config: AppConfig, handle: DatabaseHandle = openDatabase(config)): Promise<OpenSystem> {
  try {
    await migrateToLatest(handle.db);
    const { keyring, cipher } = await openKeys(config, handle.db);
    await seedAdminUnits(handle.db);
    await seedPlan(handle.db);
    const deps: AppDeps = {
      db: handle.db, dbKind: handle.kind, cipher, auditKey: auditKeyOf(cipher), hasher: createPasswordHasher(config.argon2MemoryKib),
      anchors: AuditAnchors.open(resolveAnchorSettings(config)), config, units: new UnitGraphCache(handle.db),
    };
    await prepareDummyHash(deps);
    return { deps, handle, keyring };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The unit a first administrator is attached to: the district of the seed. */
async function defaultAdminUnit(deps: AppDeps): Promise<string> {
  const unit = await deps.db.selectFrom('admin_units').select('id').where('kind', '=', 'district').orderBy('valid_from').executeTakeFirst()
    ?? await deps.db.selectFrom('admin_units').select('id').orderBy('valid_from').executeTakeFirstOrThrow();
  return unit.id;
}

export async function createAdministrator(deps: AppDeps, username: string, displayName = 'Quản trị hệ thống') {
  return createUser(deps, null, { username, displayName, role: 'system_admin', unitId: await defaultAdminUnit(deps), organisation: undefined, locale: 'vi' });
}

/** On a database with no users, create `admin` with a one-time password; returns it to be printed once. */
export async function ensureFirstAdministrator(deps: AppDeps): Promise<string | null> {
  const any = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const { temporaryPassword } = await createAdministrator(deps, 'admin');
  return temporaryPassword;
}
