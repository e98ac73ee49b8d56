// pino with everything identifying removed: cookies, credentials and any body field that could hold an
// identity. Request logs carry method, route, status and time, never a body or a query string.
import type { FastifyServerOptions } from 'fastify';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password', '*.newPassword', '*.currentPassword', '*.code', '*.recoveryCode', '*.secret', '*.temporaryPassword',
  '*.fullName', '*.name', '*.phone', '*.cccd', '*.address', '*.dateOfBirth', '*.narrative', '*.note',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        // The path only: a query string could carry a search term such as a name.
        url: req.url.split('?')[0],
      }),
    },
  };
}
