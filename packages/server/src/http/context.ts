// What every request carries: its language, its authenticated session (if any) and the services.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage, type Actor, type Locale, type Role } from '@binhan/domain';
import type { AppDeps } from '../deps.js';
import type { SessionRow, UserRow } from '../modules/auth/sessions.js';
import { resolveSession, readSessionToken } from '../modules/auth/sessions.js';

export interface AuthContext {
  session: SessionRow;
  user: UserRow;
  actor: { id: string; username: string; role: Role; unitId: string | null };
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    locale: Locale;
    auth: AuthContext | null;
    authFailure: 'expired' | 'invalid' | null;
    /** Resolve the session cookie once; later calls are free. */
    authenticate(): Promise<void>;
    /** The signed-in user with the set of units they may act on. */
    loadActor(): Promise<Actor & { id: string; username: string; unitId: string | null }>;
  }
}

export function registerRequestContext(app: FastifyInstance, deps: AppDeps): void {
  app.decorate('deps', deps);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('auth', null);
  app.decorateRequest('authFailure', null);
  app.decorateRequest('authenticate', async function authenticate(this: FastifyRequest) {
    const state = this as FastifyRequest & { authDone?: boolean };
    if (state.authDone) return;
    state.authDone = true;
    const token = readSessionToken(this);
    if (token === null) return;
    const result = await resolveSession(deps, token);
    if ('failure' in result) {
      this.authFailure = result.failure;
      return;
    }
    this.auth = {
      session: result.session,
      user: result.user,
      actor: { id: result.user.id, username: result.user.username, role: result.user.role as Role, unitId: result.user.unit_id },
    };
  });
  app.decorateRequest('loadActor', async function loadActor(this: FastifyRequest) {
    await this.authenticate();
    const auth = this.auth;
    if (!auth) throw new Error('loadActor called on an unauthenticated request');
    const graph = await deps.units.graph();
    const unitScope = auth.actor.unitId ? graph.scopeOf(auth.actor.unitId) : new Set<string>();
    return { ...auth.actor, unitScope, isUnscoped: auth.actor.role === 'system_admin' };
  });
  app.addHook('onRequest', async (request) => {
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
  });
}
