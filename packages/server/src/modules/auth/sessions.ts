// Sessions: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is stored, in the
// database, so several server processes share sessions and a stolen database holds no usable token.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { SessionStage, SessionSummary } from '@binhan/domain';
import type { Database, SessionTable, UserTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { addMinutes, now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';

export type SessionRow = Selectable<SessionTable>;
export type UserRow = Selectable<UserTable>;

/** `__Host-` binds the cookie to this exact origin over HTTPS (and on localhost, which browsers trust). */
export const SECURE_COOKIE = '__Host-binhan_session';
/** Plain-HTTP deployments on a local network cannot keep a Secure cookie; they get this one. */
export const PLAIN_COOKIE = 'binhan_session';

const TOUCH_INTERVAL_MS = 30_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function isSecureContext(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const host = request.hostname.replace(/:\d+$/, '');
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

export function readSessionToken(request: FastifyRequest): string | null {
  // Over HTTPS only the __Host- cookie counts: a plain cookie could have been planted by a sibling host.
  const token = isSecureContext(request) ? request.cookies[SECURE_COOKIE] : request.cookies[PLAIN_COOKIE] ?? request.cookies[SECURE_COOKIE];
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  const secure = isSecureContext(request);
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: maxAgeSeconds,
  });
}

/**
 * A device that completed a two-factor sign-in keeps a long-lived, encrypted cookie naming the user:
 * sign-in limits on a busy address or on a username attacked from elsewhere do not apply to it.
 */
const DEVICE_COOKIE = { secure: '__Host-binhan_device', plain: 'binhan_device' } as const;
const DEVICE_DAYS = 180;

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, userId: string): void {
  const secure = isSecureContext(request);
  const value = deps.cipher.encrypt(JSON.stringify({ k: 'device', u: userId }));
  reply.setCookie(secure ? DEVICE_COOKIE.secure : DEVICE_COOKIE.plain, value, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: DEVICE_DAYS * 86_400 });
}

/** The user whose two-factor sign-in this device completed before, or null. */
export function knownDeviceUser(request: FastifyRequest, deps: AppDeps): string | null {
  const value = isSecureContext(request) ? request.cookies[DEVICE_COOKIE.secure] : request.cookies[DEVICE_COOKIE.plain] ?? request.cookies[DEVICE_COOKIE.secure];
  if (typeof value !== 'string' || value.length > 1000) return null;
  try {
    const parsed = JSON.parse(deps.cipher.decrypt(value)) as { k?: unknown; u?: unknown };
    return parsed.k === 'device' && typeof parsed.u === 'string' ? parsed.u : null;
  } catch {
    return null;
  }
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = isSecureContext(request);
  reply.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

export async function createSession(
  trx: Transaction<Database> | Kysely<Database>,
  deps: AppDeps,
  userId: string,
  stage: SessionStage,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const at = now();
  const session: SessionRow = {
    id: newId(),
    token_hash: hashToken(token),
    user_id: userId,
    stage,
    created_at: at.toISOString(),
    last_seen_at: at.toISOString(),
    expires_at: addMinutes(at, deps.config.sessionAbsoluteHours * 60).toISOString(),
    ip_address: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    revoked_at: null,
    pending_totp_secret_enc: null,
  };
  await trx.insertInto('sessions').values(session).execute();
  return { token, session };
}

/** When the session ends by inactivity or by its absolute limit, whichever is first. */
export function sessionEndsAt(session: SessionRow, idleMinutes: number): Date {
  const idleEnd = addMinutes(new Date(session.last_seen_at), idleMinutes);
  const absoluteEnd = new Date(session.expires_at);
  return idleEnd < absoluteEnd ? idleEnd : absoluteEnd;
}

export async function resolveSession(
  deps: AppDeps,
  token: string,
): Promise<{ session: SessionRow; user: UserRow } | { failure: 'expired' | 'invalid' }> {
  const session = await deps.db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!session) return { failure: 'invalid' };
  const at = now();
  if (session.revoked_at !== null || sessionEndsAt(session, deps.config.sessionIdleMinutes) <= at) return { failure: 'expired' };
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user || Number(user.is_disabled) === 1) return { failure: 'expired' };
  if (at.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    session.last_seen_at = at.toISOString();
    await deps.db.updateTable('sessions').set({ last_seen_at: session.last_seen_at }).where('id', '=', session.id).execute();
  }
  return { session, user };
}

export async function revokeSessions(
  trx: Transaction<Database> | Kysely<Database>,
  filter: { userId: string; sessionId?: string; exceptSessionId?: string },
): Promise<number> {
  let query = trx.updateTable('sessions').set({ revoked_at: now().toISOString(), pending_totp_secret_enc: null })
    .where('user_id', '=', filter.userId).where('revoked_at', 'is', null);
  if (filter.sessionId) query = query.where('id', '=', filter.sessionId);
  if (filter.exceptSessionId) query = query.where('id', '!=', filter.exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A user's sessions that can still be used, most recently active first. */
export async function listActiveSessions(deps: AppDeps, userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await deps.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null)
    .where('expires_at', '>', now().toISOString()).orderBy('last_seen_at', 'desc').execute();
  return rows
    .filter((r) => sessionEndsAt(r, deps.config.sessionIdleMinutes) > now())
    .map((r) => ({
      id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: sessionEndsAt(r, deps.config.sessionIdleMinutes).toISOString(),
      ipAddress: r.ip_address, userAgent: r.user_agent, isCurrent: r.id === currentSessionId,
    }));
}
