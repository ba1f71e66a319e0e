import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/**
 * Structured JSON logs that carry no personal data: requests are logged by method, route pattern and
 * status only (never the query string, body, cookies or authorization header), errors by type.
 */
export const loggerOptions = (level: string, stream?: DestinationStream): FastifyServerOptions['logger'] => ({
  level,
  stream,
  redact: { paths: ['req.headers', 'headers', 'body', 'query'], remove: true },
  serializers: {
    req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched', id: req.id }),
    res: (res) => ({ statusCode: res.statusCode }),
  },
});
