// Health, public facts for the sign-in page, and the API reference.
import { sql } from 'kysely';
import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '@binhan/domain';
import { publicAccess } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';

export const VERSION = '0.1.0';

export async function systemRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;

  app.get('/api/health', {
    config: { access: publicAccess },
    schema: {
      tags: ['system'], summary: 'Liveness with a real database query',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgresql']) }), 503: z.object({ status: z.literal('error'), database: z.enum(['sqlite', 'postgresql']) }) },
    },
  }, async (_request, reply) => {
    try {
      await sql`select 1 as ok`.execute(deps.db);
      return { status: 'ok' as const, database: deps.dbKind };
    } catch {
      return reply.status(503).send({ status: 'error' as const, database: deps.dbKind });
    }
  });

  app.get('/api/meta', {
    config: { access: publicAccess },
    schema: {
      tags: ['system'], summary: 'Facts the sign-in page needs',
      response: { 200: z.object({ demo: z.boolean(), version: z.string(), passwordMinLength: z.number(), sessionIdleMinutes: z.number() }) },
    },
  }, async () => ({ demo: deps.config.isDemo, version: VERSION, passwordMinLength: PASSWORD_MIN_LENGTH, sessionIdleMinutes: deps.config.sessionIdleMinutes }));
}
