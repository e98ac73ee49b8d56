// Boots the real app in-process against a real database: SQLite in memory, or PostgreSQL in a schema
// of its own (when TEST_DATABASE_URL is set) that is dropped afterwards. Factories make users with
// random names; signIn goes through the real sign-in steps.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '@binhan/domain';
import { buildApp } from '../app.js';
import { openSystem } from '../boot.js';
import { loadConfig, type AppConfig } from '../config.js';
import { openPostgres, openSqlite, type DatabaseHandle, type DatabaseKind } from '../db/database.js';
import type { AppDeps } from '../deps.js';
import { createUser } from '../modules/users/service.js';
import { currentTotp, generateTotpSecret } from '../security/totp.js';
import { now, setClockOffset } from '../lib/clock.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && !TEST_DATABASE_URL) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests must run in CI.');
}

/** The databases every API test runs on. */
export const DATABASES: DatabaseKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgresql'] : ['sqlite'];

export const TEST_KEY_HEX = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
export const ORIGIN = 'http://localhost:80';
export const GOOD_PASSWORD = 'Đồi chè xanh ở Na Rì 2026';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: Role;
  unitId: string;
  totpSecret: string | null;
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  handle: DatabaseHandle;
  kind: DatabaseKind;
  config: AppConfig;
  inject(options: InjectOptions & { cookie?: string | null }): Promise<LightMyRequestResponse>;
  unitId(code: string, validFrom?: string): Promise<string>;
  makeUser(role: Role, options?: { unitCode?: string; unitFrom?: string; withTotp?: boolean; displayName?: string }): Promise<TestUser>;
  signIn(user: TestUser): Promise<string>;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (kind === 'sqlite') return { handle: openSqlite(':memory:'), drop: async () => {} };
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  return {
    handle: openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 4 }),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema "${schema}" cascade`);
      await client.end();
    },
  };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({}),
    dataDir: path.join(os.tmpdir(), `binhan-test-${randomBytes(4).toString('hex')}`),
    secretKey: TEST_KEY_HEX,
    argon2MemoryKib: 1024,
    webDistDir: null,
    logLevel: 'silent',
    ...overrides,
  };
}

export async function createTestApp(kind: DatabaseKind, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const { handle, drop } = await openTestDatabase(kind);
  const config = testConfig(overrides);
  const { deps } = await openSystem(config, handle);
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  // As `serve` does: the chain's head is anchored outside the database when the server starts.
  await deps.anchors.checkpoint(deps.db, 'start');

  const inject: TestApp['inject'] = (options) => {
    const { cookie, headers, ...rest } = options;
    return app.inject({
      ...rest,
      headers: {
        origin: ORIGIN,
        ...(cookie ? { cookie: `__Host-binhan_session=${cookie}` } : {}),
        ...headers,
      },
    });
  };

  const unitId = async (code: string, validFrom = '2025-07-01') => {
    const row = await deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_from', '=', validFrom).executeTakeFirst();
    if (!row) throw new Error(`no unit ${code}@${validFrom}`);
    return row.id;
  };

  const defaultUnit: Record<string, [string, string]> = {
    commune_officer: ['02176', '2025-07-01'],
    district_leader: ['066', '1997-01-01'],
    district_focal_point: ['066', '1997-01-01'],
  };

  const makeUser: TestApp['makeUser'] = async (role, options = {}) => {
    const [code, from] = options.unitCode ? [options.unitCode, options.unitFrom ?? '2025-07-01'] : defaultUnit[role] ?? ['066', '1997-01-01'];
    const username = `${role.replace(/_/g, '')}.${randomBytes(4).toString('hex')}`;
    const unit = await unitId(code, from);
    const { user } = await createUser(deps, null, {
      username, displayName: options.displayName ?? `Người thử ${username}`, role, unitId: unit, organisation: undefined, locale: 'vi',
    }, { temporaryPassword: GOOD_PASSWORD });
    const withTotp = options.withTotp ?? config.totpRoles.includes(role);
    const totpSecret = withTotp ? generateTotpSecret() : null;
    await deps.db.updateTable('users').set({
      must_change_password: 0,
      totp_enabled: withTotp ? 1 : 0,
      totp_secret_enc: totpSecret ? deps.cipher.encrypt(totpSecret) : null,
    }).where('id', '=', user.id).execute();
    return { id: user.id, username, password: GOOD_PASSWORD, role, unitId: unit, totpSecret };
  };

  const signIn: TestApp['signIn'] = async (user) => {
    const login = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
    const cookie = sessionCookie(login);
    if (login.json<{ stage: string }>().stage === 'totp') {
      if (!user.totpSecret) throw new Error('user has no TOTP secret');
      const step = await inject({ method: 'POST', url: '/api/auth/totp', cookie, payload: { code: currentTotp(user.totpSecret, now()) } });
      if (step.statusCode !== 200) throw new Error(`TOTP failed: ${step.body}`);
    }
    return cookie;
  };

  return {
    app, deps, handle, kind, config, inject, unitId, makeUser, signIn,
    close: async () => {
      setClockOffset(0);
      await app.close();
      await handle.close();
      await drop();
      for (const dir of [config.dataDir, deps.anchors.dir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The session token set by a response. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === '__Host-binhan_session' || c.name === 'binhan_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}`);
  return cookie.value;
}
