// The small set of typed errors with stable codes. One handler (error-handler.ts) maps them to HTTP.
import type { CaseIssueKey, ErrorCode, IssueKey, PerpetratorIssueKey } from '@binhan/domain';

export interface FieldIssue {
  path: string;
  /** A key of ISSUE_MESSAGES, or an ErrorCode for a domain rule on one field. */
  key: IssueKey | CaseIssueKey | PerpetratorIssueKey | ErrorCode;
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  /** More fields for the error body (e.g. the conflicts of SYNC_CONFLICT); the route's error schema must declare them. */
  extra: Record<string, unknown> = {};

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly values: Record<string, string | number> = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(code);
  }
}

export class Invalid extends AppError {
  constructor(code: ErrorCode = 'VALIDATION_FAILED', values: Record<string, string | number> = {}, issues: FieldIssue[] = []) {
    super(400, code, values, issues);
  }
}

/** A rule on one field: 400 with the field marked. */
export function invalidField(path: string, code: ErrorCode, values: Record<string, string | number> = {}): Invalid {
  return new Invalid(code, values, [{ path, key: code, values }]);
}

export class Unauthenticated extends AppError {
  constructor(code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'INVALID_CREDENTIALS' = 'UNAUTHENTICATED') {
    super(401, code);
  }
}

export class Forbidden extends AppError {
  constructor(code: ErrorCode = 'FORBIDDEN') {
    super(403, code);
  }
}

export class NotFound extends AppError {
  constructor(code: 'NOT_FOUND' | 'UNIT_NOT_FOUND' | 'ROUTE_NOT_FOUND' = 'NOT_FOUND') {
    super(404, code);
  }
}

export class Conflict extends AppError {
  constructor(code: ErrorCode = 'CONFLICT', values: Record<string, string | number> = {}, issues: FieldIssue[] = []) {
    super(409, code, values, issues);
  }
}

export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}
