// Helpers for the offline store's tests: device keys as the server gives them, and a raw look at every
// byte the store left in IndexedDB (opened directly, not through the vault).
import { DB_NAME } from './vault';

export function randomDeviceKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function collectBytes(value: unknown, out: number[]): void {
  if (value instanceof ArrayBuffer) {
    out.push(...new Uint8Array(value));
  } else if (ArrayBuffer.isView(value)) {
    out.push(...new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (typeof value === 'string') {
    out.push(...new TextEncoder().encode(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectBytes(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      collectBytes(key, out);
      collectBytes(item, out);
    }
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    out.push(...new TextEncoder().encode(String(value)));
  }
}

/** Every store of the offline database: its keys and values, as they are on disk. */
export async function rawDump(): Promise<{ stores: Record<string, { keys: unknown[]; values: unknown[] }>; bytes: Uint8Array }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  try {
    const stores: Record<string, { keys: unknown[]; values: unknown[] }> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(name, 'readonly');
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([
        new Promise<unknown[]>((resolve, reject) => {
          const request = store.getAllKeys();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        }),
        new Promise<unknown[]>((resolve, reject) => {
          const request = store.getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        }),
      ]);
      stores[name] = { keys, values };
    }
    const out: number[] = [];
    collectBytes(stores, out);
    return { stores, bytes: Uint8Array.from(out) };
  } finally {
    db.close();
  }
}

export function containsBytes(haystack: Uint8Array, needle: string): boolean {
  const pattern = new TextEncoder().encode(needle);
  outer: for (let i = 0; i + pattern.length <= haystack.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (haystack[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}
