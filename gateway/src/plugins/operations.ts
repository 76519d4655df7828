/**
 * Operations endpoints: liveness (`/health`), readiness (`/ready`, which asks the ledger),
 * Prometheus metrics (`/metrics`, request counts and durations by route and status), and the
 * problem-type registry (`/problems`, `/problems/:code`) that problem details' `type` points to.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LedgerClient } from '../ledger/ledgerClient';
import { ProblemError } from '../errors/problemError';
import { PROBLEM_TYPES, isProblemCode, problemType } from '../errors/problemTypes';

/** Registers the operations endpoints and request metrics. */
async function operationsPlugin(app: FastifyInstance, options: { ledger: LedgerClient }): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'suitrust_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'suitrust_http_request_duration_seconds',
    help: 'HTTP request duration by route and method',
    labelNames: ['route', 'method'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    durations.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });

  const hidden = { hide: true } as const;
  app.get('/health', { config: { public: true }, schema: { tags: ['operations'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { public: true }, schema: { tags: ['operations'], summary: 'Readiness: the ledger answers' } }, async (_request, reply) => {
    const ready = await options.ledger.ready();
    if (!ready) throw new ProblemError('LEDGER_UNAVAILABLE', 'the ledger does not answer');
    return reply.send({ status: 'ready' });
  });
  app.get('/metrics', { config: { public: true }, schema: hidden }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  app.get('/problems', { config: { public: true }, schema: { tags: ['operations'], summary: 'Every problem code, its HTTP status and meaning' } }, async () => PROBLEM_TYPES);
  app.get('/problems/:code', { config: { public: true }, schema: { tags: ['operations'], summary: 'One problem code', params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 64 } } } } }, async (request) => {
    const { code } = request.params as { code: string };
    if (!isProblemCode(code)) throw new ProblemError('ROUTE_UNKNOWN', `no problem code ${code}`, { field: 'code' });
    return problemType(code);
  });
}

/** The operations plugin, applying to the whole application rather than an encapsulated scope. */
export const operations = fp(operationsPlugin, { name: 'suitrust-operations', fastify: '5.x' });
