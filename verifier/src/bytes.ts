/**
 * Byte helpers over plain `Uint8Array`s: the verifier runs in browsers, so no `Buffer`.
 */

/**
 * Joins byte arrays into one.
 *
 * @param parts - the arrays, in order
 * @returns a new array holding them all
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Whether two byte arrays hold the same bytes.
 *
 * @param a - first array
 * @param b - second array
 * @returns `true` when lengths and every byte agree
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

/**
 * Lower-case hex of bytes.
 *
 * @param bytes - the bytes
 * @returns two hex digits per byte
 */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A big-endian unsigned integer from bytes.
 *
 * @param bytes - the bytes (empty is zero)
 * @returns the value
 */
export function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
