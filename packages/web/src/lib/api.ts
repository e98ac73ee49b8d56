// Typed fetch client for the Bình An API. Every call is same-origin JSON; failures become ApiError with
// the server's stable code so screens can react to it. Signed-out answers are reported to the session
// layer, which reopens sign-in over the current page instead of navigating away (nothing typed is lost).
import i18n from 'i18next';

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: ApiIssue[];

  constructor(status: number, code: string, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** The session is gone: expired, revoked or never existed. */
  get isSignedOut(): boolean {
    return this.status === 401 && (this.code === 'SESSION_EXPIRED' || this.code === 'UNAUTHENTICATED');
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type SessionListener = (error: ApiError) => void;
let onSignedOut: SessionListener | null = null;
let onStepRequired: SessionListener | null = null;
let onAnswered: (() => void) | null = null;

export interface SessionListeners {
  signedOut: SessionListener | null;
  stepRequired: SessionListener | null;
  /** Any successful answer: the session was in use just now (drives the idle timer). */
  answered: (() => void) | null;
}

/** The session layer registers what to do when the server says the user is signed out or mid sign-in. */
export function setSessionListeners(listeners: SessionListeners): void {
  onSignedOut = listeners.signedOut;
  onStepRequired = listeners.stepRequired;
  onAnswered = listeners.answered;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Sign-in calls handle 401 themselves and must not open the "session expired" dialog. */
  isSignInCall?: boolean;
  /** Extra headers, such as an Idempotency-Key that makes a retried send safe. */
  headers?: Record<string, string>;
}

/**
 * Work without a connection (issue 8): when the browser says it is offline, or a request cannot reach the
 * server, the offline layer answers from the device's encrypted store or queues the change.
 */
export interface OfflineHandler {
  /** The browser reports no connection: answer from the device without trying the network. */
  isActive(): boolean;
  /** Rewrite a path before sending (a case opened offline keeps working under its local id). */
  mapPath(path: string): string;
  /** Note whether the last request reached the server. */
  reached(value: boolean): void;
  /**
   * The client id a write carries online too (header X-Client-Op-Id): when its answer is lost and the change
   * is queued with the same id, the server recognises it and writes nothing twice. Null for reads.
   */
  opIdFor(method: string, path: string, headers: Record<string, string>): string | null;
  handle(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<unknown>;
}
let offline: OfflineHandler | null = null;
export function setOfflineHandler(handler: OfflineHandler | null): void {
  offline = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Build a path with a query string, leaving out empty values. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function request<T>(method: string, rawPath: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const path = offline ? offline.mapPath(rawPath) : rawPath;
  const opId = offline?.opIdFor(method, path, options.headers ?? {}) ?? null;
  const sent = { ...options, headers: { ...options.headers, ...(opId === null ? {} : { 'X-Client-Op-Id': opId }) } };
  if (offline?.isActive()) return fromDevice<T>(offline, method, path, body, sent);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language === 'en' ? 'en' : 'vi',
    ...sent.headers,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    if (offline) {
      offline.reached(false);
      return fromDevice<T>(offline, method, path, body, sent, new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    }
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  offline?.reached(true);
  if (response.ok) onAnswered?.();
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const error = toApiError(response.status, payload);
  if (!options.isSignInCall) {
    if (error.isSignedOut) onSignedOut?.(error);
    else if (error.status === 403 && error.code === 'STEP_REQUIRED') onStepRequired?.(error);
  }
  throw error;
}

/** An answer from the device; when the device cannot answer either, the network error stands. */
async function fromDevice<T>(handler: OfflineHandler, method: string, path: string, body: unknown, options: RequestOptions, networkError?: ApiError): Promise<T> {
  try {
    const answer = (await handler.handle(method, path, body, options.headers ?? {})) as T;
    onAnswered?.();
    return answer;
  } catch (error) {
    if (networkError && error instanceof ApiError && error.code === 'OFFLINE_UNAVAILABLE') throw networkError;
    throw error;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const body = payload.error;
    if (typeof body === 'object' && body !== null) {
      const { code, message, issues } = body as { code?: unknown; message?: unknown; issues?: unknown };
      return new ApiError(
        status,
        typeof code === 'string' ? code : `HTTP_${status}`,
        typeof message === 'string' ? message : i18n.t('errors.unexpected'),
        Array.isArray(issues) ? issues.filter(isIssue) : [],
      );
    }
  }
  return new ApiError(status, `HTTP_${status}`, i18n.t(status >= 500 ? 'errors.server' : 'errors.unexpected'));
}

function isIssue(value: unknown): value is ApiIssue {
  return typeof value === 'object' && value !== null && typeof (value as ApiIssue).path === 'string' && typeof (value as ApiIssue).message === 'string';
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** The user-facing message of any error thrown by a query or mutation. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  return i18n.t('errors.unexpected');
}
