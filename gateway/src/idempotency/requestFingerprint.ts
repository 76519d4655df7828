/**
 * The fingerprint of a write request (IETF httpapi idempotency-key draft, §2.4): SHA-256 of its
 * method, path and body in canonical JSON, so a retry with the same meaning matches whatever its
 * member order, and a different request under the same key is found out.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '@suitrust/chaincode';

/** Hex SHA-256 of `METHOD path` and the canonical body. */
export function requestFingerprint(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`, 'utf8').digest('hex');
}
