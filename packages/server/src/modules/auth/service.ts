// Sign-in and its steps: password, second factor, first-time password change, two-factor enrolment.
// Every guess (password, code, recovery code) is counted before it is checked, so the lockout holds
// under parallel requests; every step and its audit entry are written in one transaction.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { SessionStage, TotpInput } from '@binhan/domain';
import type { Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { Conflict, Forbidden, invalidField, RateLimited, Unauthenticated } from '../../http/errors.js';
import { audit } from '../../http/audit-context.js';
import { appendAudit } from '../../security/audit-chain.js';
import { checkPasswordStrength } from '../../security/passwords.js';
import {
  ACCOUNT_RULE, ADDRESS_RULE, SIGN_IN_ACCOUNT_RULE, SIGN_IN_PAIR_RULE, accountKey, attemptFailed, clearFailures, pairKey, releaseAttempt, takeAttempt,
} from '../../security/throttle.js';
import { generateRecoveryCodes, generateTotpSecret, totpUri, verifyTotp } from '../../security/totp.js';
import { now, nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { isTotpRequired } from './presenter.js';
import { createSession, knownDeviceUser, revokeSessions, type SessionRow, type UserRow } from './sessions.js';

const DUMMY_PASSWORD = 'binhan-timing-equaliser';

/** The next step after the user has proved what `done` says. */
export function nextStage(deps: AppDeps, user: UserRow, done: 'password' | 'totp' | 'password_change' | 'totp_enrol'): SessionStage {
  const hasTotp = Number(user.totp_enabled) === 1;
  if (done === 'password' && hasTotp) return 'totp';
  if (done !== 'password_change' && done !== 'totp_enrol' && Number(user.must_change_password) === 1) return 'password_change';
  if (done !== 'totp_enrol' && !hasTotp && isTotpRequired(deps, user.role)) return 'totp_enrol';
  return 'active';
}

/** Move the session to its next stage; reaching 'active' is the moment of signing in. */
async function advanceSession(trx: Transaction<Database>, session: SessionRow, userId: string, stage: SessionStage): Promise<void> {
  await trx.updateTable('sessions').set({ stage, pending_totp_secret_enc: null }).where('id', '=', session.id).execute();
  if (stage === 'active') await trx.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', userId).execute();
  session.stage = stage;
}

function client(request: FastifyRequest) {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null };
}

async function throttled(deps: AppDeps, key: string, rule = ACCOUNT_RULE): Promise<void> {
  const wait = await takeAttempt(deps.db, key, rule);
  if (wait > 0) throw new RateLimited(wait);
}

/** The hash to check a password against when the username does not exist, made once at start. */
export function prepareDummyHash(deps: AppDeps): Promise<string> {
  deps.dummyPasswordHash ??= deps.hasher.hash(DUMMY_PASSWORD);
  return deps.dummyPasswordHash;
}

export async function signIn(deps: AppDeps, request: FastifyRequest, username: string, password: string) {
  const accountThrottle = accountKey(username);
  const addressThrottle = `address:${request.ip}`;
  const pairThrottle = pairKey(username, request.ip);
  const user = await deps.db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  // A device that completed this user's two-factor sign-in before is not held back by the address or the
  // username being attacked from elsewhere; the password and the second factor are still checked.
  const isKnownDevice = user !== undefined && Number(user.totp_enabled) === 1 && knownDeviceUser(request, deps) === user.id;
  await throttled(deps, pairThrottle, SIGN_IN_PAIR_RULE);
  if (!isKnownDevice) {
    await throttled(deps, addressThrottle, ADDRESS_RULE);
    await throttled(deps, accountThrottle, SIGN_IN_ACCOUNT_RULE);
  }

  // Unknown usernames cost one hash verification too, so timing does not tell who has an account.
  const passwordOk = await deps.hasher.verify(user?.password_hash ?? (await prepareDummyHash(deps)), password) && user !== undefined;
  if (!user || !passwordOk || Number(user.is_disabled) === 1) {
    await attemptFailed(deps.db, pairThrottle, SIGN_IN_PAIR_RULE);
    await attemptFailed(deps.db, accountThrottle, SIGN_IN_ACCOUNT_RULE);
    await attemptFailed(deps.db, addressThrottle, ADDRESS_RULE);
    await appendAudit(deps.db, deps, {
      action: 'auth.login_failed', outcome: 'failure', ipAddress: request.ip,
      actorId: user?.id ?? null, actorUsername: user?.username ?? null, actorRole: user?.role ?? null,
      details: { reason: !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled' },
    });
    throw new Unauthenticated('INVALID_CREDENTIALS');
  }
  await clearFailures(deps.db, pairThrottle);
  await clearFailures(deps.db, accountThrottle);
  if (!isKnownDevice) await releaseAttempt(deps.db, addressThrottle);
  const stage = nextStage(deps, user, 'password');
  return deps.db.transaction().execute(async (trx) => {
    const { token, session } = await createSession(trx, deps, user.id, stage, client(request));
    if (stage === 'active') await trx.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', user.id).execute();
    await appendAudit(trx, deps, {
      action: 'auth.login', actorId: user.id, actorUsername: user.username, actorRole: user.role,
      ipAddress: request.ip, resourceType: 'session', resourceId: session.id, details: { stage },
    });
    return { token, session, user };
  });
}

async function reloadUser(deps: AppDeps, id: string): Promise<UserRow> {
  return deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Consume a TOTP code or a recovery code: true when it was valid and not used before. */
async function consumeSecondFactor(deps: AppDeps, user: UserRow, input: TotpInput): Promise<boolean> {
  if ('code' in input) {
    if (!user.totp_secret_enc) return false;
    const lastStep = user.totp_last_step === null ? null : Number(user.totp_last_step);
    const step = verifyTotp(deps.cipher.decrypt(user.totp_secret_enc), input.code, lastStep, now());
    if (step === null) return false;
    // Only one request may consume a step: the update succeeds only while the stored step is older.
    const result = await deps.db.updateTable('users').set({ totp_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  const result = await deps.db.updateTable('recovery_codes').set({ used_at: nowIso() })
    .where('user_id', '=', user.id).where('code_hash', '=', hashRecoveryCode(deps, input.recoveryCode)).where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function verifySecondFactor(deps: AppDeps, request: FastifyRequest, input: TotpInput) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'totp') throw new Forbidden('STEP_REQUIRED');
  const key = `totp:${user.id}`;
  const method = 'code' in input ? 'totp' : 'recovery_code';
  const wait = await takeAttempt(deps.db, key, ACCOUNT_RULE);
  if (wait > 0) {
    await revokeSessions(deps.db, { userId: user.id, sessionId: session.id });
    throw new RateLimited(wait);
  }
  if (!(await consumeSecondFactor(deps, user, input))) {
    await attemptFailed(deps.db, key, ACCOUNT_RULE);
    await audit(request, deps.db, { action: 'auth.totp_failed', outcome: 'failure', resourceType: 'session', resourceId: session.id, details: { method } });
    throw invalidField('code' in input ? 'code' : 'recoveryCode', 'TOTP_INVALID');
  }
  await clearFailures(deps.db, key);
  await deps.db.transaction().execute(async (trx) => {
    await advanceSession(trx, session, user.id, nextStage(deps, user, 'totp'));
    await audit(request, trx, { action: 'auth.totp_verified', resourceType: 'session', resourceId: session.id, details: { method } });
  });
  return { session, user: await reloadUser(deps, user.id) };
}

/** An active user confirms a sensitive change with their password; guesses are throttled like sign-in. */
async function confirmCurrentPassword(deps: AppDeps, user: UserRow, currentPassword: string | undefined): Promise<void> {
  const key = accountKey(user.username);
  await throttled(deps, key);
  if (currentPassword === undefined || !(await deps.hasher.verify(user.password_hash, currentPassword))) {
    await attemptFailed(deps.db, key, ACCOUNT_RULE);
    throw invalidField('currentPassword', 'CURRENT_PASSWORD_WRONG');
  }
  await releaseAttempt(deps.db, key);
}

export async function changePassword(deps: AppDeps, request: FastifyRequest, currentPassword: string | undefined, newPassword: string) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'password_change' && session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
  if (session.stage === 'active') await confirmCurrentPassword(deps, user, currentPassword);
  const weakness = checkPasswordStrength(newPassword, user.username);
  if (weakness) throw invalidField('newPassword', weakness, { min: 12 });
  if (await deps.hasher.verify(user.password_hash, newPassword)) throw invalidField('newPassword', 'PASSWORD_REUSED');
  const passwordHash = await deps.hasher.hash(newPassword);
  const stage = session.stage === 'active' ? 'active' : nextStage(deps, user, 'password_change');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() }).where('id', '=', user.id).execute();
    // A new password signs out every other device.
    await revokeSessions(trx, { userId: user.id, exceptSessionId: session.id });
    await advanceSession(trx, session, user.id, stage);
    await audit(request, trx, { action: 'auth.password_change', resourceType: 'user', resourceId: user.id });
  });
  return { session, user: await reloadUser(deps, user.id) };
}

/** Enrolment from an active session replaces the second factor, so it needs the password first. */
export async function startTotpEnrolment(deps: AppDeps, request: FastifyRequest, currentPassword: string | undefined) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'totp_enrol' && session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
  if (session.stage === 'active') await confirmCurrentPassword(deps, user, currentPassword);
  const secret = generateTotpSecret();
  await deps.db.updateTable('sessions').set({ pending_totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', session.id).execute();
  return { secret, otpauthUrl: totpUri(secret, user.username) };
}

export async function confirmTotpEnrolment(deps: AppDeps, request: FastifyRequest, code: string) {
  const { session, user } = requireAuth(request);
  if (session.stage !== 'totp_enrol' && session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
  const row = await deps.db.selectFrom('sessions').select('pending_totp_secret_enc').where('id', '=', session.id).executeTakeFirst();
  if (!row?.pending_totp_secret_enc) throw invalidField('code', 'TOTP_INVALID');
  const key = `totp:${user.id}`;
  await throttled(deps, key);
  const secret = deps.cipher.decrypt(row.pending_totp_secret_enc);
  const step = verifyTotp(secret, code, null, now());
  if (step === null) {
    await attemptFailed(deps.db, key, ACCOUNT_RULE);
    throw invalidField('code', 'TOTP_INVALID');
  }
  await clearFailures(deps.db, key);
  const recoveryCodes = generateRecoveryCodes();
  const stage: SessionStage = session.stage === 'active' ? 'active' : nextStage(deps, { ...user, totp_enabled: 1 }, 'totp_enrol');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret_enc: deps.cipher.encrypt(secret), totp_enabled: 1, totp_last_step: step, updated_at: nowIso() })
      .where('id', '=', user.id).execute();
    await replaceRecoveryCodes(deps, trx, user.id, recoveryCodes);
    await advanceSession(trx, session, user.id, stage);
    await audit(request, trx, { action: 'auth.totp_enrol', resourceType: 'user', resourceId: user.id });
  });
  return { recoveryCodes, session, user: await reloadUser(deps, user.id) };
}

export async function regenerateRecoveryCodes(deps: AppDeps, request: FastifyRequest, currentPassword: string): Promise<string[]> {
  const { user } = requireAuth(request);
  if (Number(user.totp_enabled) !== 1) throw new Conflict('TOTP_NOT_ENABLED');
  await confirmCurrentPassword(deps, user, currentPassword);
  const codes = generateRecoveryCodes();
  await deps.db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(deps, trx, user.id, codes);
    await audit(request, trx, { action: 'auth.recovery_codes', resourceType: 'user', resourceId: user.id });
  });
  return codes;
}

/**
 * Recovery codes are stored as keyed hashes: they are short enough that a plain hash taken from a copy
 * of the database could be reversed by trying them all; without the key it cannot.
 */
function hashRecoveryCode(deps: AppDeps, code: string): string {
  return deps.cipher.blindIndex(code.trim().toLowerCase().replace(/[^0-9a-f]/g, ''), 'recovery-code');
}

async function replaceRecoveryCodes(deps: AppDeps, trx: Transaction<Database>, userId: string, codes: string[]): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.insertInto('recovery_codes').values(codes.map((c) => ({ id: newId(), user_id: userId, code_hash: hashRecoveryCode(deps, c), used_at: null }))).execute();
}

export function requireAuth(request: FastifyRequest): { session: SessionRow; user: UserRow } {
  if (!request.auth) throw new Unauthenticated();
  return { session: request.auth.session, user: request.auth.user };
}
