// The device's encrypted offline store (issue 8). Everything a user keeps for offline work lives in one
// IndexedDB database; every record is encrypted with a random AES-GCM data key (DEK) that exists only in
// this module's memory while the store is unlocked. The DEK is kept on the device twice, wrapped: once with
// the device key the server hands a signed-in session (so signing in unlocks), once with a key derived from
// the user's offline PIN (so an offline session can be unlocked without the server). The 'meta' store holds
// only the owner's user id, the two wrapped keys and the PIN failure count: no personal data.
//
// Each record is JSON, encrypted with a fresh 12-byte IV and the store and key as additional authenticated
// data, so a ciphertext moved to another key or store no longer decrypts.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type VaultState = 'none' | 'locked' | 'unlocked';
export interface VaultInfo {
  state: VaultState;
  ownerId: string | null;
  pinFailures: number;
}
export type PinResult = { ok: true } | { ok: false; failures: number; left: number } | { ok: false; wiped: true };

export const MAX_PIN_FAILURES = 5;
export const DB_NAME = 'binhan-offline';
const DB_VERSION = 1;
const DEVICE_ID_KEY = 'binhan.deviceId';
const PBKDF2_ITERATIONS = 600_000;
const META_KEY = 'vault';

/** An encrypted value as stored: the IV and the AES-GCM ciphertext (with its tag). */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ct: ArrayBuffer;
}

interface VaultMeta {
  ownerId: string;
  createdAt: string;
  /** The DEK wrapped (AES-GCM) with the device key from the server. */
  byDevice: Sealed;
  /** The DEK wrapped (AES-GCM) with a PBKDF2-SHA-256 key derived from the PIN. */
  byPin: Sealed & { salt: Uint8Array<ArrayBuffer>; iterations: number };
  pinFailures: number;
}

/** A queued or refused op row: the op id and queue position in clear (random, not personal), the op sealed. */
export interface OpRow extends Sealed {
  seq?: number;
  opId: string;
}

interface OfflineSchema extends DBSchema {
  meta: { key: string; value: VaultMeta };
  snapshot: { key: string; value: Sealed };
  settings: { key: string; value: Sealed };
  queue: { key: number; value: OpRow; indexes: { opId: string } };
  refused: { key: string; value: OpRow & { seq: number }; indexes: { seq: number } };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;
export type SealedStore = 'snapshot' | 'settings' | 'queue' | 'refused';

interface Session {
  ownerId: string;
  /** Non-extractable; encrypts and decrypts the records. */
  dek: CryptoKey;
  /** The key that unwrapped the DEK this time (device or PIN key), kept so changePin can re-wrap it. */
  kek: CryptoKey;
  kekKind: 'device' | 'pin';
}

let session: Session | null = null;
let dbPromise: Promise<OfflineDb> | null = null;
const listeners = new Set<() => void>();
let memoryDeviceId: string | null = null;

// ---------------------------------------------------------------------------------------------------------
// Database

export function openOfflineDb(): Promise<OfflineDb> {
  if (dbPromise) return dbPromise;
  const opening = openDB<OfflineSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('snapshot');
      db.createObjectStore('settings');
      const queue = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      queue.createIndex('opId', 'opId', { unique: true });
      const refused = db.createObjectStore('refused', { keyPath: 'opId' });
      refused.createIndex('seq', 'seq');
    },
    // Another tab wipes the store (or a newer version of the app upgrades it): let go at once.
    blocking() {
      forgetDb();
      if (session) {
        session = null;
        emitVaultChange();
      }
    },
    terminated() {
      forgetDb();
    },
  });
  dbPromise = opening;
  opening.catch(() => {
    if (dbPromise === opening) dbPromise = null;
  });
  return opening;
}

function forgetDb(): void {
  const current = dbPromise;
  dbPromise = null;
  current?.then((db) => db.close()).catch(() => undefined);
}

async function readMeta(): Promise<VaultMeta | undefined> {
  const db = await openOfflineDb();
  return db.get('meta', META_KEY);
}

async function writeMeta(meta: VaultMeta): Promise<void> {
  const db = await openOfflineDb();
  await db.put('meta', meta, META_KEY);
}

// ---------------------------------------------------------------------------------------------------------
// Events

export function onVaultChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tell the listeners that the vault, the queue or the refused list changed. */
export function emitVaultChange(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch {
      // A listener's failure must not stop the others or the write that caused it.
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Device id

export function deviceId(): string {
  try {
    const stored = globalThis.localStorage?.getItem(DEVICE_ID_KEY);
    if (stored) return stored;
    const created = memoryDeviceId ?? crypto.randomUUID();
    globalThis.localStorage?.setItem(DEVICE_ID_KEY, created);
    memoryDeviceId = created;
    return created;
  } catch {
    // Storage switched off: keep one id for this page's life.
    memoryDeviceId ??= crypto.randomUUID();
    return memoryDeviceId;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Keys

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function importDeviceKey(deviceKey: string): Promise<CryptoKey | null> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = base64UrlToBytes(deviceKey);
  } catch {
    return null;
  }
  if (raw.length !== 32) return null;
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
}

async function derivePinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** The wrapped DEK is bound to its owner and to how it is wrapped. */
function wrapAad(ownerId: string, kind: 'device' | 'pin'): Uint8Array<ArrayBuffer> {
  return encoder.encode(`binhan-offline:dek:${kind}:${ownerId}`);
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

async function wrapDek(dek: CryptoKey, kek: CryptoKey, ownerId: string, kind: 'device' | 'pin'): Promise<Sealed> {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.wrapKey('raw', dek, kek, { name: 'AES-GCM', iv, additionalData: wrapAad(ownerId, kind) });
  return { iv, ct };
}

async function unwrapDek(sealed: Sealed, kek: CryptoKey, ownerId: string, kind: 'device' | 'pin', extractable = false): Promise<CryptoKey | null> {
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      sealed.ct,
      kek,
      { name: 'AES-GCM', iv: sealed.iv, additionalData: wrapAad(ownerId, kind) },
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    return null;
  }
}

async function pinWrap(dek: CryptoKey, pin: string, ownerId: string): Promise<VaultMeta['byPin']> {
  const salt = randomBytes(16);
  const pinKey = await derivePinKey(pin, salt, PBKDF2_ITERATIONS);
  return { ...(await wrapDek(dek, pinKey, ownerId, 'pin')), salt, iterations: PBKDF2_ITERATIONS };
}

// ---------------------------------------------------------------------------------------------------------
// Vault life

export function isValidPin(pin: string): boolean {
  return /^\d{6,12}$/.test(pin);
}

export function isUnlocked(): boolean {
  return session !== null;
}

export async function vaultInfo(): Promise<VaultInfo> {
  const meta = await readMeta();
  if (!meta) return { state: 'none', ownerId: null, pinFailures: 0 };
  const unlocked = session !== null && session.ownerId === meta.ownerId;
  return { state: unlocked ? 'unlocked' : 'locked', ownerId: meta.ownerId, pinFailures: meta.pinFailures };
}

export async function createVault(userId: string, deviceKey: string, pin: string): Promise<void> {
  if (!isValidPin(pin)) throw new Error('OFFLINE_PIN_INVALID');
  const kek = await importDeviceKey(deviceKey);
  if (!kek) throw new Error('OFFLINE_DEVICE_KEY_INVALID');
  await wipeQuietly();
  // Extractable only for the moment it takes to wrap it twice; the copy kept in memory is not.
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const byDevice = await wrapDek(fresh, kek, userId, 'device');
  const byPin = await pinWrap(fresh, pin, userId);
  const dek = await unwrapDek(byDevice, kek, userId, 'device');
  if (!dek) throw new Error('OFFLINE_VAULT_CREATE_FAILED');
  await writeMeta({ ownerId: userId, createdAt: new Date().toISOString(), byDevice, byPin, pinFailures: 0 });
  session = { ownerId: userId, dek, kek, kekKind: 'device' };
  emitVaultChange();
}

export async function unlockWithDeviceKey(userId: string, deviceKey: string): Promise<boolean> {
  const meta = await readMeta();
  if (!meta || meta.ownerId !== userId) return false;
  const kek = await importDeviceKey(deviceKey);
  if (!kek) return false;
  const dek = await unwrapDek(meta.byDevice, kek, meta.ownerId, 'device');
  if (!dek) return false;
  // Signing in proves more than a PIN does: the PIN count starts over.
  if (meta.pinFailures !== 0) await writeMeta({ ...meta, pinFailures: 0 });
  session = { ownerId: meta.ownerId, dek, kek, kekKind: 'device' };
  emitVaultChange();
  return true;
}

/** PIN attempts run one after the other, so two quick tries cannot both read the same failure count. */
let pinAttempts: Promise<unknown> = Promise.resolve();

export function unlockWithPin(pin: string): Promise<PinResult> {
  const attempt = pinAttempts.then(() => tryPin(pin));
  pinAttempts = attempt.catch(() => undefined);
  return attempt;
}

async function tryPin(pin: string): Promise<PinResult> {
  const meta = await readMeta();
  if (!meta) return { ok: false, wiped: true };
  // Count the attempt before trying it, so closing the page mid-attempt does not give a free guess.
  const failures = meta.pinFailures + 1;
  await writeMeta({ ...meta, pinFailures: failures });
  let dek: CryptoKey | null = null;
  let pinKey: CryptoKey | null = null;
  if (isValidPin(pin)) {
    pinKey = await derivePinKey(pin, meta.byPin.salt, meta.byPin.iterations);
    dek = await unwrapDek(meta.byPin, pinKey, meta.ownerId, 'pin');
  }
  if (dek && pinKey) {
    await writeMeta({ ...meta, pinFailures: 0 });
    session = { ownerId: meta.ownerId, dek, kek: pinKey, kekKind: 'pin' };
    emitVaultChange();
    return { ok: true };
  }
  if (failures >= MAX_PIN_FAILURES) {
    await wipe();
    return { ok: false, wiped: true };
  }
  emitVaultChange();
  return { ok: false, failures, left: MAX_PIN_FAILURES - failures };
}

export async function changePin(pin: string): Promise<void> {
  if (!isValidPin(pin)) throw new Error('OFFLINE_PIN_INVALID');
  const current = requireSession();
  const meta = await readMeta();
  if (!meta || meta.ownerId !== current.ownerId) throw new Error('OFFLINE_LOCKED');
  const sealed = current.kekKind === 'device' ? meta.byDevice : meta.byPin;
  const extractable = await unwrapDek(sealed, current.kek, meta.ownerId, current.kekKind, true);
  if (!extractable) throw new Error('OFFLINE_LOCKED');
  const byPin = await pinWrap(extractable, pin, meta.ownerId);
  const latest = (await readMeta()) ?? meta;
  await writeMeta({ ...latest, byPin, pinFailures: 0 });
  if (current.kekKind === 'pin') {
    // The old PIN key no longer unwraps anything: remember the new one.
    const pinKey = await derivePinKey(pin, byPin.salt, byPin.iterations);
    if (session === current) session = { ...current, kek: pinKey };
  }
  emitVaultChange();
}

export function lock(): void {
  const wasUnlocked = session !== null;
  session = null;
  if (wasUnlocked) emitVaultChange();
}

async function wipeQuietly(): Promise<void> {
  session = null;
  const current = dbPromise;
  dbPromise = null;
  if (current) {
    try {
      (await current).close();
    } catch {
      // It never opened: nothing to close.
    }
  }
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('OFFLINE_WIPE_FAILED'));
    // Other tabs close their connection on 'versionchange'; the delete then goes on by itself.
    request.onblocked = () => undefined;
  });
}

export async function wipe(): Promise<void> {
  await wipeQuietly();
  emitVaultChange();
}

// ---------------------------------------------------------------------------------------------------------
// Sealed values (used by the queue too)

function requireSession(): Session {
  if (!session) throw new Error('OFFLINE_LOCKED');
  return session;
}

function recordAad(store: SealedStore, key: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`binhan-offline:${store}\u0000${key}`);
}

export async function seal(store: SealedStore, key: string, value: unknown): Promise<Sealed> {
  const { dek } = requireSession();
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: recordAad(store, key) }, dek, encoder.encode(JSON.stringify(value)));
  return { iv, ct };
}

export async function unseal<T>(store: SealedStore, key: string, sealed: Sealed): Promise<T> {
  const { dek } = requireSession();
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: recordAad(store, key) }, dek, sealed.ct);
  return JSON.parse(decoder.decode(plain)) as T;
}

// ---------------------------------------------------------------------------------------------------------
// Records

export async function putRecord(store: 'snapshot', key: string, value: unknown): Promise<void> {
  const sealed = await seal(store, key, value);
  const db = await openOfflineDb();
  await db.put(store, sealed, key);
}

export async function getRecord<T>(store: 'snapshot', key: string): Promise<T | undefined> {
  requireSession();
  const db = await openOfflineDb();
  const sealed = await db.get(store, key);
  return sealed ? unseal<T>(store, key, sealed) : undefined;
}

export async function replaceSnapshot(entries: Record<string, unknown>): Promise<void> {
  // Encrypt first: an IndexedDB transaction closes as soon as it waits on anything else.
  const sealed: [string, Sealed][] = [];
  for (const [key, value] of Object.entries(entries)) sealed.push([key, await seal('snapshot', key, value)]);
  const db = await openOfflineDb();
  const tx = db.transaction('snapshot', 'readwrite');
  await Promise.all([tx.store.clear(), ...sealed.map(([key, value]) => tx.store.put(value, key)), tx.done]);
}

export async function putSetting(key: string, value: unknown): Promise<void> {
  const sealed = await seal('settings', key, value);
  const db = await openOfflineDb();
  await db.put('settings', sealed, key);
}

export async function getSetting<T>(key: string): Promise<T | undefined> {
  requireSession();
  const db = await openOfflineDb();
  const sealed = await db.get('settings', key);
  return sealed ? unseal<T>('settings', key, sealed) : undefined;
}
