/**
 * Runs a key decoder, re-throwing its faults as `CRYPTO_KEY_FORMAT`.
 * @param what - what is being decoded, e.g. `SM2 private key`; quoted in the message.
 * @param decode - the decoder; its error messages must not hold key bytes.
 * @returns what `decode` returns.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT`, with what `decode` threw as the cause.
 */
export declare function parseKey<T>(what: string, decode: () => T): T;
//# sourceMappingURL=parseKey.d.ts.map