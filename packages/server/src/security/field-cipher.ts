// Field encryption (AES-256-GCM) for identities, narratives and secrets, with the key id stored in each
// value so keys can be rotated; and keyed hashes (HMAC-SHA256) of normalised tokens for search and
// duplicate detection without decrypting anything.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface KeyMaterial {
  kid: string;
  key: Buffer;
}

const VERSION = 'v1';

export class DecryptError extends Error {}

/** The key id: a short fingerprint of the key, stable and safe to store. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('binhan-kid').update(key).digest('hex').slice(0, 16);
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('a key must be 32 bytes, written as 64 hex digits or base64');
  return key;
}

export function generateKey(): Buffer {
  return randomBytes(32);
}

export class FieldCipher {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKid: string;
  private readonly indexKey: Buffer;
  private readonly originalKey: Buffer;

  /**
   * The first key encrypts; every key decrypts. The blind-index and audit keys derive from `root`, the
   * key root kept (encrypted) in the database; without one, from the oldest key of the ring, which is
   * what a database made before the key root used.
   */
  constructor(keys: readonly Buffer[], root?: Buffer) {
    const first = keys[0];
    if (!first) throw new Error('FieldCipher needs at least one key');
    for (const key of keys) this.keys.set(keyId(key), key);
    this.currentKid = keyId(first);
    // Blind indexes and the audit chain must stay stable across encryption-key rotation, so they use
    // keys derived from the key root, which no rotation changes.
    this.originalKey = root ?? (keys[keys.length - 1] as Buffer);
    this.indexKey = this.deriveKey('binhan blind index v1');
  }

  /** A key for another purpose (the audit chain's MAC), stable across rotation like the blind index. */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.originalKey, Buffer.alloc(0), purpose, 32));
  }

  encrypt(plaintext: string): string {
    const key = this.keys.get(this.currentKid) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${VERSION}:${this.currentKid}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.currentKid, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(':');
  }

  decrypt(value: string): string {
    const [version, kid, iv, tag, body] = value.split(':');
    if (version !== VERSION || !kid || iv === undefined || tag === undefined || body === undefined) {
      throw new DecryptError('not an encrypted value');
    }
    const key = this.keys.get(kid);
    if (!key) throw new DecryptError(`no key with id ${kid}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${VERSION}:${kid}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptError(`value under key ${kid} failed authentication`);
    }
  }

  /** The key id a stored value was encrypted with. */
  static kidOf(value: string): string | undefined {
    return value.split(':')[1];
  }

  /** Keyed hash of an already-normalised token (see foldVietnamese); equal tokens give equal hashes. */
  blindIndex(token: string, purpose: string): string {
    return createHmac('sha256', this.indexKey).update(purpose).update('\u0000').update(token).digest('base64url');
  }
}
