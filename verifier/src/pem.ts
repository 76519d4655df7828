/**
 * PEM (RFC 7468 §2) decoding of the first CERTIFICATE block, as Fabric's MSP reads `id_bytes`
 * (`pem.Decode` takes the first block). Base64 per RFC 4648 §4, written out since `atob` is
 * absent from some runtimes and `Buffer` from browsers.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((character, index) => [character, index]));
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/;

/**
 * The DER bytes of the first PEM certificate in a text.
 *
 * @param pem - text holding a `-----BEGIN CERTIFICATE-----` block
 * @returns the DER bytes, or `undefined` when there is no well-formed block
 */
export function certificateDerFromPem(pem: string): Uint8Array | undefined {
  const match = CERTIFICATE_BLOCK.exec(pem);
  if (!match) return undefined;
  return decodeBase64((match[1] as string).replace(/\s+/g, ''));
}

/**
 * Standard base64 with padding.
 *
 * @param text - base64 text, no whitespace
 * @returns the bytes, or `undefined` when the text is not base64
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let written = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j++) {
      const character = text[i + j] as string;
      const value = character === '=' && i + 4 === text.length && j >= 4 - padding ? 0 : VALUES.get(character);
      if (value === undefined) return undefined;
      group = (group << 6) | value;
    }
    for (let shift = 16; shift >= 0 && written < out.length; shift -= 8) out[written++] = (group >> shift) & 0xff;
  }
  return out;
}
