/**
 * The JSON forms in which the gateway hands out the log's promises and proofs: hashes as
 * lower-case hex (as the chain's anchors carry them), signatures and record bytes as base64,
 * instants as ISO 8601.
 */
import { toHex } from '@suitrust/crypto';
import type { InclusionPromise } from '@suitrust/proofs';

/** A signed inclusion promise as JSON (`@suitrust/proofs` `InclusionPromise`, hashes in hex). */
export interface InclusionPromiseJson {
  readonly origin: string;
  readonly leafIndex: number;
  readonly leafHash: string;
  /** Milliseconds since the epoch, as signed. */
  readonly integratedAt: number;
  readonly batch: { readonly start: number; readonly size: number; readonly root: string };
  readonly batchPath: readonly string[];
  readonly keyName: string;
  readonly keyId: number;
  /** Base64. */
  readonly signature: string;
}

/** The JSON form of a promise. */
export function inclusionPromiseJson(promise: InclusionPromise): InclusionPromiseJson {
  return {
    origin: promise.origin,
    leafIndex: promise.leafIndex,
    leafHash: toHex(promise.leafHash),
    integratedAt: promise.integratedAt,
    batch: { start: promise.batch.start, size: promise.batch.size, root: toHex(promise.batch.root) },
    batchPath: promise.batchPath.map(toHex),
    keyName: promise.keyName,
    keyId: promise.keyId,
    signature: Buffer.from(promise.signature).toString('base64'),
  };
}

/** The JSON schema of {@link InclusionPromiseJson}, for route responses. */
export const inclusionPromiseSchema = {
  type: 'object',
  required: ['origin', 'leafIndex', 'leafHash', 'integratedAt', 'batch', 'batchPath', 'keyName', 'keyId', 'signature'],
  properties: {
    origin: { type: 'string' },
    leafIndex: { type: 'integer' },
    leafHash: { type: 'string' },
    integratedAt: { type: 'integer' },
    batch: { type: 'object', required: ['start', 'size', 'root'], properties: { start: { type: 'integer' }, size: { type: 'integer' }, root: { type: 'string' } } },
    batchPath: { type: 'array', items: { type: 'string' } },
    keyName: { type: 'string' },
    keyId: { type: 'integer' },
    signature: { type: 'string' },
  },
} as const;
