/**
 * The verifier's algorithms for Node: SHA-256, SM3 and the ledger proof's ECDSA P-256 through
 * Node's OpenSSL, SM2 and Ed25519 as in the portable set (Node has no standard SM2 signature, see
 * DESIGN.md; Ed25519 stays on `@noble/curves` so both sets accept exactly the same encodings).
 * Not imported by the package index, so the browser bundle never sees `node:crypto`; import it
 * by module file: `@suitrust/verifier/dist/node/nodeBundleCrypto`.
 */
import { createHash } from 'node:crypto';
import { portableBundleCrypto, type BundleCrypto } from '../bundleCrypto';
import { nodeP256Engine } from './nodeP256Engine';

/** Hash names of {@link BundleCrypto} and OpenSSL's names for them. */
const NATIVE_HASHES: Readonly<Record<string, string>> = { sha256: 'sha256', sm3: 'sm3' };

/**
 * {@link BundleCrypto} with native hashes and P-256 in Node.
 * @example
 * ```ts
 * const outcome = verifyBundle(bytes, { trust, document, crypto: nodeBundleCrypto });
 * ```
 */
export const nodeBundleCrypto: BundleCrypto = {
  hash: (algorithm, data) => {
    if (!Object.hasOwn(NATIVE_HASHES, algorithm)) return portableBundleCrypto.hash(algorithm, data);
    return new Uint8Array(createHash(NATIVE_HASHES[algorithm] as string).update(data).digest());
  },
  verify: (algorithm, spki, message, signature) => portableBundleCrypto.verify(algorithm, spki, message, signature),
  p256: nodeP256Engine,
};
