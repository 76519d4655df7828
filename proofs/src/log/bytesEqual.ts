/**
 * Byte comparison without `Buffer`, so the verifiers run in a browser and in the chaincode alike.
 * Hashes and signatures compared here are public, so the comparison need not be constant-time.
 */

/**
 * Whether two byte arrays hold the same bytes.
 * @param a - first array.
 * @param b - second array.
 * @returns true when lengths and every byte are equal.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
