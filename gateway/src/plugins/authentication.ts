/**
 * Authenticates every request but the public ones (health, readiness, metrics, documentation,
 * problem types, the verifier page) with a bearer token or, over mutual TLS, a client
 * certificate the configured CA signed, and attaches the caller. The caller acts only as its own
 * department's Fabric identity. A bearer token, when sent, decides; the TLS handshake accepts
 * any client certificate so that an untrusted one gets a problem response, not a reset.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TLSSocket } from 'node:tls';
import type { Caller, CallerDirectory } from '../auth/callerCredentials';
import type { ClientCertificateCallers } from '../auth/clientCertificateCallers';
import { ProblemError } from '../errors/problemError';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set on every non-public route. */
    caller?: Caller;
  }
  interface FastifyContextConfig {
    /** Routes anyone may call without credentials. */
    public?: boolean;
  }
}

/** The authenticated caller of a request. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ProblemError('AUTH_REQUIRED', 'this resource requires a bearer token');
  return request.caller;
}

/** Registers the authentication hook. */
async function authenticationPlugin(app: FastifyInstance, options: { directory: CallerDirectory; certificates?: ClientCertificateCallers }): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // The documentation UI's own routes are public too; unknown routes answer 404 first.
    if (request.routeOptions.config.public === true || url === undefined || url.startsWith('/docs')) return;
    const header = request.headers.authorization;
    if (header === undefined && options.certificates) {
      request.caller = certificateCaller(request, options.certificates);
      return;
    }
    if (header === undefined) throw new ProblemError('AUTH_REQUIRED', 'send Authorization: Bearer <token>', { field: 'Authorization' });
    const match = /^Bearer ([A-Za-z0-9_-]{8,128})$/.exec(header);
    const caller = match?.[1] === undefined ? undefined : options.directory.callerFor(match[1]);
    if (!caller) throw new ProblemError('AUTH_INVALID', 'the bearer token is not known', { field: 'Authorization' });
    request.caller = caller;
  });
}

/** The caller of a client certificate. */
function certificateCaller(request: FastifyRequest, certificates: ClientCertificateCallers): Caller {
  const socket = request.raw.socket;
  const certificate = socket instanceof TLSSocket ? socket.getPeerX509Certificate() : undefined;
  if (!certificate) throw new ProblemError('AUTH_REQUIRED', 'send Authorization: Bearer <token> or a client certificate', { field: 'Authorization' });
  if (!(socket as TLSSocket).authorized) throw new ProblemError('AUTH_INVALID', 'the client certificate is not signed by the certificate authority the gateway trusts', { field: 'client certificate' });
  const caller = certificates.callerFor(certificate);
  if (!caller) throw new ProblemError('AUTH_INVALID', 'no department is configured for the client certificate\'s subject', { field: 'client certificate' });
  return caller;
}

/** The authentication plugin, applying to the whole application rather than an encapsulated scope. */
export const authentication = fp(authenticationPlugin, { name: 'suitrust-authentication', fastify: '5.x' });
