// Builds the Fastify app from configuration and open services; used by `serve` and by tests alike.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import type { AppDeps } from './deps.js';
import { describeAccess, publicAccess, registerAccessControl, type Access } from './http/access.js';
import { registerClientOps } from './http/client-op.js';
import { registerRequestContext } from './http/context.js';
import { registerCsrfCheck } from './http/csrf.js';
import { registerErrorHandler } from './http/error-handler.js';
import { loggerOptions } from './lib/logger.js';
import { authRoutes } from './modules/auth/routes.js';
import { systemRoutes, VERSION } from './modules/system/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { adminUnitRoutes } from './modules/admin-units/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { measureRoutes } from './modules/measures/routes.js';
import { indicatorRoutes } from './modules/indicators/routes.js';
import { referralRoutes } from './modules/referrals/routes.js';
import { alertRoutes } from './modules/alerts/routes.js';
import { supportPlanRoutes } from './modules/support-plans/routes.js';
import { periodicReportRoutes } from './modules/reports/routes.js';
import { planRoutes } from './modules/plans/routes.js';
import { dashboardRoutes } from './modules/indicators/dashboard-routes.js';
import { outreachRoutes } from './modules/outreach/routes.js';
import { trainingRoutes } from './modules/training/routes.js';
import { networkRoutes } from './modules/network/routes.js';
import { communityReportRoutes } from './modules/community-reports/routes.js';
import { perpetratorRoutes } from './modules/perpetrators/routes.js';
import { offlineRoutes } from './modules/offline/routes.js';
import { syncRoutes } from './modules/sync/routes.js';
import { publicRoutes } from './public/routes.js';

/** Every registered route with its access rule, for the access-control test and audits of the policy. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface BuildOptions {
  /** Pino options, or false to log nothing (tests). */
  logger?: boolean;
}

/** A number of hops becomes the equivalent function, the form Fastify's types accept. */
function trustProxyOption(setting: AppConfig['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(deps.config.logLevel),
    trustProxy: trustProxyOption(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: Fastify parses text/plain by default, a type cross-site forms can send without preflight.
  app.removeContentTypeParser('text/plain');

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // The API reference pages (registered by @fastify/swagger-ui) are public documentation.
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), access: publicAccess };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });
  registerRequestContext(app, deps);
  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Styles keep 'unsafe-inline' (issue 14 asked to drop it if Mantine allows): Mantine writes its
        // style props (mt, w, c …) as inline style attributes on elements, which CSP can allow only with
        // 'unsafe-inline' or a hash per value with 'unsafe-hashes', and injects <style> elements for its
        // CSS variables. Scripts stay strictly 'self', so an injected style cannot run code; the public
        // page, which needs no framework, allows only its own hashed style.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        // The installable app: its service worker (/app/sw.js) and manifest come from this server only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // The same answer as frame-ancestors 'none' for browsers that only read X-Frame-Options.
    frameguard: { action: 'deny' },
    hsts: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  registerCsrfCheck(app);
  registerAccessControl(app);
  registerClientOps(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Bình An API', version: VERSION, description: 'Phòng ngừa và ứng phó với bạo lực trên cơ sở giới — API for staff applications.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-binhan_session' } } },
      security: [{ session: [] }],
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      const access = (input.route.config)?.access;
      const fileTypes = (input.route.config)?.fileTypes;
      // A file download documents its media types instead of a JSON body.
      const response = fileTypes
        ? {
          ...(result.schema.response as Record<string, unknown> | undefined),
          200: { description: 'The file', content: Object.fromEntries(fileTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) },
        }
        : result.schema.response;
      return { ...result, schema: { ...result.schema, response, description: `Access: ${describeAccess(access)}` } };
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: false },
    staticCSP: true,
    // The reference page gets the same strict policy as the rest, plus what Swagger UI's own files need.
    transformStaticCSP: () =>
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
    uiHooks: {},
    logLevel: 'warn',
  });
  app.get('/api/openapi.json', { config: { access: publicAccess }, schema: { hide: true } }, async () => app.swagger());

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(adminUnitRoutes);
  await app.register(auditRoutes);
  await app.register(caseRoutes);
  await app.register(measureRoutes);
  await app.register(indicatorRoutes);
  await app.register(referralRoutes);
  await app.register(alertRoutes);
  await app.register(supportPlanRoutes);
  await app.register(periodicReportRoutes);
  await app.register(planRoutes);
  await app.register(dashboardRoutes);
  await app.register(outreachRoutes);
  await app.register(trainingRoutes);
  await app.register(networkRoutes);
  await app.register(communityReportRoutes);
  await app.register(perpetratorRoutes);
  await app.register(offlineRoutes);
  await app.register(syncRoutes);
  await app.register(publicRoutes);
  await registerWebApp(app, deps);
  return app;
}

/** The staff app is served at /app/ from the same process; client-side routes fall back to index.html. */
async function registerWebApp(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const dir = deps.config.webDistDir;
  if (dir === null || !fs.existsSync(dir)) return;
  await app.register(fastifyStatic, {
    root: dir,
    serve: false,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.header('cache-control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The service worker must always be checked for a new release, and may control all of /app/.
      if (path.resolve(filePath) === path.resolve(dir, 'sw.js')) res.header('content-type', 'application/javascript; charset=utf-8').header('service-worker-allowed', '/app/');
      if (filePath.endsWith('.webmanifest')) res.header('content-type', 'application/manifest+json; charset=utf-8');
    },
  });
  const indexHtml = fs.readFileSync(`${dir}/index.html`, 'utf8');
  const serveIndex = async (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  app.get('/app', { config: { access: publicAccess }, schema: { hide: true } }, serveIndex);
  app.get('/app/*', { config: { access: publicAccess }, schema: { hide: true } }, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    if (rest.startsWith('assets/') || /\.[a-z0-9]+$/i.test(rest)) {
      return reply.sendFile(rest);
    }
    return serveIndex(request, reply);
  });
}
