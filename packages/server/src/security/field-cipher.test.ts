import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '@binhan/domain';
import { DecryptError, FieldCipher, generateKey, keyId, parseKey } from './field-cipher.js';

describe('FieldCipher', () => {
  const key = generateKey();

  it('encrypts to a value that names its key and decrypts back, NFC text intact', () => {
    const cipher = new FieldCipher([key]);
    const value = cipher.encrypt('Nguyễn Thị Hoa');
    expect(value).not.toContain('Nguy');
    expect(FieldCipher.kidOf(value)).toBe(keyId(key));
    expect(cipher.decrypt(value)).toBe('Nguyễn Thị Hoa');
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('refuses a tampered value and a value under an unknown key', () => {
    const cipher = new FieldCipher([key]);
    const value = cipher.encrypt('secret');
    const parts = value.split(':');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow(DecryptError);
    expect(() => new FieldCipher([generateKey()]).decrypt(value)).toThrow(DecryptError);
  });

  it('after rotation encrypts with the new key, still reads old values, keeps blind indexes stable', () => {
    const before = new FieldCipher([key]);
    const oldValue = before.encrypt('0912345678');
    const rotated = new FieldCipher([generateKey(), key]);
    expect(rotated.decrypt(oldValue)).toBe('0912345678');
    expect(FieldCipher.kidOf(rotated.encrypt('a'))).not.toBe(keyId(key));
    expect(rotated.blindIndex('hoa', 'name')).toBe(before.blindIndex('hoa', 'name'));
  });

  it('makes the same blind index for a name typed with or without accents, different per purpose', () => {
    const cipher = new FieldCipher([key]);
    expect(cipher.blindIndex(foldVietnamese('Nguyễn'), 'name')).toBe(cipher.blindIndex(foldVietnamese('nguyen'), 'name'));
    expect(cipher.blindIndex('nguyen', 'name')).not.toBe(cipher.blindIndex('nguyen', 'phone'));
  });

  it('parses keys written in hex or base64 and rejects other lengths', () => {
    expect(parseKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseKey('abc')).toThrow(/32 bytes/);
  });
});
