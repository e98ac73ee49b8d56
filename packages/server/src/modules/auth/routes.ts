// Sign-in, its steps, sign-out and the user's own sessions.
import { z } from 'zod';
import {
  IdParams, LoginInput, LoginResult, LocaleInput, Me, OkBody, PasswordChangeInput, RecoveryCodes, RecoveryCodesInput,
  LiftLockInput, SessionSummary, SignInLockList, TotpEnrolConfirm, TotpEnrolStart, TotpEnrolStartInput, TotpInput, SESSION_STAGES,
} from '@binhan/domain';
import type { SessionStage } from '@binhan/domain';
import { anySession, authorize, publicAccess, requires } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { NotFound } from '../../http/errors.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { currentLocks } from '../../security/throttle.js';
import { presentMe } from './presenter.js';
import {
  changePassword, confirmTotpEnrolment, regenerateRecoveryCodes, requireAuth, signIn, startTotpEnrolment, verifySecondFactor,
} from './service.js';
import { clearSessionCookie, listActiveSessions, revokeSessions, setDeviceCookie, setSessionCookie } from './sessions.js';

export async function authRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['auth'];

  app.post('/api/auth/login', {
    config: { access: publicAccess },
    schema: { tags, summary: 'Sign in with username and password', body: LoginInput, response: { 200: LoginResult, ...errorResponses } },
  }, async (request, reply) => {
    const { token, session, user } = await signIn(deps, request, request.body.username, request.body.password);
    setSessionCookie(request, reply, token, deps.config.sessionAbsoluteHours * 3600);
    return { stage: session.stage as SessionStage, me: await presentMe(deps, user, session) };
  });

  app.post('/api/auth/totp', {
    config: { access: anySession },
    schema: { tags, summary: 'Second factor: a TOTP code or a recovery code', body: TotpInput, response: { 200: LoginResult, ...errorResponses } },
  }, async (request, reply) => {
    const { session, user } = await verifySecondFactor(deps, request, request.body);
    if (session.stage === 'active') setDeviceCookie(request, reply, deps, user.id);
    return { stage: session.stage as SessionStage, me: await presentMe(deps, user, session) };
  });

  app.post('/api/auth/password', {
    config: { access: anySession },
    schema: { tags, summary: 'Set a new password (first sign-in, or own change)', body: PasswordChangeInput, response: { 200: LoginResult, ...errorResponses } },
  }, async (request) => {
    const { session, user } = await changePassword(deps, request, request.body.currentPassword, request.body.newPassword);
    return { stage: session.stage as SessionStage, me: await presentMe(deps, user, session) };
  });

  app.post('/api/auth/totp/enrol', {
    config: { access: anySession },
    schema: {
      tags, summary: 'Start two-factor enrolment: a new secret and its otpauth URL (an active session confirms with its password)',
      body: TotpEnrolStartInput.nullish(), response: { 200: TotpEnrolStart, ...errorResponses },
    },
  }, async (request) => startTotpEnrolment(deps, request, request.body?.currentPassword));

  app.post('/api/auth/totp/enrol/confirm', {
    config: { access: anySession },
    schema: {
      tags, summary: 'Confirm enrolment with a code; returns ten recovery codes, shown once',
      body: TotpEnrolConfirm,
      response: { 200: RecoveryCodes.extend({ stage: z.enum(SESSION_STAGES), me: Me }), ...errorResponses },
    },
  }, async (request) => {
    const { recoveryCodes, session, user } = await confirmTotpEnrolment(deps, request, request.body.code);
    return { recoveryCodes, stage: session.stage as SessionStage, me: await presentMe(deps, user, session) };
  });

  app.post('/api/auth/totp/recovery-codes', {
    config: { access: requires('self.read') },
    schema: { tags, summary: 'Replace the recovery codes (confirmed with the password)', body: RecoveryCodesInput, response: { 200: RecoveryCodes, ...errorResponses } },
  }, async (request) => ({ recoveryCodes: await regenerateRecoveryCodes(deps, request, request.body.currentPassword) }));

  app.post('/api/auth/logout', {
    config: { access: anySession },
    schema: { tags, summary: 'Sign out of this session', response: { 200: OkBody, ...errorResponses } },
  }, async (request, reply) => {
    const { session, user } = requireAuth(request);
    await deps.db.transaction().execute(async (trx) => {
      await revokeSessions(trx, { userId: user.id, sessionId: session.id });
      await audit(request, trx, { action: 'auth.logout', resourceType: 'session', resourceId: session.id });
    });
    clearSessionCookie(request, reply);
    return { ok: true as const };
  });

  app.post('/api/auth/logout-all', {
    config: { access: anySession },
    schema: { tags, summary: 'Sign out everywhere', response: { 200: OkBody, ...errorResponses } },
  }, async (request, reply) => {
    const { user } = requireAuth(request);
    await deps.db.transaction().execute(async (trx) => {
      const count = await revokeSessions(trx, { userId: user.id });
      await audit(request, trx, { action: 'auth.logout_all', resourceType: 'user', resourceId: user.id, details: { sessions: count } });
    });
    clearSessionCookie(request, reply);
    return { ok: true as const };
  });

  app.get('/api/auth/sessions', {
    config: { access: requires('self.read') },
    schema: { tags, summary: 'My active sessions', response: { 200: z.object({ items: z.array(SessionSummary) }), ...errorResponses } },
  }, async (request) => {
    const { session, user } = requireAuth(request);
    return { items: await listActiveSessions(deps, user.id, session.id) };
  });

  app.delete('/api/auth/sessions/:id', {
    config: { access: requires('self.read') },
    schema: { tags, summary: 'Sign out one of my sessions', params: IdParams, response: { 200: OkBody, ...errorResponses } },
  }, async (request) => {
    const { user } = requireAuth(request);
    await deps.db.transaction().execute(async (trx) => {
      const count = await revokeSessions(trx, { userId: user.id, sessionId: request.params.id });
      if (count === 0) throw new NotFound();
      await audit(request, trx, { action: 'session.revoke', resourceType: 'session', resourceId: request.params.id });
    });
    return { ok: true as const };
  });

  app.get('/api/me', {
    config: { access: anySession },
    schema: { tags, summary: 'The signed-in user and what they may do', response: { 200: Me, ...errorResponses } },
  }, async (request) => {
    const { session, user } = requireAuth(request);
    return presentMe(deps, user, session);
  });

  app.patch('/api/me', {
    config: { access: requires('self.read') },
    schema: { tags, summary: 'Change my interface language', body: LocaleInput, response: { 200: Me, ...errorResponses } },
  }, async (request) => {
    const { session, user } = requireAuth(request);
    await deps.db.updateTable('users').set({ locale: request.body.locale }).where('id', '=', user.id).execute();
    return presentMe(deps, { ...user, locale: request.body.locale }, session);
  });

  app.get('/api/auth/locks', {
    config: { access: requires('users.manage') },
    schema: { tags, summary: 'Sign-in locks in force: a username from one address, a username, an address, second-factor codes', response: { 200: SignInLockList, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'users.manage');
    return { items: await currentLocks(deps.db) };
  });

  app.post('/api/auth/locks/lift', {
    config: { access: requires('users.manage') },
    schema: { tags, summary: 'Lift a sign-in lock (audited)', body: LiftLockInput, response: { 200: OkBody, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'users.manage');
    const { key } = request.body;
    const found = await deps.db.selectFrom('auth_throttle').select('key').where('key', '=', key).executeTakeFirst();
    if (!found) throw new NotFound();
    await deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('auth_throttle').where('key', '=', key).execute();
      await audit(request, trx, { action: 'auth.lock_lifted', details: { kind: key.split(':')[0] ?? 'other' } });
    });
    return { ok: true as const };
  });
}
