/**
 * `GET /trust`: the trust list a verifier needs, published by the gateway for comparison with a
 * list published out of band: the organisations' CA certificates (role `ca`) and the ordering
 * organisation's (role `orderer`) with their SHA-256 fingerprints, the gateway's receipt key with
 * its fingerprint, the endorsement policy and the attestation threshold. It is a `TrustAnchors`
 * in the canonical JSON that `verify --trust TRUST.json` and the browser page read.
 *
 * `logKeys` holds the transparency log's key when the gateway keeps a log: name the log's origin,
 * algorithm `sm2` or `ed25519`, the SubjectPublicKeyInfo DER, and the suite's hash of it as its
 * fingerprint (`transparency/logTrustedKey.ts`).
 */
import type { FastifyInstance } from 'fastify';
import { suitrust } from '@suitrust/proto';
import { proofJson } from '../proofs/proofJson';

/** Options of the trust route. */
export interface TrustRouteOptions {
  /** The published anchors, receipt key included. */
  readonly trust: suitrust.proofs.v1.TrustAnchors;
}

/** Registers `GET /trust`. */
export async function trustRoute(app: FastifyInstance, options: TrustRouteOptions): Promise<void> {
  const body = proofJson(suitrust.proofs.v1.TrustAnchors, options.trust);
  app.get('/trust', { config: { public: true }, schema: { tags: ['proofs'], summary: 'The trust list: CA certificates, the receipt key, the transparency log\'s key, the endorsement policy and attestation threshold, with fingerprints' } }, async (_request, reply) =>
    reply.type('application/json').send(body),
  );
}
