// Finding 5 of the outside probe: ~30 failures from one address locked every account signing in from it
// for 15 minutes (a commune office behind one address), and anyone could lock any known username with 5
// tries. Locks are now per username and address with increasing delay; the address and username-wide
// limits never refuse a correct password with a second factor from a device that signed in before; and
// administrators see and lift locks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInLockList } from '@binhan/domain';
import { currentTotp } from '../../security/totp.js';
import { now, setClockOffset } from '../../lib/clock.js';
import { createTestApp, DATABASES, sessionCookie, type TestApp, type TestUser } from '../../test/test-app.js';

describe.each(DATABASES)('sign-in lockout on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(await t.makeUser('system_admin'));
  });
  afterAll(async () => t.close());

  const login = (username: string, password: string, remoteAddress: string, device?: string) =>
    t.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password }, ...(device ? { headers: { cookie: device } } : {}) });

  /** Sign in with password and code from an address; the device cookie the server leaves on success. */
  async function signInFully(user: TestUser, remoteAddress: string): Promise<string> {
    const first = await login(user.username, user.password, remoteAddress);
    expect(first.statusCode, first.body).toBe(200);
    const step = await t.inject({ method: 'POST', url: '/api/auth/totp', remoteAddress, cookie: sessionCookie(first), payload: { code: currentTotp(user.totpSecret as string, now()) } });
    expect(step.statusCode, step.body).toBe(200);
    const device = step.cookies.find((c) => c.name.endsWith('binhan_device'));
    expect(device?.httpOnly).toBe(true);
    return `${device?.name}=${device?.value}`;
  }

  it('does not let 5 tries from elsewhere lock a colleague out of her account', async () => {
    const victim = await t.makeUser('commune_officer');
    for (let i = 0; i < 8; i += 1) await login(victim.username, 'đoán bừa mật khẩu', '203.0.113.9');
    expect((await login(victim.username, 'đoán bừa mật khẩu', '203.0.113.9')).statusCode).toBe(429);
    // From her own office the right password still works.
    expect((await login(victim.username, victim.password, '198.51.100.40')).statusCode).toBe(200);
  });

  it('doubles the lock of one username from one address with each further failure', async () => {
    const user = await t.makeUser('trainer');
    for (let i = 0; i < 5; i += 1) expect((await login(user.username, 'sai mật khẩu', '198.51.100.41')).statusCode).toBe(401);
    const first = await login(user.username, user.password, '198.51.100.41');
    expect(first.statusCode).toBe(429);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Once the lock runs out one guess is checked again; when it is wrong the next lock is longer.
    setClockOffset(61_000);
    expect((await login(user.username, 'vẫn sai', '198.51.100.41')).statusCode).toBe(401);
    const longer = await login(user.username, user.password, '198.51.100.41');
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(60);
    setClockOffset(0);
  });

  it('slows unknown devices from an address with 30 failures, but never refuses a correct password with a second factor from a known device', async () => {
    const office = '198.51.100.50';
    const officer = await t.makeUser('commune_officer');
    const device = await signInFully(officer, office);
    const colleague = await t.makeUser('commune_officer');
    for (let i = 0; i < 31; i += 1) await login(`khong.co.${i}`, 'x', office);
    expect((await login(colleague.username, colleague.password, office)).statusCode).toBe(429);
    const known = await login(officer.username, officer.password, office, device);
    expect(known.statusCode, known.body).toBe(200);
    expect(known.json()).toMatchObject({ stage: 'totp' });
    // The device cookie is the officer's: it does not help someone else's username.
    expect((await login(colleague.username, colleague.password, office, device)).statusCode).toBe(429);
    // A forged cookie is ignored.
    expect((await login(officer.username, officer.password, office, 'binhan_device=forged-value')).statusCode).toBe(429);
  });

  it('shows the locks to administrators, who can lift one (audited)', async () => {
    const list = await t.inject({ method: 'GET', url: '/api/auth/locks', cookie: admin });
    expect(list.statusCode).toBe(200);
    const address = list.json<SignInLockList>().items.find((l) => l.kind === 'address' && l.address === '198.51.100.50');
    expect(address).toMatchObject({ failures: expect.any(Number), lockedUntil: expect.any(String) });
    const pair = list.json<SignInLockList>().items.find((l) => l.kind === 'pair' && l.address === '203.0.113.9');
    expect(pair?.username).toMatch(/^communeofficer\./);
    const lifted = await t.inject({ method: 'POST', url: '/api/auth/locks/lift', cookie: admin, payload: { key: address?.key } });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const colleague = await t.makeUser('commune_officer');
    expect((await login(colleague.username, colleague.password, '198.51.100.50')).statusCode).toBe(200);
    const entry = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'auth.lock_lifted').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toEqual({ kind: 'address' });
    expect((await t.inject({ method: 'POST', url: '/api/auth/locks/lift', cookie: admin, payload: { key: 'address:nowhere' } })).statusCode).toBe(404);
  });
});
