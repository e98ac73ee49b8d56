// Walks every registered route for every role (and for a visitor who is not signed in) and checks the
// answer against this table. A route missing from the table fails the test: every new route adds a row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../test/test-app.js';

type Rule = 'public' | 'session' | readonly Role[];

const ALL: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['system_admin'];
const USER_READERS: readonly Role[] = ['system_admin', 'district_leader', 'district_focal_point'];
const CASE_READERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer'];
const CASE_WORKERS: readonly Role[] = ['district_focal_point', 'commune_officer'];
const CASE_ASSIGNERS: readonly Role[] = ['district_focal_point'];
const INDICATOR_READERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer', 'statistician'];
const PLAN_READERS: readonly Role[] = ['system_admin', ...INDICATOR_READERS];
const PLAN_MANAGERS: readonly Role[] = ['system_admin', 'district_focal_point'];
const OUTREACH_READERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer', 'communicator', 'trainer'];
const OUTREACH_WRITERS: readonly Role[] = ['district_focal_point', 'commune_officer', 'communicator', 'trainer'];
const POPULATION_MANAGERS: readonly Role[] = ['district_focal_point', 'statistician'];
const TRAINING_READERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer', 'trainer'];
const TRAINING_MANAGERS: readonly Role[] = ['district_focal_point', 'commune_officer', 'trainer'];
const NETWORK_READERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer', 'communicator', 'trainer'];
const NETWORK_MANAGERS: readonly Role[] = ['district_focal_point', 'commune_officer'];
const REPORT_READERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer'];
const REPORT_DRAFTERS: readonly Role[] = ['district_focal_point', 'commune_officer'];
const REPORT_EXPORTERS: readonly Role[] = ['district_leader', 'district_focal_point', 'commune_officer', 'statistician'];

/** Community reports: the queue and triage are the case workers'; communicators may file and follow their own. */
const COMMUNITY_REPORT_READERS: readonly Role[] = ['district_focal_point', 'commune_officer'];
const COMMUNITY_REPORT_SUBMITTERS: readonly Role[] = ['district_focal_point', 'commune_officer', 'communicator'];

const OFFLINE_USERS: readonly Role[] = ['district_focal_point', 'commune_officer', 'communicator', 'trainer'];

const TABLE: Record<string, Rule> = {
  'POST /api/offline/device-key': OFFLINE_USERS,
  'POST /api/offline/pack': OFFLINE_USERS,
  'POST /api/sync': OFFLINE_USERS,
  'GET /api/sync/conflicts': OFFLINE_USERS,
  'POST /api/sync/conflicts/:id/resolve': CASE_WORKERS,
  'GET /': 'public',
  'GET /bao-tin': 'public',
  'POST /bao-tin': 'public',
  'GET /thoat-nhanh': 'public',
  'GET /api/community-reports': COMMUNITY_REPORT_READERS,
  'GET /api/community-reports/alerts': COMMUNITY_REPORT_READERS,
  'GET /api/community-reports/mine': COMMUNITY_REPORT_SUBMITTERS,
  'GET /api/community-reports/:id': COMMUNITY_REPORT_READERS,
  'POST /api/community-reports': COMMUNITY_REPORT_SUBMITTERS,
  'POST /api/community-reports/:id/open-case': COMMUNITY_REPORT_READERS,
  'POST /api/community-reports/:id/link': COMMUNITY_REPORT_READERS,
  'POST /api/community-reports/:id/close': COMMUNITY_REPORT_READERS,
  'GET /api/health': 'public',
  'GET /api/meta': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/totp': 'session',
  'POST /api/auth/password': 'session',
  'POST /api/auth/totp/enrol': 'session',
  'POST /api/auth/totp/enrol/confirm': 'session',
  'POST /api/auth/logout': 'session',
  'POST /api/auth/logout-all': 'session',
  'GET /api/me': 'session',
  'PATCH /api/me': ALL,
  'POST /api/auth/totp/recovery-codes': ALL,
  'GET /api/auth/sessions': ALL,
  'DELETE /api/auth/sessions/:id': ALL,
  'GET /api/auth/locks': ADMIN,
  'POST /api/auth/locks/lift': ADMIN,
  'GET /api/users': USER_READERS,
  'GET /api/users/:id': USER_READERS,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'POST /api/users/:id/reset-totp': ADMIN,
  'GET /api/admin-units': ALL,
  'GET /api/admin-units/:id': ALL,
  'GET /api/admin-units/:id/mapping': ALL,
  'POST /api/admin-units': ADMIN,
  'PATCH /api/admin-units/:id': ADMIN,
  'POST /api/admin-units/mergers': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,
  'GET /api/audit/probing-alerts': ADMIN,
  'GET /api/cases/config': CASE_READERS,
  'GET /api/cases': CASE_READERS,
  'POST /api/cases/search': CASE_WORKERS,
  'POST /api/cases/duplicates': CASE_WORKERS,
  'POST /api/cases': CASE_WORKERS,
  'GET /api/cases/:id': CASE_READERS,
  'POST /api/cases/:id/reveal': CASE_WORKERS,
  'GET /api/cases/:id/timeline': CASE_READERS,
  'GET /api/cases/:id/officers': CASE_ASSIGNERS,
  'POST /api/cases/:id/incidents': CASE_WORKERS,
  'POST /api/cases/:id/risk-assessments': CASE_WORKERS,
  'POST /api/cases/:id/first-intervention': CASE_WORKERS,
  'POST /api/cases/:id/services': CASE_WORKERS,
  'POST /api/cases/:id/status': CASE_WORKERS,
  'POST /api/cases/:id/assign': CASE_ASSIGNERS,
  'POST /api/cases/:id/notes': CASE_WORKERS,
  'PATCH /api/cases/:id/details': CASE_WORKERS,
  'GET /api/cases/:id/measures': CASE_READERS,
  'POST /api/cases/:id/measures': CASE_WORKERS,
  'PATCH /api/cases/:id/measures/:measureId': CASE_WORKERS,
  'GET /api/cases/:id/follow-ups': CASE_READERS,
  'POST /api/cases/:id/follow-ups': CASE_WORKERS,
  'GET /api/indicators/t1': INDICATOR_READERS,
  'GET /api/indicators/dashboard': INDICATOR_READERS,
  'GET /api/indicators/drilldown': INDICATOR_READERS,
  'GET /api/plans': PLAN_READERS,
  'GET /api/plans/:id': PLAN_READERS,
  'POST /api/plans': PLAN_MANAGERS,
  'PUT /api/plans/:id': PLAN_MANAGERS,
  'POST /api/plans/:id/indicators': PLAN_MANAGERS,
  'PUT /api/plans/:id/indicators/:indicatorId': PLAN_MANAGERS,
  'DELETE /api/plans/:id/indicators/:indicatorId': PLAN_MANAGERS,
  'PUT /api/plans/:id/indicators/:indicatorId/targets': PLAN_MANAGERS,
  'POST /api/plans/:id/indicators/:indicatorId/targets/split': PLAN_MANAGERS,
  'GET /api/providers': ['system_admin', 'district_leader', 'district_focal_point', 'commune_officer', 'service_provider'],
  'POST /api/providers': ['system_admin', 'district_focal_point'],
  'PUT /api/providers/:id': ['system_admin', 'district_focal_point'],
  'GET /api/cases/:id/consents': CASE_READERS,
  'POST /api/cases/:id/consents': CASE_WORKERS,
  'POST /api/cases/:id/consents/:consentId/withdraw': CASE_WORKERS,
  'GET /api/cases/:id/referrals': CASE_READERS,
  'POST /api/cases/:id/referrals': CASE_WORKERS,
  'GET /api/referrals/inbox': ['service_provider'],
  'GET /api/alerts': CASE_READERS,
  'GET /api/cases/:id/support-plan': CASE_READERS,
  'PUT /api/cases/:id/support-plan': CASE_WORKERS,
  'POST /api/cases/:id/support-plan/submit': CASE_WORKERS,
  'POST /api/cases/:id/support-plan/decide': CASE_ASSIGNERS,
  'POST /api/referrals/:id/respond': ['service_provider'],
  'GET /api/reports/periods': REPORT_EXPORTERS,
  'GET /api/reports': REPORT_READERS,
  'POST /api/reports': REPORT_DRAFTERS,
  'GET /api/reports/:id': REPORT_READERS,
  'PUT /api/reports/:id': REPORT_DRAFTERS,
  'POST /api/reports/:id/submit': REPORT_DRAFTERS,
  'POST /api/reports/:id/decide': ['district_focal_point'],
  'GET /api/reports/:id/download': REPORT_READERS,
  'GET /api/exports/figures': REPORT_EXPORTERS,
  'GET /api/exports/incidents': REPORT_EXPORTERS,
  'GET /api/outreach/activities': OUTREACH_READERS,
  'GET /api/outreach/activities/export': OUTREACH_READERS,
  'POST /api/outreach/activities': OUTREACH_WRITERS,
  'GET /api/outreach/activities/:id': OUTREACH_READERS,
  'PUT /api/outreach/activities/:id': OUTREACH_WRITERS,
  'DELETE /api/outreach/activities/:id': OUTREACH_WRITERS,
  'GET /api/outreach/imports/template': OUTREACH_WRITERS,
  'POST /api/outreach/imports': OUTREACH_WRITERS,
  'GET /api/outreach/imports/:id': OUTREACH_WRITERS,
  'POST /api/outreach/imports/:id/commit': OUTREACH_WRITERS,
  'GET /api/population': POPULATION_MANAGERS,
  'PUT /api/population': POPULATION_MANAGERS,
  'GET /api/population/template': POPULATION_MANAGERS,
  'POST /api/population/import': POPULATION_MANAGERS,
  'GET /api/indicators/t4': INDICATOR_READERS,
  'GET /api/indicators/t5': INDICATOR_READERS,
  'GET /api/training/roster': TRAINING_READERS,
  'POST /api/training/roster': TRAINING_MANAGERS,
  'PUT /api/training/roster/:id': TRAINING_MANAGERS,
  'POST /api/training/roster/:id/end': TRAINING_MANAGERS,
  'GET /api/training/courses': TRAINING_READERS,
  'POST /api/training/courses': TRAINING_MANAGERS,
  'GET /api/training/courses/:id': TRAINING_READERS,
  'PUT /api/training/courses/:id': TRAINING_MANAGERS,
  'GET /api/training/courses/:id/candidates': TRAINING_MANAGERS,
  'POST /api/training/courses/:id/attendees': TRAINING_MANAGERS,
  'PUT /api/training/attendances/:id': TRAINING_MANAGERS,
  'DELETE /api/training/attendances/:id': TRAINING_MANAGERS,
  'GET /api/indicators/t3': INDICATOR_READERS,
  'GET /api/network/members': NETWORK_READERS,
  'GET /api/network/members/me': NETWORK_READERS,
  'GET /api/network/accounts': NETWORK_MANAGERS,
  'POST /api/network/members': NETWORK_MANAGERS,
  'PUT /api/network/members/:id': NETWORK_MANAGERS,
  'POST /api/network/members/:id/reveal': NETWORK_MANAGERS,
  'GET /api/network/trusted-addresses': NETWORK_MANAGERS,
  'POST /api/network/trusted-addresses': NETWORK_MANAGERS,
  'PUT /api/network/trusted-addresses/:id': NETWORK_MANAGERS,
  'POST /api/network/trusted-addresses/:id/reveal': NETWORK_MANAGERS,
  'GET /api/network/coverage': NETWORK_READERS,
  'GET /api/perpetrators': CASE_READERS,
  'POST /api/perpetrators/search': CASE_WORKERS,
  'POST /api/perpetrators/duplicates': CASE_WORKERS,
  'GET /api/perpetrators/link-requests': CASE_WORKERS,
  'POST /api/perpetrators/link-requests/:id/decide': CASE_WORKERS,
  'GET /api/perpetrators/:id': CASE_READERS,
  'PATCH /api/perpetrators/:id': CASE_WORKERS,
  'POST /api/perpetrators/:id/reveal': CASE_WORKERS,
  'POST /api/perpetrators/:id/counselling': CASE_WORKERS,
  'PATCH /api/perpetrators/:id/counselling/:sessionId': CASE_WORKERS,
  'DELETE /api/perpetrators/:id/counselling/:sessionId': CASE_WORKERS,
  'POST /api/perpetrators/:id/measures': CASE_WORKERS,
  'PATCH /api/perpetrators/:id/measures/:measureId': CASE_WORKERS,
  'GET /api/cases/:id/perpetrators': CASE_READERS,
  'POST /api/cases/:id/incidents/:incidentId/perpetrators': CASE_WORKERS,
  'PATCH /api/cases/:id/incidents/:incidentId/perpetrators/:perpetratorId': CASE_WORKERS,
  'DELETE /api/cases/:id/incidents/:incidentId/perpetrators/:perpetratorId': CASE_WORKERS,
  'GET /api/indicators/t2': INDICATOR_READERS,
};

/** The API reference (Swagger UI and its assets) is public documentation. */
const isDocsRoute = (url: string) => url.startsWith('/api/docs');

function keyOf(route: { method: string; url: string }): string {
  return `${route.method} ${route.url}`;
}

describe.each(DATABASES)('access control on %s', (kind) => {
  let t: TestApp;
  const users = new Map<Role, TestUser>();

  beforeAll(async () => {
    // Two-factor is checked in the sign-in tests; here every role signs in with a password alone.
    t = await createTestApp(kind, { totpRoles: [] });
    for (const role of ROLES) users.set(role, await t.makeUser(role, { withTotp: false }));
  });
  afterAll(async () => t.close());

  it('has a rule in this table for every registered route, and no row for a route that does not exist', () => {
    const registered = t.app.routeTable.filter((r) => !isDocsRoute(r.url)).map(keyOf);
    expect(registered.filter((key) => !(key in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((key) => !registered.includes(key))).toEqual([]);
    expect(t.app.routeTable.filter((r) => r.access === undefined).map(keyOf)).toEqual([]);
    expect(t.app.routeTable.filter((r) => isDocsRoute(r.url) && r.access?.kind !== 'public').map(keyOf)).toEqual([]);
  });

  const request = (method: string, url: string, cookie?: string) =>
    t.inject({ method: method, url: url.replace(/:id|:consentId|:measureId/g, () => randomUUID()), cookie: cookie ?? null, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });

  it('answers a visitor who is not signed in with 401 on every route that is not public', async () => {
    for (const [key, rule] of Object.entries(TABLE)) {
      const [method = '', url = ''] = key.split(' ');
      const response = await request(method, url);
      if (rule === 'public') expect([401, 403], key).not.toContain(response.statusCode);
      else {
        expect(response.statusCode, key).toBe(401);
        expect(response.json().error.code, key).toBe('UNAUTHENTICATED');
      }
    }
  });

  it.each(ROLES)('lets %s through exactly the routes the table gives it', async (role) => {
    for (const [key, rule] of Object.entries(TABLE)) {
      if (rule === 'public') continue;
      const [method = '', url = ''] = key.split(' ');
      const cookie = await t.signIn(users.get(role) as TestUser);
      const response = await request(method, url, cookie);
      const allowed = rule === 'session' || rule.includes(role);
      if (allowed) expect([401, 403], `${role} ${key}: ${response.body}`).not.toContain(response.statusCode);
      else {
        expect(response.statusCode, `${role} ${key}`).toBe(403);
        expect(response.json().error.code, key).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses a session that has not finished signing in on every route that needs an action', async () => {
    const pending = await t.makeUser('trainer', { withTotp: true });
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: pending.username, password: pending.password } });
    const cookie = login.cookies[0]?.value as string;
    for (const [key, rule] of Object.entries(TABLE)) {
      if (rule === 'public' || rule === 'session') continue;
      const [method = '', url = ''] = key.split(' ');
      const response = await request(method, url, cookie);
      expect(response.statusCode, key).toBe(403);
      expect(response.json().error.code, key).toBe('STEP_REQUIRED');
    }
  });
});
