/**
 * Tiny argument checks whose messages name the argument and what was wrong with it
 * ("key: expected 16 bytes, got 15"), never the bytes themselves.
 */
import { type CryptoErrorCode } from './cryptoError';
/** Length constraint of {@link assertBytes}. */
export interface ByteLengthRule {
    /** Exact length required. */
    readonly length?: number;
    /** Minimum length allowed. */
    readonly min?: number;
    /** Maximum length allowed. */
    readonly max?: number;
    /** Code thrown on a length mismatch; `CRYPTO_INVALID_ARGUMENT` unless told. */
    readonly code?: CryptoErrorCode;
}
/**
 * Asserts that `value` is a `Uint8Array` (a `Buffer` is one) of an acceptable length.
 * @param name - the argument's name, quoted in the message.
 * @param value - the argument.
 * @param rule - exact, minimum or maximum length, and the code to throw on mismatch.
 * @returns nothing; narrows `value` to `Uint8Array`.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `value` is not bytes; `rule.code`
 *   (default `CRYPTO_INVALID_ARGUMENT`) when its length is wrong.
 */
export declare function assertBytes(name: string, value: unknown, rule?: ByteLengthRule): asserts value is Uint8Array;
/**
 * Asserts that an optional byte argument is absent or bytes.
 * @param name - the argument's name, quoted in the message.
 * @param value - the argument.
 * @returns `value`, or an empty array when it is `undefined`.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `value` is neither `undefined` nor bytes.
 */
export declare function optionalBytes(name: string, value: unknown): Uint8Array;
//# sourceMappingURL=assertBytes.d.ts.map