/** Digests as records carry them: lower-case hex of the declared algorithm's length. */

/** Digest algorithms a record may declare, with their lengths in bytes. */
export const DIGEST_LENGTHS = { sm3: 32, sha256: 32 } as const;

/** A declared digest algorithm. */
export type DigestAlgorithm = keyof typeof DIGEST_LENGTHS;

/** Whether `name` is a digest algorithm records may declare. */
export function isDigestAlgorithm(name: string): name is DigestAlgorithm {
  return Object.prototype.hasOwnProperty.call(DIGEST_LENGTHS, name);
}

/** Whether `hex` is lower-case hex of exactly `algorithm`'s digest length. */
export function isDigestHex(algorithm: DigestAlgorithm, hex: string): boolean {
  return hex.length === DIGEST_LENGTHS[algorithm] * 2 && /^[0-9a-f]+$/.test(hex);
}
