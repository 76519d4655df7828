/**
 * Standard base64 (RFC 4648 §4, with padding), strict, without `Buffer`: signed notes and
 * checkpoints are parsed by the browser verifier too. Decoding refuses anything but the one
 * canonical encoding of some bytes (no whitespace, no missing or extra padding, no non-zero
 * trailing bits), so a signed note has exactly one spelling.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/**
 * Encodes bytes as padded standard base64.
 * @param bytes - the bytes.
 * @returns the base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    text += ALPHABET[a >> 2];
    text += ALPHABET[((a & 0x03) << 4) | ((b ?? 0) >> 4)];
    text += b === undefined ? '=' : ALPHABET[((b & 0x0f) << 2) | ((c ?? 0) >> 6)];
    text += c === undefined ? '=' : ALPHABET[c & 0x3f];
  }
  return text;
}

/**
 * Decodes canonical padded standard base64.
 * @param text - the base64 text.
 * @returns the bytes, or `undefined` when `text` is not the canonical encoding of any bytes.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const digits = [0, 1, 2, 3].map((j) => {
      const code = text.charCodeAt(i + j);
      if (last && text[i + j] === '=' && j >= 4 - padding) return 0;
      return code < 128 ? (VALUES[code] as number) : -1;
    });
    if (digits.some((d) => d < 0)) return undefined;
    const [a, b, c, d] = digits as [number, number, number, number];
    const word = (a << 18) | (b << 12) | (c << 6) | d;
    const take = last ? 3 - padding : 3;
    if (take > 0) bytes[out++] = word >> 16;
    if (take > 1) bytes[out++] = (word >> 8) & 0xff;
    if (take > 2) bytes[out++] = word & 0xff;
  }
  // Canonical only: the unused bits under the padding must be zero.
  return encodeBase64(bytes) === text ? bytes : undefined;
}
