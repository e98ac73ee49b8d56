// Helpers for the offline browser tests: users, cases opened through the API, preparing a device, and
// reading back every byte the device keeps.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { caseIntake } from '../packages/server/src/test/factories.js';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import type { AppDeps } from '../packages/server/src/deps.js';
import { signInAs } from './support.js';

export const PASSWORD = 'Thôn Nà Deng bên kia đèo';
export const PIN = '246810';

export async function communeId(deps: AppDeps, code = '02176'): Promise<string> {
  return (await deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_to', 'is', null).executeTakeFirstOrThrow()).id;
}

/** A user of the commune, signed in with two-factor when the role needs it. Returns the TOTP secret. */
export async function addUser(deps: AppDeps, username: string, displayName: string, role: 'commune_officer' | 'communicator', unitId: string): Promise<string | null> {
  const secret = role === 'communicator' ? null : generateTotpSecret();
  const { user } = await createUser(deps, null, { username, displayName, role, unitId, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: secret ? 1 : 0, totp_secret_enc: secret ? deps.cipher.encrypt(secret) : null }).where('id', '=', user.id).execute();
  return secret;
}

export const signIn = (page: Page, baseUrl: string, username: string, secret: string | null) => signInAs(page, baseUrl, username, PASSWORD, secret);

/** Open a case through the API from the signed-in page (as the intake wizard would). Returns its id and code. */
export async function openCase(page: Page, unitId: string, fullName: string, phone: string): Promise<{ id: string; code: string }> {
  const created = await page.evaluate(async (body) => {
    const response = await fetch('/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { id: string; code: string } };
  }, caseIntake(unitId, { survivor: { fullName, dateOfBirth: '1991-05-02', phone } }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** First offline use: the PIN, then the pack; and the service worker in control, so the app opens offline. */
export async function prepareDevice(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/app/offline`);
  await page.getByRole('heading', { name: 'Làm việc khi không có mạng' }).waitFor();
  await page.getByLabel('Mã PIN', { exact: true }).fill(PIN);
  await page.getByLabel('Nhập lại mã PIN').fill(PIN);
  await page.getByRole('button', { name: 'Chuẩn bị dữ liệu' }).click();
  await page.getByText('Đã chuẩn bị', { exact: false }).first().waitFor();
  await waitForServiceWorker(page);
}

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

export async function unlockWithPin(page: Page, pin = PIN): Promise<void> {
  await page.getByRole('heading', { name: 'Mở khóa dữ liệu trên máy' }).waitFor();
  await page.getByLabel('Mã PIN ngoại tuyến').fill(pin);
  await page.getByRole('button', { name: 'Mở khóa' }).click();
}

/** Every byte the device keeps for this app (IndexedDB and localStorage), as text, to look for names in. */
export async function deviceContents(page: Page): Promise<{ text: string; records: number }> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    let records = 0;
    const bytes = (value: ArrayBuffer | ArrayBufferView) => new Uint8Array(value instanceof ArrayBuffer ? value : value.buffer);
    const walk = (value: unknown): void => {
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) parts.push(new TextDecoder('utf-8', { fatal: false }).decode(bytes(value)));
      else if (typeof value === 'string') parts.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (parts.push(k), walk(v)));
    };
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name as string);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        });
        records += all.length;
        walk(all);
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i) as string;
      parts.push(key, localStorage.getItem(key) ?? '');
    }
    return { text: parts.join('\n'), records };
  });
}
