// Deny by default. Every route declares its access rule in its config; a global hook authenticates the
// request, checks the rule before the body is even read, and refuses any route that declares none.
// Handlers then call `authorize` for rules that depend on the resource (unit scope).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, roleCan, type Action, type Actor, type ScopedResource } from '@binhan/domain';
import { Forbidden, Unauthenticated } from './errors.js';

export type Access =
  | { kind: 'public' }
  /** A signed-in session at any sign-in stage (used by the sign-in steps themselves). */
  | { kind: 'session' }
  | { kind: 'action'; action: Action };

export const publicAccess: Access = { kind: 'public' };
export const anySession: Access = { kind: 'session' };
export const requires = (action: Action): Access => ({ kind: 'action', action });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A route that answers with a file: its media types, for the OpenAPI document. */
    fileTypes?: readonly string[];
  }
}

/** Describe a route's rule for the access-control test and the OpenAPI document. */
export function describeAccess(access: Access | undefined): string {
  if (!access) return 'none';
  return access.kind === 'action' ? access.action : access.kind;
}

export function registerAccessControl(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      // Only the not-found handler has no rule; any real route without one is a programming error.
      if (request.routeOptions.url === undefined) return;
      request.log.error({ route: request.routeOptions.url }, 'route has no access rule; refused');
      throw new Forbidden();
    }
    if (access.kind === 'public') return;
    await request.authenticate();
    const auth = request.auth;
    if (!auth) throw new Unauthenticated(request.authFailure === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (access.kind === 'session') return;
    if (auth.session.stage !== 'active') throw new Forbidden('STEP_REQUIRED');
    if (!roleCan(auth.actor.role, access.action)) throw new Forbidden();
  });
}

/**
 * The check inside a handler. Without a resource it checks the role's grant; with a unit-scoped resource
 * it also checks the unit against the actor's scope, which the handler loads with request.loadActor().
 */
export function authorize(request: FastifyRequest, action: Action, resource?: ScopedResource, actor?: Actor): void {
  const base = request.auth?.actor;
  if (!base) throw new Unauthenticated();
  if (!roleCan(base.role, action)) throw new Forbidden();
  if (resource === undefined) return;
  if (!actor) throw new Error('authorize with a resource needs the loaded actor');
  if (!can(actor, action, resource)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
}
