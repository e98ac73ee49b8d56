// Sign-in and its steps: password, second factor, first-time password change, two-factor enrolment.
import type { FastifyRequest } from 'fastify';
import { type SessionStage, type TotpInput } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { Conflict, Forbidden, invalidField, RateLimited, Unauthenticated } from '../../http/errors.js';
import { audit } from '../../http/audit-context.js';
import { appendAudit } from '../../security/audit-chain.js';
import { checkPasswordStrength } from '../../security/passwords.js';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, clearFailures, lockedFor, recordFailure } from '../../security/throttle.js';
import { generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, totpUri, verifyTotp } from '../../security/totp.js';
import { now, nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { isTotpRequired } from './presenter.js';
import { createSession, revokeSessions, type SessionRow, type UserRow } from './sessions.js';

// Verifying against this keeps the time of a failed sign-in the same whether or not the user exists.
let dummyHash: Promise<string> | null = null;

/** The next step after the user has proved what `done` says. */
export function nextStage(deps: AppDeps, user: UserRow, done: 'password' | 'totp' | 'password_change' | 'totp_enrol'): SessionStage {
  const hasTotp = Number(user.totp_enabled) === 1;
  if (done === 'password' && hasTotp) return 'totp';
  if (done !== 'password_change' && done !== 'totp_enrol' && Number(user.must_change_password) === 1) return 'password_change';
  if (done !== 'totp_enrol' && !hasTotp && isTotpRequired(deps, user.role)) return 'totp_enrol';
  return 'active';
}

function client(request: FastifyRequest) {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null };
}

export async function signIn(deps: AppDeps, request: FastifyRequest, username: string, password: string) {
  const accountThrottle = accountKey(username);
  const addressKey = `address:${request.ip}`;
  const wait = Math.max(await lockedFor(deps.db, accountThrottle), await lockedFor(deps.db, addressKey));
  if (wait > 0) throw new RateLimited(wait);

  const user = await deps.db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  dummyHash ??= deps.hasher.hash('binhan-timing-equaliser');
  const passwordOk = user ? await deps.hasher.verify(user.password_hash, password) : await deps.hasher.verify(await dummyHash, password).then(() => false);
  if (!user || !passwordOk || Number(user.is_disabled) === 1) {
    await recordFailure(deps.db, accountThrottle, ACCOUNT_RULE);
    await recordFailure(deps.db, addressKey, ADDRESS_RULE);
    await appendAudit(deps.db, deps.dbKind, {
      action: 'auth.login_failed', outcome: 'failure', ipAddress: request.ip,
      actorId: user?.id ?? null, actorUsername: user?.username ?? null, actorRole: user?.role ?? null,
      details: { reason: !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled' },
    });
    throw new Unauthenticated('INVALID_CREDENTIALS');
  }
  await clearFailures(deps.db, accountThrottle);
  const stage = nextStage(deps, user, 'password');
  return deps.db.transaction().execute(async (trx) => {
    const { token, session } = await createSession(trx, deps, user.id, stage, client(request));
    if (stage === 'active') await trx.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', user.id).execute();
    await appendAudit(trx, deps.dbKind, {
      action: 'auth.login', actorId: user.id, actorUsername: user.username, actorRole: user.role,
      ipAddress: request.ip, resourceType: 'session', resourceId: session.id, details: { stage },
    });
    return { token, session, user };
  });
}

async function setStage(deps: AppDeps, session: SessionRow, stage: SessionStage, userId: string): Promise<void> {
  await deps.db.updateTable('sessions').set({ stage }).where('id', '=', session.id).execute();
  if (stage === 'active') await deps.db.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', userId).execute();
  session.stage = stage;
}

async function reloadUser(deps: AppDeps, id: string): Promise<UserRow> {
  return deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function verifySecondFactor(deps: AppDeps, request: FastifyRequest, input: TotpInput) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'totp') throw new Forbidden('STEP_REQUIRED');
  const key = `totp:${user.id}`;
  const wait = await lockedFor(deps.db, key);
  if (wait > 0) throw new RateLimited(wait);
  let accepted = false;
  let method: 'totp' | 'recovery_code' = 'totp';
  if ('code' in input && user.totp_secret_enc) {
    const step = verifyTotp(deps.cipher.decrypt(user.totp_secret_enc), input.code, user.totp_last_step === null ? null : Number(user.totp_last_step), now());
    if (step !== null) {
      // Only one request may consume a step: the update succeeds only while the stored step is older.
      const result = await deps.db.updateTable('users').set({ totp_last_step: step })
        .where('id', '=', user.id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      accepted = Number(result.numUpdatedRows) === 1;
    }
  } else if ('recoveryCode' in input) {
    method = 'recovery_code';
    const result = await deps.db.updateTable('recovery_codes').set({ used_at: nowIso() })
      .where('user_id', '=', user.id).where('code_hash', '=', hashRecoveryCode(input.recoveryCode)).where('used_at', 'is', null)
      .executeTakeFirst();
    accepted = Number(result.numUpdatedRows) === 1;
  }
  if (!accepted) {
    await recordFailure(deps.db, key, ACCOUNT_RULE);
    await audit(request, deps.db, { action: 'auth.totp_failed', outcome: 'failure', resourceType: 'session', resourceId: session.id, details: { method } });
    if ((await lockedFor(deps.db, key)) > 0) await revokeSessions(deps.db, { userId: user.id, sessionId: session.id });
    throw invalidField('code' in input ? 'code' : 'recoveryCode', 'TOTP_INVALID');
  }
  await clearFailures(deps.db, key);
  await setStage(deps, session, nextStage(deps, user, 'totp'), user.id);
  await audit(request, deps.db, { action: 'auth.totp_verified', resourceType: 'session', resourceId: session.id, details: { method } });
  return { session, user: await reloadUser(deps, user.id) };
}

export async function changePassword(deps: AppDeps, request: FastifyRequest, currentPassword: string | undefined, newPassword: string) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'password_change' && session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
  if (session.stage === 'active') {
    if (currentPassword === undefined || !(await deps.hasher.verify(user.password_hash, currentPassword))) {
      throw invalidField('currentPassword', 'CURRENT_PASSWORD_WRONG');
    }
  }
  const weakness = checkPasswordStrength(newPassword, user.username);
  if (weakness) throw invalidField('newPassword', weakness, { min: 12 });
  if (await deps.hasher.verify(user.password_hash, newPassword)) throw invalidField('newPassword', 'PASSWORD_REUSED');
  const passwordHash = await deps.hasher.hash(newPassword);
  const stage = session.stage === 'active' ? 'active' : nextStage(deps, user, 'password_change');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() }).where('id', '=', user.id).execute();
    // A new password signs out every other device.
    await revokeSessions(trx, { userId: user.id, exceptSessionId: session.id });
    await trx.updateTable('sessions').set({ stage }).where('id', '=', session.id).execute();
    if (stage === 'active') await trx.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', user.id).execute();
    await audit(request, trx, { action: 'auth.password_change', resourceType: 'user', resourceId: user.id });
  });
  session.stage = stage;
  return { session, user: await reloadUser(deps, user.id) };
}

export async function startTotpEnrolment(deps: AppDeps, request: FastifyRequest) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'totp_enrol' && session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
  const secret = generateTotpSecret();
  await deps.db.updateTable('sessions').set({ pending_totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', session.id).execute();
  return { secret, otpauthUrl: totpUri(secret, user.username) };
}

export async function confirmTotpEnrolment(deps: AppDeps, request: FastifyRequest, code: string) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'totp_enrol' && session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
  const row = await deps.db.selectFrom('sessions').select('pending_totp_secret_enc').where('id', '=', session.id).executeTakeFirst();
  if (!row?.pending_totp_secret_enc) throw invalidField('code', 'TOTP_INVALID');
  const secret = deps.cipher.decrypt(row.pending_totp_secret_enc);
  const step = verifyTotp(secret, code, null, now());
  if (step === null) throw invalidField('code', 'TOTP_INVALID');
  const recoveryCodes = generateRecoveryCodes();
  const stage: SessionStage = session.stage === 'active' ? 'active' : nextStage(deps, { ...user, totp_enabled: 1 }, 'totp_enrol');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret_enc: deps.cipher.encrypt(secret), totp_enabled: 1, totp_last_step: step, updated_at: nowIso() })
      .where('id', '=', user.id).execute();
    await replaceRecoveryCodes(trx, user.id, recoveryCodes);
    await trx.updateTable('sessions').set({ pending_totp_secret_enc: null, stage }).where('id', '=', session.id).execute();
    if (stage === 'active') await trx.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', user.id).execute();
    await audit(request, trx, { action: 'auth.totp_enrol', resourceType: 'user', resourceId: user.id });
  });
  session.stage = stage;
  return { recoveryCodes, session, user: await reloadUser(deps, user.id) };
}

export async function regenerateRecoveryCodes(deps: AppDeps, request: FastifyRequest): Promise<string[]> {
  const { user } = requireAuth(request);
  if (Number(user.totp_enabled) !== 1) throw new Conflict('TOTP_NOT_ENABLED');
  const codes = generateRecoveryCodes();
  await deps.db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(trx, user.id, codes);
    await audit(request, trx, { action: 'auth.recovery_codes', resourceType: 'user', resourceId: user.id });
  });
  return codes;
}

async function replaceRecoveryCodes(trx: Parameters<typeof revokeSessions>[0], userId: string, codes: string[]): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.insertInto('recovery_codes').values(codes.map((c) => ({ id: newId(), user_id: userId, code_hash: hashRecoveryCode(c), used_at: null }))).execute();
}

export function requireAuth(request: FastifyRequest): { session: SessionRow; user: UserRow } {
  if (!request.auth) throw new Unauthenticated();
  return { session: request.auth.session, user: request.auth.user };
}
