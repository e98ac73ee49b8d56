import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, queueCount } from './queue';
import { containsBytes, randomDeviceKey, rawDump } from './test-helpers';
import {
  changePin,
  createVault,
  deviceId,
  getRecord,
  getSetting,
  isUnlocked,
  isValidPin,
  lock,
  MAX_PIN_FAILURES,
  onVaultChange,
  putRecord,
  putSetting,
  replaceSnapshot,
  unlockWithDeviceKey,
  unlockWithPin,
  vaultInfo,
  wipe,
} from './vault';

const OWNER = '0190d1a2-0000-7000-8000-000000000001';
const OTHER = '0190d1a2-0000-7000-8000-000000000002';
const PIN = '482915';
const NAME = 'Nguyễn Thị Hoà Bình';
const PHONE = '0987654321';

let deviceKey: string;

beforeEach(async () => {
  await wipe();
  deviceKey = randomDeviceKey();
  await createVault(OWNER, deviceKey, PIN);
});

afterEach(async () => {
  await wipe();
});

describe('offline vault', { timeout: 30_000 }, () => {
  it('keeps records and settings readable while unlocked', async () => {
    expect(await vaultInfo()).toEqual({ state: 'unlocked', ownerId: OWNER, pinFailures: 0 });
    expect(isUnlocked()).toBe(true);
    await putRecord('snapshot', '/api/cases/abc', { name: NAME, phone: PHONE, version: 3 });
    await putSetting('marked', ['abc']);
    expect(await getRecord('snapshot', '/api/cases/abc')).toEqual({ name: NAME, phone: PHONE, version: 3 });
    expect(await getSetting('marked')).toEqual(['abc']);
    expect(await getRecord('snapshot', '/api/cases/none')).toBeUndefined();
    expect(await getSetting('none')).toBeUndefined();
  });

  it('replaces the whole snapshot at once', async () => {
    await putRecord('snapshot', '/api/cases/old', { name: 'old' });
    await replaceSnapshot({ '/api/cases/a': { n: 1 }, '/api/cases/b': { n: 2 } });
    expect(await getRecord('snapshot', '/api/cases/old')).toBeUndefined();
    expect(await getRecord('snapshot', '/api/cases/a')).toEqual({ n: 1 });
    expect(await getRecord('snapshot', '/api/cases/b')).toEqual({ n: 2 });
  });

  it('leaves no readable name, phone or payload in IndexedDB', async () => {
    await putRecord('snapshot', '/api/cases/abc', { name: NAME, phone: PHONE });
    await replaceSnapshot({ '/api/cases/abc': { name: NAME, phone: PHONE }, '/api/code-lists': { items: ['x'] } });
    await putSetting('me', { fullName: NAME });
    await enqueue({ opId: '0190d1a2-0000-7000-8000-0000000000aa', kind: 'case.note', caseRef: 'abc', recordedAt: new Date().toISOString(), payload: { body: `Gặp ${NAME}, ${PHONE}` }, label: 'BA-1 ghi chú' });
    const { stores, bytes } = await rawDump();
    expect(Object.keys(stores).sort()).toEqual(['meta', 'queue', 'refused', 'settings', 'snapshot']);
    expect(stores.snapshot?.values).toHaveLength(2);
    expect(stores.queue?.values).toHaveLength(1);
    expect(containsBytes(bytes, NAME)).toBe(false);
    expect(containsBytes(bytes, 'Nguy')).toBe(false);
    expect(containsBytes(bytes, PHONE)).toBe(false);
    expect(containsBytes(bytes, 'ghi chú')).toBe(false);
    expect(containsBytes(bytes, 'fullName')).toBe(false);
    // The helper does find what is in clear (the keys): the search itself works.
    expect(containsBytes(bytes, '/api/cases/abc')).toBe(true);
    expect(containsBytes(bytes, OWNER)).toBe(true);
  });

  it('refuses to read or write while locked', async () => {
    await putRecord('snapshot', '/api/cases/abc', { name: NAME });
    lock();
    expect(isUnlocked()).toBe(false);
    expect((await vaultInfo()).state).toBe('locked');
    await expect(getRecord('snapshot', '/api/cases/abc')).rejects.toThrow('OFFLINE_LOCKED');
    await expect(putRecord('snapshot', '/api/cases/x', {})).rejects.toThrow('OFFLINE_LOCKED');
    await expect(getSetting('me')).rejects.toThrow('OFFLINE_LOCKED');
  });

  it('does not decrypt a ciphertext moved to another key', async () => {
    await putRecord('snapshot', '/api/cases/a', { name: NAME });
    const { stores } = await rawDump();
    const sealed = stores.snapshot?.values[0];
    const request = indexedDB.open('binhan-offline');
    const db = await new Promise<IDBDatabase>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('snapshot', 'readwrite');
      tx.objectStore('snapshot').put(sealed, '/api/cases/b');
      tx.oncomplete = () => resolve();
    });
    db.close();
    await expect(getRecord('snapshot', '/api/cases/b')).rejects.toThrow();
    expect(await getRecord('snapshot', '/api/cases/a')).toEqual({ name: NAME });
  });

  it('unlocks with the right device key only, and only for its owner', async () => {
    await putRecord('snapshot', '/api/cases/abc', { name: NAME });
    lock();
    expect(await unlockWithDeviceKey(OWNER, randomDeviceKey())).toBe(false);
    expect(await unlockWithDeviceKey(OWNER, 'not-a-key')).toBe(false);
    expect(await unlockWithDeviceKey(OTHER, deviceKey)).toBe(false);
    expect(isUnlocked()).toBe(false);
    expect(await unlockWithDeviceKey(OWNER, deviceKey)).toBe(true);
    expect(await getRecord('snapshot', '/api/cases/abc')).toEqual({ name: NAME });
  });

  it('unlocks with the right PIN, counts wrong ones, and a right PIN resets the count', async () => {
    await putRecord('snapshot', '/api/cases/abc', { name: NAME });
    lock();
    expect(await unlockWithPin('000000')).toEqual({ ok: false, failures: 1, left: MAX_PIN_FAILURES - 1 });
    expect(await unlockWithPin('12')).toEqual({ ok: false, failures: 2, left: MAX_PIN_FAILURES - 2 });
    expect((await vaultInfo()).pinFailures).toBe(2);
    expect(isUnlocked()).toBe(false);
    expect(await unlockWithPin(PIN)).toEqual({ ok: true });
    expect(await vaultInfo()).toEqual({ state: 'unlocked', ownerId: OWNER, pinFailures: 0 });
    expect(await getRecord('snapshot', '/api/cases/abc')).toEqual({ name: NAME });
    lock();
    // The count started over: four more wrong PINs do not wipe.
    for (let i = 1; i < MAX_PIN_FAILURES; i++) expect(await unlockWithPin('999999')).toMatchObject({ ok: false, failures: i });
    expect((await vaultInfo()).state).toBe('locked');
  });

  it('wipes everything after five wrong PINs in a row', async () => {
    await putRecord('snapshot', '/api/cases/abc', { name: NAME });
    await enqueue({ opId: '0190d1a2-0000-7000-8000-0000000000ab', kind: 'case.note', recordedAt: new Date().toISOString(), payload: {}, label: 'x' });
    lock();
    let changes = 0;
    const stop = onVaultChange(() => changes++);
    const results = [];
    for (let i = 0; i < MAX_PIN_FAILURES; i++) results.push(await unlockWithPin('111111'));
    stop();
    expect(results.at(-2)).toEqual({ ok: false, failures: 4, left: 1 });
    expect(results.at(-1)).toEqual({ ok: false, wiped: true });
    expect(changes).toBeGreaterThanOrEqual(MAX_PIN_FAILURES);
    expect(await vaultInfo()).toEqual({ state: 'none', ownerId: null, pinFailures: 0 });
    expect(await queueCount()).toBe(0);
    const { stores } = await rawDump();
    for (const [name, store] of Object.entries(stores)) expect(store.values, name).toHaveLength(0);
    // The old device key opens nothing any more, and the right PIN neither.
    expect(await unlockWithDeviceKey(OWNER, deviceKey)).toBe(false);
    expect(await unlockWithPin(PIN)).toEqual({ ok: false, wiped: true });
  });

  it('changes the PIN (unlocked by device key or by PIN)', async () => {
    await changePin('13572468');
    lock();
    expect(await unlockWithPin(PIN)).toMatchObject({ ok: false, failures: 1 });
    expect(await unlockWithPin('13572468')).toEqual({ ok: true });
    await changePin('246810');
    lock();
    expect(await unlockWithPin('13572468')).toMatchObject({ ok: false });
    expect(await unlockWithPin('246810')).toEqual({ ok: true });
    // The device key still works after PIN changes.
    lock();
    expect(await unlockWithDeviceKey(OWNER, deviceKey)).toBe(true);
    lock();
    await expect(changePin('111111')).rejects.toThrow('OFFLINE_LOCKED');
  });

  it('creating a vault wipes the one before (another user on the device)', async () => {
    await putRecord('snapshot', '/api/cases/abc', { name: NAME });
    const otherKey = randomDeviceKey();
    await createVault(OTHER, otherKey, '654321');
    expect(await vaultInfo()).toEqual({ state: 'unlocked', ownerId: OTHER, pinFailures: 0 });
    expect(await getRecord('snapshot', '/api/cases/abc')).toBeUndefined();
    lock();
    expect(await unlockWithDeviceKey(OWNER, deviceKey)).toBe(false);
    expect(await unlockWithDeviceKey(OTHER, otherKey)).toBe(true);
  });

  it('checks PINs and keeps one device id', async () => {
    expect(isValidPin('123456')).toBe(true);
    expect(isValidPin('123456789012')).toBe(true);
    expect(isValidPin('12345')).toBe(false);
    expect(isValidPin('1234567890123')).toBe(false);
    expect(isValidPin('12345a')).toBe(false);
    await expect(createVault(OWNER, deviceKey, '12')).rejects.toThrow('OFFLINE_PIN_INVALID');
    expect(deviceId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(deviceId()).toBe(deviceId());
  });
});
