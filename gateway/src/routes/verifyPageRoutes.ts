/**
 * `GET /verify`: the browser verification page, and `GET /verify/verify.js`, its script (the
 * verifier bundled for the browser at build time, `verifier/scripts/buildPage.mjs`). The page
 * checks bundles in the browser with no request but, when asked, `/trust`; its content security
 * policy lets it reach nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The built page's folder inside `@suitrust/verifier`. */
export function builtVerifyPageDirectory(): string {
  return join(dirname(require.resolve('@suitrust/verifier/package.json')), 'dist', 'page');
}

/** Options of the page routes. */
export interface VerifyPageOptions {
  /** The folder holding `verify.html` and `verify.js`. */
  readonly directory: string;
}

const POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; base-uri 'none'";

/**
 * Registers the page when it has been built (`npm run build`); without it the routes stay unknown.
 *
 * @param app - the gateway
 * @param options - where the built page is
 * @returns whether the page is served
 */
export function verifyPageRoutes(app: FastifyInstance, options: VerifyPageOptions): boolean {
  const html = join(options.directory, 'verify.html');
  const script = join(options.directory, 'verify.js');
  if (!existsSync(html) || !existsSync(script)) return false;
  const page = readFileSync(html);
  const code = readFileSync(script);
  const config = { public: true };
  app.get('/verify', { config, schema: { tags: ['proofs'], summary: 'The browser page that verifies a proof bundle offline' } }, async (_request, reply) =>
    reply.header('content-security-policy', POLICY).type('text/html; charset=utf-8').send(page),
  );
  app.get('/verify/verify.js', { config, schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(code));
  return true;
}
