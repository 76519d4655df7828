/**
 * PEM, the textual encoding of RFC 7468 (§2 general form, §5 SubjectPublicKeyInfo "PUBLIC KEY",
 * §10 PKCS#8 "PRIVATE KEY"): base64 of DER between BEGIN/END lines, 64 characters a line.
 */
import { CryptoError } from './cryptoError';

/** The PEM labels SuiTrust reads and writes (RFC 7468 §5 and §10). */
export type PemLabel = 'PRIVATE KEY' | 'PUBLIC KEY';

/**
 * Wraps DER in PEM.
 * @param label - `PRIVATE KEY` (PKCS#8) or `PUBLIC KEY` (SubjectPublicKeyInfo).
 * @param der - the DER encoding.
 * @returns the PEM text, ending with a newline.
 */
export function encodePem(label: PemLabel, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * DER of a key given as PEM text or as DER bytes.
 * @param input - PEM text (surrounding text is ignored, RFC 7468 §2) or DER bytes.
 * @param label - the label the PEM must carry.
 * @returns the DER bytes.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when the text holds no block of that label or its
 *   body is not base64; `CRYPTO_INVALID_ARGUMENT` when `input` is neither string nor bytes.
 */
export function derOf(input: string | Uint8Array, label: PemLabel): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (typeof input !== 'string') {
    throw new CryptoError(`key: expected PEM string or DER Uint8Array, got ${typeof input}`, { code: 'CRYPTO_INVALID_ARGUMENT' });
  }
  const match = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`).exec(input);
  if (match === null) {
    throw new CryptoError(`key: expected a PEM block labelled "${label}"`, { code: 'CRYPTO_KEY_FORMAT' });
  }
  const body = match[1]!.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(body)) {
    throw new CryptoError(`key: PEM body of "${label}" is not base64`, { code: 'CRYPTO_KEY_FORMAT' });
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}
