// The public pages: home, the report form and its result, and the quick-exit help. Server-rendered HTML
// with a strict policy of their own (no cookies set, nothing cached, nothing loaded from elsewhere). The
// form posts urlencoded, parsed here only; the public can create a report and read nothing back.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, formatReportReference, type Locale } from '@binhan/domain';
import { publicAccess } from '../http/access.js';
import { AppError, RateLimited } from '../http/errors.js';
import { recordRefusal } from '../security/refusals.js';
import { submitReport } from '../modules/community-reports/submit.js';
import { addressCounterKey, takePublicAddressAttempt, takePublicTotalAttempt } from '../modules/community-reports/throttle.js';
import { PUBLIC_CSP } from './assets.js';
import { consumeFormToken, formTokenAge, signFormToken } from './form-token.js';
import { fill, PUBLIC_PATHS, textOf } from './layout.js';
import { renderExitHelp, renderHome } from './pages.js';
import { checkForm, EMPTY_FORM, readForm, renderForm, renderProblemPage, renderResult, type FormPage, type FormValues } from './report-form.js';

/** A posted form may be this large: the longest answers in Vietnamese, percent-encoded, fit with room. */
export const REPORT_BODY_LIMIT = 64 * 1024;
/** A person needs longer than this to fill the form; a script does not. */
export const MIN_FILL_MS = 3_000;
export const MAX_FORM_AGE_MS = 24 * 3_600_000;

function localeOf(request: FastifyRequest): Locale {
  const query = request.query as Record<string, unknown> | undefined;
  return query?.lang === 'en' ? 'en' : 'vi';
}

/** Whether the browser takes gzip (every browser since long ago; not q=0). */
function acceptsGzip(request: FastifyRequest): boolean {
  const header = String(request.headers['accept-encoding'] ?? '').toLowerCase();
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().split(';');
    return (name.trim() === 'gzip' || name.trim() === '*') && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

function sendPage(reply: FastifyReply, status: number, page: string) {
  reply.status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', PUBLIC_CSP)
    .header('vary', 'accept-encoding');
  // Sent compressed by this server itself: the page's weight budget counts compressed bytes, and a slow
  // connection should not depend on a reverse proxy being set up to compress. (No secret is in these
  // pages, so compressing reflected form values gives nothing away.)
  if (acceptsGzip(reply.request)) return reply.header('content-encoding', 'gzip').send(gzipSync(page));
  return reply.send(page);
}

export async function publicRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const issueToken = () => signFormToken(deps);

  // Only these routes read urlencoded bodies (the staff API stays JSON-only).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: REPORT_BODY_LIMIT }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  // Problems on these pages are answered as pages, not JSON.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const locale = localeOf(request);
    const t = textOf(locale);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendPage(reply, 413, renderProblemPage(deps, locale, t.tooLongTitle, t.tooLongText));
    const status = error instanceof AppError ? error.statusCode : error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'unexpected error on a public page');
    return sendPage(reply, status, renderProblemPage(deps, locale, t.genericErrorTitle, t.genericErrorText));
  });

  const opts = { config: { access: publicAccess }, schema: { hide: true } };

  app.get(PUBLIC_PATHS.home, opts, async (request, reply) => {
    // Staff who are signed in go on to the app; visitors get the public page.
    if (request.headers.cookie?.includes('binhan_session')) {
      await request.authenticate();
      if (request.auth) return reply.redirect('/app/');
    }
    return sendPage(reply, 200, await renderHome(deps, localeOf(request)));
  });

  app.get(PUBLIC_PATHS.exitHelp, opts, async (request, reply) => sendPage(reply, 200, renderExitHelp(deps, localeOf(request))));

  app.get(PUBLIC_PATHS.report, opts, async (request, reply) =>
    sendPage(reply, 200, await renderForm(deps, localeOf(request), { values: EMPTY_FORM, problems: [], notice: null, token: issueToken() })));

  app.post(PUBLIC_PATHS.report, { ...opts, bodyLimit: REPORT_BODY_LIMIT }, async (request, reply) => {
    const locale = localeOf(request);
    const t = textOf(locale);
    if (!(request.body instanceof URLSearchParams)) {
      return sendPage(reply, 415, renderProblemPage(deps, locale, t.genericErrorTitle, t.genericErrorText));
    }
    const params = request.body;
    const values = readForm(params);
    const again = async (status: number, page: Partial<FormPage> & { values: FormValues }) =>
      sendPage(reply, status, await renderForm(deps, locale, { problems: [], notice: null, token: issueToken(), ...page }));
    const refuse = async (status: number, notice: string) => again(status, { values, notice });
    try {
      await takePublicAddressAttempt(deps, request.ip);
      // The trap field is hidden from people; only a script fills it.
      if ((params.get('website') ?? '') !== '') return await refuse(400, errorMessage(locale, 'REPORT_REJECTED'));
      const age = formTokenAge(deps, params.get('token') ?? '');
      if (age === null || age > MAX_FORM_AGE_MS) return await refuse(400, errorMessage(locale, 'REPORT_FORM_EXPIRED'));
      if (age < MIN_FILL_MS) return await refuse(400, errorMessage(locale, 'REPORT_TOO_FAST'));
      const checked = await checkForm(deps, values, locale);
      if ('problems' in checked) return await again(400, { values, problems: checked.problems });
      await takePublicTotalAttempt(deps, checked.input.unitId);
      // One report per form: a token sent again (a script, or Send pressed on an old tab) is refused.
      if (!(await consumeFormToken(deps, params.get('token') ?? ''))) return await refuse(400, errorMessage(locale, 'REPORT_FORM_USED'));
      const row = await submitReport(deps, checked.input, { channel: 'public', user: null, clientKey: null, ipAddress: null });
      return sendPage(reply, 200, renderResult(deps, locale, formatReportReference(row.reference), checked.input));
    } catch (error) {
      if (error instanceof RateLimited) {
        reply.header('retry-after', String(error.retryAfterSeconds));
        // Counted under the form's own coarse bucket of addresses: a reporter's address is never stored.
        await recordRefusal(request, { status: 429, code: error.code }, [{ kind: 'address', subject: addressCounterKey(deps, request.ip) }]);
        return refuse(429, fill(t.rateLimitedText, { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }));
      }
      throw error;
    }
  });
}
