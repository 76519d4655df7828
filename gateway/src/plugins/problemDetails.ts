/**
 * Renders every failure as RFC 9457 problem details (`application/problem+json`): ProblemErrors
 * as they are, schema violations naming the field and the rule, malformed bodies, unknown
 * routes, and anything unexpected as INTERNAL (logged, never with request secrets).
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../errors/problemError';

/** Registers the error and not-found handlers. */
async function problemDetailsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    const problem = toProblemError(error);
    if (problem.code === 'INTERNAL') request.log.error({ err: error }, 'unexpected failure');
    return send(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => send(reply, request, new ProblemError('ROUTE_UNKNOWN', `no resource ${request.method} ${request.url.split('?')[0]}`)));
}

function send(reply: FastifyReply, request: FastifyRequest, problem: ProblemError): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem.toProblem(request.url.split('?')[0]));
}

function toProblemError(error: FastifyError | ProblemError): ProblemError {
  if (error instanceof ProblemError) return error;
  const validation = (error as FastifyError).validation;
  if (validation && validation.length > 0) {
    const first = validation[0];
    const context = (error as FastifyError).validationContext ?? 'body';
    const missing = first?.keyword === 'required' ? (first.params as { missingProperty?: string }).missingProperty : undefined;
    const extra = first?.keyword === 'additionalProperties' ? (first.params as { additionalProperty?: string }).additionalProperty : undefined;
    const path = [context, ...(first?.instancePath ?? '').split('/').filter(Boolean), ...(missing ? [missing] : []), ...(extra ? [extra] : [])].join('.');
    const rule = first?.keyword ?? 'schema';
    return new ProblemError('REQUEST_SCHEMA', `${path}: ${extra ? 'is not an allowed field' : (first?.message ?? 'is invalid')} (rule: ${rule})`, { field: path, cause: error });
  }
  switch ((error as FastifyError).code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError('REQUEST_BODY', 'the request body is not valid JSON', { field: 'body', cause: error });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError('REQUEST_TOO_LARGE', 'the request body exceeds the limit', { field: 'body', cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemError('REQUEST_BODY', 'send the body as application/json', { field: 'Content-Type', cause: error });
    default:
      if ((error as FastifyError).statusCode === 400) return new ProblemError('REQUEST_BODY', error.message, { cause: error });
      return new ProblemError('INTERNAL', 'the gateway failed to process the request', { cause: error });
  }
}

/**
 * Fastify's `frameworkErrors`: what its router answers before any handler runs (a URL that does
 * not decode, a path parameter over its length), as problems too.
 */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ProblemError('REQUEST_URL_TOO_LONG', 'a path parameter is longer than the gateway accepts', { field: 'params', cause: error })
      : new ProblemError('REQUEST_URL', 'the URL is malformed', { field: 'url', cause: error });
  return send(reply, request, problem);
}

/** The problemDetails plugin, applying to the whole application rather than an encapsulated scope. */
export const problemDetails = fp(problemDetailsPlugin, { name: 'suitrust-problem-details', fastify: '5.x' });
