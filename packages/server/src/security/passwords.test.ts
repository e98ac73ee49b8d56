import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, createPasswordHasher, generateTemporaryPassword } from './passwords.js';

describe('checkPasswordStrength', () => {
  it('accepts a long, unusual passphrase', () => {
    expect(checkPasswordStrength('Mùa lúa chín ở Na Rì 2026', 'hoa.nt')).toBeNull();
  });

  it('refuses short, common, patterned passwords and ones that contain the username', () => {
    expect(checkPasswordStrength('Ab1!short', 'x')).toBe('PASSWORD_TOO_SHORT');
    expect(checkPasswordStrength('password1234', 'x')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordStrength('Matkhau123456', 'x')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordStrength('aaaaaaaaaaaaaa', 'x')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordStrength('abcabcabcabc', 'x')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordStrength('123456789012', 'x')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordStrength('sunshine!!!!!!', 'x')).toBe('PASSWORD_TOO_COMMON');
    expect(checkPasswordStrength('hoa.nt-rất-an-toàn', 'hoa.nt')).toBe('PASSWORD_CONTAINS_USERNAME');
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hasher = createPasswordHasher(1024);
    const hashed = await hasher.hash('một mật khẩu dài');
    expect(hashed.startsWith('$argon2id$')).toBe(true);
    expect(await hasher.verify(hashed, 'một mật khẩu dài')).toBe(true);
    expect(await hasher.verify(hashed, 'một mật khẩu khác')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });

  it('makes one-time passwords that pass the strength check and differ each time', () => {
    const a = generateTemporaryPassword();
    expect(a).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    expect(checkPasswordStrength(a, 'someone')).toBeNull();
    expect(generateTemporaryPassword()).not.toBe(a);
  });
});
