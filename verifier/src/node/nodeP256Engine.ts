/**
 * ECDSA P-256 over SHA-256 through Node's OpenSSL (`node:crypto`), for the verifier run in Node
 * (the CLI, services, benchmarks); the browser page keeps the `@noble/curves` engine. Measured on
 * the project's 2-core machine under load: ≈ 7,000 verifications/s against ≈ 200 for the plain
 * JavaScript engine, which puts a whole proof bundle (about a dozen P-256 signatures) within a
 * few milliseconds.
 *
 * The signature is handed to OpenSSL as IEEE P1363 r ‖ s rebuilt from the already parsed and
 * range-checked integers, never as the DER bytes: OpenSSL would refuse DER with trailing bytes,
 * which Fabric (Go's `asn1.Unmarshal`) and the JavaScript engine accept, and the two engines must
 * agree on every input.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { P256Engine } from '../ecdsaP256';

/** DER of SubjectPublicKeyInfo { id-ecPublicKey, secp256r1 } up to the BIT STRING's content, per point length (RFC 5480 §2). */
const SPKI_PREFIX: Readonly<Record<number, Buffer>> = {
  65: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'),
  33: Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'),
};
/** Public keys kept parsed: a network has few signers, and parsing one costs ≈ 20 µs. */
const CACHED_KEYS = 256;
const keys = new Map<string, KeyObject>();

/**
 * {@link P256Engine} over `node:crypto`. Like `@noble/curves`, it answers false (rather than
 * throwing) for a key that is not an uncompressed or compressed P-256 point, so both engines give
 * the same verification, reason included.
 */
export const nodeP256Engine: P256Engine = (publicKey, message, r, s) => {
  const key = keyObject(publicKey);
  return key !== undefined && verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(scalarHex(r) + scalarHex(s), 'hex'));
};

function keyObject(point: Uint8Array): KeyObject | undefined {
  const id = Buffer.from(point.buffer, point.byteOffset, point.byteLength).toString('hex');
  let key = keys.get(id);
  if (key !== undefined) return key;
  const prefix = SPKI_PREFIX[point.length];
  const form = point[0];
  if (prefix === undefined || (point.length === 65 ? form !== 0x04 : form !== 0x02 && form !== 0x03)) return undefined;
  try {
    key = createPublicKey({ key: Buffer.concat([prefix, point]), format: 'der', type: 'spki' });
  } catch {
    return undefined; // OpenSSL refuses a point off the curve
  }
  if (keys.size >= CACHED_KEYS) keys.delete(keys.keys().next().value as string);
  keys.set(id, key);
  return key;
}

/** A scalar below the P-256 order as 32 big-endian bytes, in hex. */
function scalarHex(value: bigint): string {
  return value.toString(16).padStart(64, '0');
}
