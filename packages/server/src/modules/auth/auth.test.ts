import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../security/totp.js';
import { setClockOffset } from '../../lib/clock.js';
import { createTestApp, DATABASES, GOOD_PASSWORD, sessionCookie, type TestApp } from '../../test/test-app.js';
import { ensureFirstAdministrator } from '../../boot.js';

describe.each(DATABASES)('sign-in on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('takes the first administrator through a new password and two-factor enrolment to an active session', async () => {
    const oneTime = await ensureFirstAdministrator(t.deps);
    expect(oneTime).toMatch(/^[\w]{4}(-[\w]{4}){3}$/);
    expect(await ensureFirstAdministrator(t.deps)).toBeNull();

    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: oneTime } });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('password_change');
    expect(login.json().me.permissions).toEqual([]);
    const cookie = sessionCookie(login);

    const blocked = await t.inject({ method: 'GET', url: '/api/users', cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('STEP_REQUIRED');

    const weak = await t.inject({ method: 'POST', url: '/api/auth/password', cookie, payload: { newPassword: 'password1234' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.issues[0]).toEqual({ path: 'newPassword', message: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.' });

    const short = await t.inject({ method: 'POST', url: '/api/auth/password', cookie, payload: { newPassword: 'ngắn quá' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.issues[0].message).toBe('quá ngắn (ít nhất 12 ký tự)');

    const changed = await t.inject({ method: 'POST', url: '/api/auth/password', cookie, payload: { newPassword: GOOD_PASSWORD } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().stage).toBe('totp_enrol');

    const start = await t.inject({ method: 'POST', url: '/api/auth/totp/enrol', cookie });
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUrl } = start.json<{ secret: string; otpauthUrl: string }>();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(otpauthUrl).toContain(secret);

    const wrong = await t.inject({ method: 'POST', url: '/api/auth/totp/enrol/confirm', cookie, payload: { code: '000000' === currentTotp(secret) ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('TOTP_INVALID');

    const confirmed = await t.inject({ method: 'POST', url: '/api/auth/totp/enrol/confirm', cookie, payload: { code: currentTotp(secret) } });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, stage, me } = confirmed.json<{ recoveryCodes: string[]; stage: string; me: { permissions: string[]; totpEnabled: boolean } }>();
    expect(stage).toBe('active');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(me.totpEnabled).toBe(true);
    expect(me.permissions).toContain('users.manage');

    // The secret is stored encrypted, never in plain text.
    const row = await t.deps.db.selectFrom('users').select(['totp_secret_enc', 'password_hash']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(t.deps.cipher.decrypt(row.totp_secret_enc as string)).toBe(secret);
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);

    // Next sign-in asks for the second factor; a recovery code works once.
    const again = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: GOOD_PASSWORD } });
    expect(again.json().stage).toBe('totp');
    const second = sessionCookie(again);
    const recovered = await t.inject({ method: 'POST', url: '/api/auth/totp', cookie: second, payload: { recoveryCode: recoveryCodes[0] } });
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json().stage).toBe('active');
    const third = sessionCookie(await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: GOOD_PASSWORD } }));
    const reused = await t.inject({ method: 'POST', url: '/api/auth/totp', cookie: third, payload: { recoveryCode: recoveryCodes[0] } });
    expect(reused.statusCode).toBe(400);
  });

  it('refuses a TOTP code that was already used', async () => {
    const user = await t.makeUser('commune_officer');
    const first = sessionCookie(await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } }));
    const code = currentTotp(user.totpSecret as string);
    expect((await t.inject({ method: 'POST', url: '/api/auth/totp', cookie: first, payload: { code } })).statusCode).toBe(200);
    const second = sessionCookie(await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } }));
    const replay = await t.inject({ method: 'POST', url: '/api/auth/totp', cookie: second, payload: { code } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('TOTP_INVALID');
  });

  it('answers a wrong password and an unknown username with the same message, and slows both from that address after 5 failures', async () => {
    const user = await t.makeUser('trainer');
    const wrongPassword = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'sai mật khẩu rồi' } });
    const unknownUser = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong.ton.tai', password: 'sai mật khẩu rồi' } });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(unknownUser.json()).toEqual(wrongPassword.json());

    for (let i = 0; i < 4; i += 1) {
      await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'sai mật khẩu rồi' } });
      await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong.ton.tai', password: 'sai mật khẩu rồi' } });
    }
    const locked = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    expect(locked.statusCode).toBe(429);
    // The first lock of a username from one address is short; it doubles with each further failure (auth-lockout.test.ts).
    expect(locked.json().error.message).toBe('Bạn đã thử quá nhiều lần. Vui lòng đợi 1 phút rồi thử lại.');
    expect(locked.headers['retry-after']).toBeDefined();
    const lockedUnknown = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong.ton.tai', password: 'x' } });
    expect(lockedUnknown.statusCode).toBe(429);

    setClockOffset(16 * 60_000);
    const later = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    setClockOffset(0);
    expect(later.statusCode).toBe(200);
  });

  it('sets a __Host- cookie that is HttpOnly, SameSite=Strict and Secure, with path /', async () => {
    const user = await t.makeUser('statistician');
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    const cookie = login.cookies[0];
    expect(cookie).toMatchObject({ name: '__Host-binhan_session', httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    const stored = await t.deps.db.selectFrom('sessions').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(cookie?.value);
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case, saying it expired', async () => {
    const user = await t.makeUser('statistician');
    const cookie = await t.signIn(user);
    setClockOffset(29 * 60_000);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(200);
    setClockOffset(29 * 60_000 + 31 * 60_000);
    const idle = await t.inject({ method: 'GET', url: '/api/me', cookie });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('SESSION_EXPIRED');
    setClockOffset(0);

    const fresh = await t.signIn(user);
    for (let minutes = 25; minutes <= 12 * 60; minutes += 25) {
      setClockOffset(minutes * 60_000);
      await t.inject({ method: 'GET', url: '/api/me', cookie: fresh });
    }
    setClockOffset(12 * 60 * 60_000 + 60_000);
    const absolute = await t.inject({ method: 'GET', url: '/api/me', cookie: fresh });
    setClockOffset(0);
    expect(absolute.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('lists my sessions, revokes one, and signs out everywhere', async () => {
    const user = await t.makeUser('trainer');
    const a = await t.signIn(user);
    const b = await t.signIn(user);
    const list = await t.inject({ method: 'GET', url: '/api/auth/sessions', cookie: a });
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Array<{ id: string; isCurrent: boolean }> }>().items;
    expect(items).toHaveLength(2);
    const other = items.find((s) => !s.isCurrent);
    expect((await t.inject({ method: 'DELETE', url: `/api/auth/sessions/${other?.id}`, cookie: a })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie: b })).json().error.code).toBe('SESSION_EXPIRED');
    const c = await t.signIn(user);
    expect((await t.inject({ method: 'POST', url: '/api/auth/logout-all', cookie: a })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie: a })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie: c })).statusCode).toBe(401);
  });

  it('refuses a forged cookie and a cross-site request', async () => {
    const forged = await t.inject({ method: 'GET', url: '/api/me', cookie: 'A'.repeat(43) });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('UNAUTHENTICATED');
    const garbage = await t.inject({ method: 'GET', url: '/api/me', cookie: '<script>' });
    expect(garbage.statusCode).toBe(401);

    const user = await t.makeUser('trainer');
    const cookie = await t.signIn(user);
    const crossSite = await t.inject({ method: 'POST', url: '/api/auth/logout', cookie, headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('CSRF_REJECTED');
    const noOrigin = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `__Host-binhan_session=${cookie}` } });
    expect(noOrigin.statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(200);
  });

  it('lets an active user change their password only with the current one, and signs out other devices', async () => {
    const user = await t.makeUser('trainer');
    const a = await t.signIn(user);
    const b = await t.signIn(user);
    const wrong = await t.inject({ method: 'POST', url: '/api/auth/password', cookie: a, payload: { currentPassword: 'không đúng đâu', newPassword: 'Một mật khẩu mới thật dài' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues[0].path).toBe('currentPassword');
    const ok = await t.inject({ method: 'POST', url: '/api/auth/password', cookie: a, payload: { currentPassword: user.password, newPassword: 'Một mật khẩu mới thật dài' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie: a })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie: b })).statusCode).toBe(401);
  });

  it('asks an active user for their password before replacing the second factor or the recovery codes', async () => {
    const user = await t.makeUser('commune_officer');
    const cookie = await t.signIn(user);
    const bare = await t.inject({ method: 'POST', url: '/api/auth/totp/enrol', cookie });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.issues[0].path).toBe('currentPassword');
    const wrong = await t.inject({ method: 'POST', url: '/api/auth/totp/recovery-codes', cookie, payload: { currentPassword: 'không phải đâu' } });
    expect(wrong.statusCode).toBe(400);
    const codes = await t.inject({ method: 'POST', url: '/api/auth/totp/recovery-codes', cookie, payload: { currentPassword: user.password } });
    expect(codes.statusCode).toBe(200);
    const stored = await t.deps.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    // Keyed hashes: nothing a plain SHA-256 of a code would match.
    const { createHash } = await import('node:crypto');
    const first = codes.json<{ recoveryCodes: string[] }>().recoveryCodes[0] as string;
    expect(stored.map((r) => r.code_hash)).not.toContain(createHash('sha256').update(first.replace('-', '')).digest('hex'));
    const enrol = await t.inject({ method: 'POST', url: '/api/auth/totp/enrol', cookie, payload: { currentPassword: user.password } });
    expect(enrol.statusCode).toBe(200);
  });

  it('answers in English when the browser asks for it', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/me', headers: { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' } });
    expect(response.json().error.message).toBe('You are not signed in, or your session is not valid.');
  });
});
