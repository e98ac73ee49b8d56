import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { publicAccess } from '../http/access.js';
import { createUser } from '../modules/users/service.js';
import { createTestApp, DATABASES, GOOD_PASSWORD, ORIGIN, sessionCookie, type TestApp } from '../test/test-app.js';
import type * as logger from './logger.js';
import { loggerOptions, REDACT_PATHS } from './logger.js';

// buildApp takes no log destination, so the real loggerOptions are wrapped to add one that keeps every
// line in memory; everything else (level, redaction, serializers) is the server's own.
const captured = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock('./logger.js', async (importOriginal) => {
  const actual = await importOriginal<typeof logger>();
  const stream = { write: (line: string) => void captured.lines.push(line) };
  return { ...actual, loggerOptions: (level: string) => ({ ...(actual.loggerOptions(level) as object), stream }) };
});

describe('loggerOptions with pino', () => {
  it('replaces identifying fields with [redacted], drops the query string and headers of req, and keeps ids', () => {
    const lines: string[] = [];
    const log = pino(loggerOptions('info') as pino.LoggerOptions, { write: (line: string) => void lines.push(line) });
    log.info({
      body: { password: 'Mật khẩu bí mật 1', newPassword: 'Mật khẩu mới 2', fullName: 'Nguyễn Thị Hoa', phone: '0912345678', cccd: '001234567890', code: '123456' },
      req: { id: 'req-1', method: 'GET', url: '/api/users?q=Nguy%E1%BB%85n', headers: { cookie: '__Host-binhan_session=tok3n-value', authorization: 'Bearer abc' } },
      userId: 'u-1',
    }, 'probe');
    const line = lines.join('');
    for (const secret of ['Mật khẩu bí mật 1', 'Mật khẩu mới 2', 'Nguy', '0912345678', '001234567890', '123456', 'tok3n-value', 'Bearer', '?q=']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('"userId":"u-1"');
    expect(line).toContain('"url":"/api/users"');
    expect(line).toContain('[redacted]');
    expect(REDACT_PATHS).toContain('req.headers.cookie');
  });
});

describe.each(DATABASES)('request logs on %s', (kind) => {
  let t: TestApp;
  let app: FastifyInstance;
  const username = 'nguyen.thi.hoa';
  const send = (options: InjectOptions, cookie?: string): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { origin: ORIGIN, ...(cookie ? { cookie: `__Host-binhan_session=${cookie}` } : {}), ...options.headers } });

  beforeAll(async () => {
    t = await createTestApp(kind, { logLevel: 'info', totpRoles: [] });
    const { user } = await createUser(t.deps, null, {
      username, displayName: 'Nguyễn Thị Hoa', role: 'district_leader', unitId: await t.unitId('066', '1997-01-01'), organisation: undefined, locale: 'vi',
    }, { temporaryPassword: GOOD_PASSWORD });
    await t.deps.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
    // A second app over the same services, this time with the server's own logger.
    app = await buildApp(t.deps);
    app.post('/api/test/boom', { config: { access: publicAccess } }, () => {
      throw new Error('simulated failure');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('logs each request by method, path and status, with no password, cookie, query string, name or username', async () => {
    captured.lines.length = 0;
    const wrong = await send({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'sai mật khẩu rồi' } });
    expect(wrong.statusCode).toBe(401);
    const login = await send({ method: 'POST', url: '/api/auth/login', payload: { username, password: GOOD_PASSWORD } });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('active');
    const cookie = sessionCookie(login);

    expect((await send({ method: 'GET', url: '/api/me' }, cookie)).statusCode).toBe(200);
    const search = await send({ method: 'GET', url: `/api/users?q=${encodeURIComponent('Nguyễn')}&pageSize=5` }, cookie);
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((u: { username: string }) => u.username)).toContain(username);
    const invalid = await send({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: GOOD_PASSWORD, newPassword: 'ngắn', extra: 'Nguyễn Văn A' } }, cookie);
    expect(invalid.statusCode).toBe(400);
    expect((await send({ method: 'POST', url: '/api/auth/logout' }, cookie)).statusCode).toBe(200);

    const log = captured.lines.join('');
    const entries = captured.lines.map((line) => JSON.parse(line) as { msg: string; req?: { method: string; url: string }; res?: { statusCode: number } });
    // The log is not empty: the requests are there, by path.
    expect(entries.filter((e) => e.msg === 'incoming request').map((e) => `${e.req?.method} ${e.req?.url}`)).toEqual([
      'POST /api/auth/login', 'POST /api/auth/login', 'GET /api/me', 'GET /api/users', 'POST /api/auth/password', 'POST /api/auth/logout',
    ]);
    expect(entries.filter((e) => e.msg === 'request completed').map((e) => e.res?.statusCode)).toEqual([401, 200, 200, 200, 400, 200]);

    expect(log).not.toContain(GOOD_PASSWORD);
    expect(log).not.toContain('sai mật khẩu');
    expect(log).not.toContain(cookie);
    expect(log).not.toContain(encodeURIComponent(cookie));
    expect(log).not.toContain('binhan_session');
    expect(log).not.toContain('Nguy');
    expect(log).not.toContain(encodeURIComponent('Nguyễn'));
    expect(log).not.toContain('q=');
    expect(log).not.toContain('?');
    expect(log).not.toContain(username);
    expect(log).not.toContain('Hoa');
  });

  it('logs an unexpected error (500) by kind and stack, without the request body', async () => {
    captured.lines.length = 0;
    const response = await send({ method: 'POST', url: '/api/test/boom', payload: { fullName: 'Trần Văn Bình', phone: '0912345678' } });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
    expect(response.body).not.toContain('boom');
    const log = captured.lines.join('');
    const failure = captured.lines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { type: string; stack: string } }).find((e) => e.msg === 'unexpected error');
    expect(failure?.level).toBe(50);
    expect(failure?.err?.type).toBe('Error');
    expect(failure?.err?.stack).toContain('simulated failure');
    expect(log).not.toContain('Trần');
    expect(log).not.toContain('0912345678');
  });
});
