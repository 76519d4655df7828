/**
 * One structured log line per request, when its response is sent: request id, caller's
 * department and identity, method, route (the pattern, never the concrete URL, so no
 * identifier in a path reaches the log), status and duration. Nothing from headers or bodies is
 * logged, so tokens, idempotency keys and identity numbers never are. The request id is the
 * client's `X-Request-Id` when it is a plain token, a fresh UUID otherwise, and is echoed back.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** fastify's `genReqId`: the client's request id when it is a plain token, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

async function requestLogPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const caller = request.caller;
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(caller ? { department: caller.department, identity: caller.identity } : {}),
      },
      'request',
    );
  });
}

/** The request-log plugin, applying to the whole application rather than an encapsulated scope. */
export const requestLog = fp(requestLogPlugin, { name: 'suitrust-request-log', fastify: '5.x' });
