// The Idempotency-Key header of the writes that open a record (a case, a staff community report): the
// same key sent again answers with the record it already made. A key that is not 16–64 letters, digits
// or hyphens is refused (400) rather than ignored, since ignoring it would make a retry write twice; the
// same key with another body is refused (422) rather than answered with a record that is not what was sent.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, Invalid } from './errors.js';

const KEY = /^[0-9A-Za-z-]{16,64}$/;

/** The request's Idempotency-Key, or null when it has none. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY.test(header)) throw new Invalid('IDEMPOTENCY_KEY_INVALID', {}, [{ path: 'Idempotency-Key', key: 'IDEMPOTENCY_KEY_INVALID' }]);
  return header;
}

/** JSON with object keys in order, so the same content hashes the same whatever order the client sent. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A fingerprint of what was sent with the key (hex sha256). */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

/** The record made with this key came from another request: refuse instead of answering with it. */
export function assertSameRequest(stored: string | null, sent: string | null): void {
  if (stored !== null && sent !== null && stored !== sent) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
}
