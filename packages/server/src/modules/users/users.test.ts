import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, GOOD_PASSWORD, sessionCookie, type TestApp } from '../../test/test-app.js';

describe.each(DATABASES)('staff accounts on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(await t.makeUser('system_admin'));
  });
  afterAll(async () => t.close());

  const countUsers = async () => Number((await t.deps.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a commune officer with a one-time password who must change it at first sign-in', async () => {
    const unitId = await t.unitId('02176');
    const created = await t.inject({
      method: 'POST', url: '/api/users', cookie: admin,
      payload: { username: 'mai.lt', displayName: 'Lường Thị Mai', role: 'commune_officer', unitId },
    });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json();
    expect(user).toMatchObject({ username: 'mai.lt', displayName: 'Lường Thị Mai', role: 'commune_officer', mustChangePassword: true, totpEnabled: false });
    expect(user.unit).toMatchObject({ code: '02176', name: 'Trần Phú' });
    expect(JSON.stringify(user)).not.toMatch(/hash|secret/i);

    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mai.lt', password: temporaryPassword } });
    expect(login.json().stage).toBe('password_change');
    const cookie = sessionCookie(login);
    const changed = await t.inject({ method: 'POST', url: '/api/auth/password', cookie, payload: { newPassword: GOOD_PASSWORD } });
    expect(changed.json().stage).toBe('totp_enrol');
  });

  it('returns 409 for a username already taken and writes nothing', async () => {
    const before = await countUsers();
    const response = await t.inject({
      method: 'POST', url: '/api/users', cookie: admin,
      payload: { username: 'mai.lt', displayName: 'Người khác', role: 'trainer', unitId: await t.unitId('066', '1997-01-01') },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'USERNAME_TAKEN', issues: [{ path: 'username' }] });
    expect(await countUsers()).toBe(before);
  });

  it('returns 400 when a commune officer is attached to the district, or to a unit that does not exist', async () => {
    const district = await t.inject({
      method: 'POST', url: '/api/users', cookie: admin,
      payload: { username: 'sai.donvi', displayName: 'Sai đơn vị', role: 'commune_officer', unitId: await t.unitId('066', '1997-01-01') },
    });
    expect(district.statusCode).toBe(400);
    expect(district.json().error.issues[0]).toEqual({ path: 'unitId', message: 'Vai trò này phải gắn với đơn vị cấp xã / thị trấn / phường.' });
    const missing = await t.inject({
      method: 'POST', url: '/api/users', cookie: admin,
      payload: { username: 'khong.donvi', displayName: 'Không đơn vị', role: 'trainer', unitId: '0190f5a4-0000-7000-8000-000000000000' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues[0].path).toBe('unitId');
  });

  it('returns 400 with a message per field for over-long text, wrong types, bad usernames and unknown fields', async () => {
    const before = await countUsers();
    const response = await t.inject({
      method: 'POST', url: '/api/users', cookie: admin,
      payload: { username: 'Nguyễn Hoa', displayName: 'x'.repeat(121), role: 'chief', unitId: 42, extra: true },
    });
    expect(response.statusCode).toBe(400);
    const issues = response.json<{ error: { code: string; issues: Array<{ path: string; message: string }> } }>().error.issues;
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath.username).toBe('chỉ dùng chữ thường không dấu, số và . _ -');
    expect(byPath.displayName).toBe('quá dài (tối đa 120 ký tự)');
    expect(byPath.role).toBe('giá trị không nằm trong danh sách cho phép');
    expect(byPath.unitId).toMatch(/sai kiểu dữ liệu/);
    expect(issues.some((i) => i.message === 'trường không được phép: extra')).toBe(true);
    expect(await countUsers()).toBe(before);

    const english = await t.inject({ method: 'POST', url: '/api/users', cookie: admin, headers: { 'accept-language': 'en' }, payload: { username: 'ab' } });
    expect(english.json().error.message).toBe('Some of the data sent is not valid. Please check the marked fields.');
    expect(english.json().error.issues.find((i: { path: string }) => i.path === 'username').message).toBe('is too short (at least 3 characters)');
  });

  it('disables an account, which ends its sessions at once', async () => {
    const officer = await t.makeUser('commune_officer');
    const cookie = await t.signIn(officer);
    const disabled = await t.inject({ method: 'PATCH', url: `/api/users/${officer.id}`, cookie: admin, payload: { isDisabled: true } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().isDisabled).toBe(true);
    expect((await t.inject({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(401);
    const retry = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer.username, password: officer.password } });
    expect(retry.statusCode).toBe(401);
  });

  it('refuses to let an administrator disable themself or change their own role', async () => {
    const self = await t.makeUser('system_admin');
    const cookie = await t.signIn(self);
    const response = await t.inject({ method: 'PATCH', url: `/api/users/${self.id}`, cookie, payload: { isDisabled: true } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CANNOT_CHANGE_SELF');
  });

  it('resets a password and two-factor: the person must set a new password and enrol again', async () => {
    const officer = await t.makeUser('commune_officer');
    const reset = await t.inject({ method: 'POST', url: `/api/users/${officer.id}/reset-password`, cookie: admin });
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json();
    const totp = await t.inject({ method: 'POST', url: `/api/users/${officer.id}/reset-totp`, cookie: admin });
    expect(totp.json()).toMatchObject({ totpEnabled: false, mustChangePassword: true });
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer.username, password: temporaryPassword } });
    expect(login.json().stage).toBe('password_change');
  });

  it('shows a district focal point only the accounts of their district, and a commune officer none', async () => {
    const focal = await t.signIn(await t.makeUser('district_focal_point'));
    const outside = await t.makeUser('trainer', { unitCode: '19', unitFrom: '1997-01-01' });
    const list = await t.inject({ method: 'GET', url: '/api/users?pageSize=200', cookie: focal });
    expect(list.statusCode).toBe(200);
    const ids = list.json<{ items: Array<{ id: string }> }>().items.map((u) => u.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(outside.id);
    expect((await t.inject({ method: 'GET', url: `/api/users/${outside.id}`, cookie: focal })).json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    const officer = await t.signIn(await t.makeUser('commune_officer'));
    expect((await t.inject({ method: 'GET', url: '/api/users', cookie: officer })).statusCode).toBe(403);
  });

  it('finds accounts by name typed without accents', async () => {
    await t.makeUser('trainer', { displayName: 'Hoàng Thị Điệp' });
    const found = await t.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent('hoang thi diep')}`, cookie: admin });
    expect(found.json().items.map((u: { displayName: string }) => u.displayName)).toEqual(['Hoàng Thị Điệp']);
  });
});
