"use strict";
/**
 * The one error class of `@suitrust/crypto`.
 *
 * A `CryptoError` carries a stable string {@link CryptoError.code} that callers branch on; the
 * message is for people. Messages name arguments and lengths, never key material or plaintext.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.CryptoError = void 0;
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
class CryptoError extends Error {
    /** Stable machine-readable code. */
    code;
    /**
     * @param message - human-readable description; must not contain key material.
     * @param options - the stable code and an optional cause.
     */
    constructor(message, options) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = CryptoError.name;
        this.code = options.code;
    }
}
exports.CryptoError = CryptoError;
//# sourceMappingURL=cryptoError.js.map