/** The PEM labels SuiTrust reads and writes (RFC 7468 §5 and §10). */
export type PemLabel = 'PRIVATE KEY' | 'PUBLIC KEY';
/**
 * Wraps DER in PEM.
 * @param label - `PRIVATE KEY` (PKCS#8) or `PUBLIC KEY` (SubjectPublicKeyInfo).
 * @param der - the DER encoding.
 * @returns the PEM text, ending with a newline.
 */
export declare function encodePem(label: PemLabel, der: Uint8Array): string;
/**
 * DER of a key given as PEM text or as DER bytes.
 * @param input - PEM text (surrounding text is ignored, RFC 7468 §2) or DER bytes.
 * @param label - the label the PEM must carry.
 * @returns the DER bytes.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when the text holds no block of that label or its
 *   body is not base64; `CRYPTO_INVALID_ARGUMENT` when `input` is neither string nor bytes.
 */
export declare function derOf(input: string | Uint8Array, label: PemLabel): Uint8Array;
//# sourceMappingURL=pem.d.ts.map