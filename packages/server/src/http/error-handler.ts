// One error handler: typed errors and validation failures become clear 4xx answers in the user's
// language; anything else is a 500 that says nothing about internals. Nothing identifying is logged.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  CASE_ISSUE_MESSAGES, ERROR_MESSAGES, ISSUE_MESSAGES, PERPETRATOR_ISSUE_MESSAGES, errorMessage, interpolate, isCaseIssueKey, isPerpetratorIssueKey,
  type CaseIssueKey, type ErrorCode, type IssueKey, type Locale, type PerpetratorIssueKey,
} from '@binhan/domain';
import { AppError, type FieldIssue } from './errors.js';
import { concurrentRepeatAnswer } from './client-op.js';
import { recordRefusal } from '../security/refusals.js';

interface ValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function isIssueKey(value: string): value is IssueKey | CaseIssueKey | PerpetratorIssueKey {
  return value in ISSUE_MESSAGES.vi || isCaseIssueKey(value) || isPerpetratorIssueKey(value);
}

/** Issue texts of the general catalogue and of the case module's. */
function issueTemplate(locale: Locale, key: string): string | undefined {
  return (ISSUE_MESSAGES[locale] as Record<string, string>)[key] ?? (CASE_ISSUE_MESSAGES[locale] as Record<string, string>)[key]
    ?? (PERPETRATOR_ISSUE_MESSAGES[locale] as Record<string, string>)[key];
}

function isErrorCode(value: string): value is ErrorCode {
  return value in ERROR_MESSAGES.vi;
}

/** Translate one zod issue (as fastify-type-provider-zod hands it over) into a field issue. */
function toFieldIssue(entry: ValidationEntry, context: string | undefined): FieldIssue {
  const path = entry.instancePath.replace(/^\//, '').replace(/\//g, '.') || context || '';
  const p = entry.params;
  const message = entry.message ?? '';
  if (isIssueKey(message)) return { path, key: message };
  switch (entry.keyword) {
    case 'invalid_type':
      if (/received undefined/.test(message)) return { path, key: 'required' };
      return { path, key: 'invalid_type', values: { expected: typeof p.expected === 'string' ? p.expected : '' } };
    case 'too_small':
    case 'too_big': {
      const origin = p.origin === 'string' ? 'string' : p.origin === 'array' ? 'array' : 'number';
      const bound = entry.keyword === 'too_small' ? 'min' : 'max';
      const limit = Number(entry.keyword === 'too_small' ? p.minimum : p.maximum);
      if (origin === 'string' && bound === 'min' && limit === 1) return { path, key: 'required' };
      return { path, key: `${entry.keyword}_${origin}` as IssueKey, values: { [bound]: limit } };
    }
    case 'unrecognized_keys':
      return { path, key: 'unrecognized_keys', values: { keys: Array.isArray(p.keys) ? p.keys.join(', ') : '' } };
    case 'invalid_value':
    case 'invalid_union':
      return { path, key: 'invalid_value' };
    case 'invalid_format':
      return { path, key: p.format === 'uuid' ? 'invalid_uuid' : 'invalid_format' };
    default:
      return { path, key: 'invalid' };
  }
}

/** Issues of a zod validation run inside a handler (rules that depend on the current time). */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => toFieldIssue({
    keyword: issue.code, instancePath: `/${issue.path.join('/')}`, message: issue.message, params: issue as unknown as Record<string, unknown>,
  }, undefined));
}

export function renderIssue(locale: Locale, issue: FieldIssue): { path: string; message: string } {
  const template = issueTemplate(locale, issue.key) ?? (isErrorCode(issue.key) ? ERROR_MESSAGES[locale][issue.key] : issue.key);
  return { path: issue.path, message: interpolate(template, issue.values) };
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, values: Record<string, string | number> = {}, issues: FieldIssue[] = [], extra: Record<string, unknown> = {}) {
  const locale = request.locale;
  const body = {
    error: {
      ...extra,
      code,
      message: errorMessage(locale, code, values),
      ...(issues.length > 0 ? { issues: issues.map((i) => renderIssue(locale, i)) } : {}),
    },
  };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
};

/**
 * Refusals worth recording: a 403 for lack of rights or scope, a 404 on a record (an out-of-scope id is
 * answered like a missing one), a 429 or a sign-in lockout. Not the steps of signing in (a session that
 * has not finished two-factor), which are the normal way in.
 */
function isProbe(error: AppError): boolean {
  if (error.statusCode === 403) return error.code !== 'STEP_REQUIRED';
  return error.statusCode === 404 || error.statusCode === 429;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const repeated = await concurrentRepeatAnswer(request, error);
    if (repeated) return send(reply, request, repeated.statusCode, repeated.code);
    if (error instanceof AppError) {
      if (error.statusCode === 429 && 'retryAfterSeconds' in error) reply.header('retry-after', String(error.retryAfterSeconds));
      if (isProbe(error)) await recordRefusal(request, { status: error.statusCode, code: error.code });
      return send(reply, request, error.statusCode, error.code, error.values, error.issues, error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = (error.validation as unknown as ValidationEntry[]).map((v) => toFieldIssue(v, error.validationContext));
      return send(reply, request, 400, 'VALIDATION_FAILED', {}, issues);
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return send(reply, request, known.status, known.code);
    if (error instanceof SyntaxError || error.statusCode === 400) return send(reply, request, 400, 'MALFORMED_JSON');
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      const code: ErrorCode = error.statusCode === 404 ? 'NOT_FOUND' : error.statusCode === 403 ? 'FORBIDDEN' : error.statusCode === 401 ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED';
      return send(reply, request, error.statusCode, code);
    }
    // Log the kind and stack, never the values a database error may echo (a PostgreSQL "detail").
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'unexpected error');
    return send(reply, request, 500, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, 404, 'ROUTE_NOT_FOUND'));
}
