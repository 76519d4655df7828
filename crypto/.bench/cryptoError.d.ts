/**
 * The one error class of `@suitrust/crypto`.
 *
 * A `CryptoError` carries a stable string {@link CryptoError.code} that callers branch on; the
 * message is for people. Messages name arguments and lengths, never key material or plaintext.
 */
/** Stable codes of {@link CryptoError}. */
export type CryptoErrorCode = 
/** A key has the wrong number of bytes for the operation. */
'CRYPTO_KEY_LENGTH'
/** A key's encoding (raw, DER, PEM) is malformed or names another algorithm or curve. */
 | 'CRYPTO_KEY_FORMAT'
/** Authenticated decryption refused: tag, nonce, associated data or key do not match. */
 | 'CRYPTO_AUTHENTICATION_FAILED'
/** An argument other than a key is malformed (type, length, range). */
 | 'CRYPTO_INVALID_ARGUMENT'
/** {@link loadSuite} was asked for a suite that does not exist. */
 | 'CRYPTO_UNKNOWN_SUITE';
/** Options of the {@link CryptoError} constructor. */
export interface CryptoErrorOptions {
    /** The stable code. */
    readonly code: CryptoErrorCode;
    /** The underlying error, if any. */
    readonly cause?: unknown;
}
/**
 * A fault raised by a crypto suite: bad key, bad argument, refused authentication.
 * Verification failures are not faults: `verify` returns `false` instead.
 *
 * @example
 * ```ts
 * try {
 *   suite.decrypt(key, sealed);
 * } catch (err) {
 *   if (err instanceof CryptoError && err.code === 'CRYPTO_AUTHENTICATION_FAILED') refuse();
 *   else throw err;
 * }
 * ```
 */
export declare class CryptoError extends Error {
    /** Stable machine-readable code. */
    readonly code: CryptoErrorCode;
    /**
     * @param message - human-readable description; must not contain key material.
     * @param options - the stable code and an optional cause.
     */
    constructor(message: string, options: Readonly<CryptoErrorOptions>);
}
//# sourceMappingURL=cryptoError.d.ts.map