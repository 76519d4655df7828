/**
 * Lower-case hexadecimal, the form digests take in SuiTrust's records (DESIGN.md,
 * "Identifiers that have check digits").
 */
import { CryptoError } from './cryptoError';

/**
 * Encodes bytes as lower-case hex.
 * @param bytes - the bytes.
 * @returns `2 × bytes.length` lower-case hex digits.
 */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX_DIGITS[byte] as string;
  return hex;
}

/** Every byte's two hex digits (no Buffer: these helpers also run in browsers). */
const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Decodes hex (either case) strictly: even length, hex digits only.
 * @param hex - the hex string.
 * @returns the bytes.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `hex` is not a string of hex digit pairs.
 */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    const what = typeof hex === 'string' ? `${hex.length} characters, not hex digit pairs` : typeof hex;
    throw new CryptoError(`hex: expected an even number of hex digits, got ${what}`, { code: 'CRYPTO_INVALID_ARGUMENT' });
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
