// Two-factor sign-in with TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1, as every authenticator app
// supports), a step of clock drift either side, and no reuse of a code already accepted.
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Bình An';

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/**
 * The time step of a valid code, or null. A code whose step is not after `lastStep` is refused, so a
 * code seen over someone's shoulder cannot be used a second time.
 */
export function verifyTotp(secret: string, code: string, lastStep: number | null, at: Date): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at.getTime() / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** For tests and the browser test: the current code of a secret. */
export function currentTotp(secret: string, at: Date = new Date()): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}

/** Ten single-use recovery codes, shown once and stored hashed. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}
