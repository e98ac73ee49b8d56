// Cross-site request forgery: a state-changing request must come from this system's own pages. Browsers
// send Origin on such requests (and Sec-Fetch-Site); a request from another site, or one that carries a
// session cookie but neither header, is refused. SameSite=Strict cookies are the second line.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  const host = request.headers['x-forwarded-host'] && request.server.deps.config.trustProxy !== false ? String(request.headers['x-forwarded-host']) : request.headers.host;
  if (typeof origin === 'string' && origin !== 'null') {
    return host !== undefined && hostOf(origin) === hostOf(`http://${host}`);
  }
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  // No browser headers at all: only acceptable when no cookie could have been sent by a browser.
  return request.headers.cookie === undefined;
}

export function registerCsrfCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!isSameOrigin(request)) throw new Forbidden('CSRF_REJECTED');
  });
}
