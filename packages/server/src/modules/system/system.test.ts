import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: Array<{ in: string; name: string; schema?: unknown }>;
  responses?: Record<string, { content?: Record<string, { schema?: { format?: string } }> }>;
}
type OpenApiDocument = { openapi: string; info: { title: string }; paths: Record<string, Record<string, OpenApiOperation>> };

/** The Fastify path in OpenAPI spelling: /api/users/:id -> /api/users/{id}. */
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

function expectClientError(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json().error.code).toBe(code);
}

describe.each(DATABASES)('system routes on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('GET /api/health answers 200 ok with the database kind, after a real query', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: kind });
  });

  it('GET /api/openapi.json answers 200 with an OpenAPI 3 document that lists every /api route with its schemas', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<OpenApiDocument>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Bình An API');

    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    // Every route registered in the app (collected by buildApp's onRoute hook), less the reference itself
    // (the Swagger UI pages and this document), which is left out on purpose.
    const registered = [...new Set(t.app.routeTable.map((r) => `${r.method} ${toOpenApiPath(r.url)}`))]
      .filter((r) => r.includes(' /api/') && !r.includes(' /api/docs') && !r.endsWith(' /api/openapi.json'));
    // Guard against an empty table: these must all be among the registered routes.
    expect(registered).toEqual(expect.arrayContaining([
      'POST /api/auth/login', 'GET /api/me', 'PATCH /api/me', 'GET /api/meta', 'GET /api/health', 'GET /api/users', 'POST /api/users',
      'GET /api/users/{id}', 'PATCH /api/users/{id}', 'POST /api/users/{id}/reset-password', 'GET /api/admin-units',
      'POST /api/admin-units/mergers', 'GET /api/admin-units/{id}/mapping', 'GET /api/audit', 'GET /api/audit/verify',
      'DELETE /api/auth/sessions/{id}',
    ]));
    expect(registered.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !registered.includes(r))).toEqual([]);

    for (const route of registered) {
      const [method = '', path = ''] = route.split(' ');
      const op = doc.paths[path]?.[method.toLowerCase()] as OpenApiOperation;
      const success = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'));
      // A JSON answer has its schema; a file download names its media types as binary content.
      const content = success?.[1].content ?? {};
      const described = content['application/json']?.schema ?? Object.values(content).find((c) => c?.schema?.format === 'binary')?.schema;
      expect(described, `${route} has a success response schema`).toBeDefined();
      if (!['GET /api/health', 'GET /api/meta'].includes(route)) {
        expect(op.responses?.['400']?.content?.['application/json']?.schema, `${route} documents its error answer`).toBeDefined();
      }
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        expect(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema, `${route} describes path parameter ${name}`).toBeDefined();
      }
    }
    for (const route of ['POST /api/auth/login', 'POST /api/auth/password', 'POST /api/auth/totp', 'POST /api/users', 'PATCH /api/users/{id}', 'PATCH /api/me', 'POST /api/admin-units', 'POST /api/admin-units/mergers']) {
      const [method = '', path = ''] = route.split(' ');
      expect(doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema, `${route} has a request body schema`).toBeDefined();
    }
    for (const route of ['GET /api/users', 'GET /api/audit', 'GET /api/admin-units']) {
      const [method = '', path = ''] = route.split(' ');
      expect(doc.paths[path]?.[method.toLowerCase()]?.parameters?.some((p) => p.in === 'query'), `${route} documents its query`).toBe(true);
    }
  });

  it('GET /api/docs answers 200 HTML (the Swagger UI), following a redirect if there is one', async () => {
    let response = await t.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; hops < 3 && response.statusCode >= 300 && response.statusCode < 400; hops += 1) {
      const location = new URL(String(response.headers.location), 'http://localhost/api/docs').pathname;
      response = await t.inject({ method: 'GET', url: location });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/swagger/i);
  });

  it('puts a strict Content-Security-Policy and the other security headers on an API answer', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name = '', ...values] = d.split(/\s+/);
      return [name, values] as const;
    }));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('POST /api/auth/login with malformed JSON answers 400 MALFORMED_JSON in Vietnamese, not 500', async () => {
    const response = await t.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a", "password": ',
    });
    expectClientError(response, 400, 'MALFORMED_JSON');
    expect(response.json().error.message).toBe('Nội dung gửi lên không đúng định dạng JSON.');
  });

  it('POST /api/auth/login with an empty JSON body answers 400 MALFORMED_JSON, not 500', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '' });
    expectClientError(response, 400, 'MALFORMED_JSON');
  });

  it('POST /api/auth/login with a text/plain body answers 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'username=a&password=b' });
    expectClientError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(response.json().error.message).toBe('Định dạng nội dung không được hỗ trợ. Hãy gửi JSON.');
  });

  it('an unknown route answers 404 ROUTE_NOT_FOUND, for GET and for POST', async () => {
    expectClientError(await t.inject({ method: 'GET', url: '/api/khong-co' }), 404, 'ROUTE_NOT_FOUND');
    expectClientError(await t.inject({ method: 'POST', url: '/api/khong-co', payload: { a: 1 } }), 404, 'ROUTE_NOT_FOUND');
    expect((await t.inject({ method: 'GET', url: '/api/khong-co' })).json().error.message).toBe('Không có chức năng này.');
  });

  it('POST /api/auth/login with a 65-character username answers 400 VALIDATION_FAILED marking username', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a'.repeat(65), password: 'mot mat khau bat ky' } });
    expectClientError(response, 400, 'VALIDATION_FAILED');
    expect(response.json().error.issues).toEqual([{ path: 'username', message: 'quá dài (tối đa 64 ký tự)' }]);
  });

  it('POST /api/auth/login with an unknown field answers 400 naming the field', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ai.do', password: 'mot mat khau bat ky', isAdmin: true } });
    expectClientError(response, 400, 'VALIDATION_FAILED');
    const issues = response.json<{ error: { issues: Array<{ path: string; message: string }> } }>().error.issues;
    expect(issues.some((i) => i.message.includes('isAdmin'))).toBe(true);
  });

  it('POST /api/auth/login with a body over 1 MiB answers 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await t.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'ai.do', password: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expectClientError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers in English when Accept-Language prefers en', async () => {
    const headers = { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' };
    const notFound = await t.inject({ method: 'GET', url: '/api/khong-co', headers });
    expect(notFound.json().error.message).toBe('There is no such function.');
    const tooLong = await t.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'a'.repeat(65), password: 'x' } });
    expect(tooLong.json().error).toEqual({
      code: 'VALIDATION_FAILED', message: 'Some of the data sent is not valid. Please check the marked fields.',
      issues: [{ path: 'username', message: 'is too long (at most 64 characters)' }],
    });
    const malformed = await t.inject({ method: 'POST', url: '/api/auth/login', headers: { ...headers, 'content-type': 'application/json' }, payload: '{' });
    expect(malformed.json().error.message).toBe('The request body is not valid JSON.');
  });

  it('answers none of a set of hostile requests with a 500', async () => {
    const requests = [
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: 'null' },
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '[]' },
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '"a string"' },
      { method: 'POST', url: '/api/auth/login', payload: { username: 42, password: ['x'] } },
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{"username":"a","password":"b"}' },
      { method: 'GET', url: '/api/users/not-a-uuid' },
      { method: 'GET', url: `/api/users/${'%'.repeat(3)}` },
      { method: 'GET', url: '/api/health?x=%E0%A4%A' },
    ] as const;
    for (const request of requests) {
      const response = await t.inject(request);
      expect(response.statusCode, `${request.method} ${request.url} ${'payload' in request ? JSON.stringify(request.payload) : ''}`).toBeLessThan(500);
    }
  });
});
