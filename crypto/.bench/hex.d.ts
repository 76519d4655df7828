/**
 * Encodes bytes as lower-case hex.
 * @param bytes - the bytes.
 * @returns `2 × bytes.length` lower-case hex digits.
 */
export declare function toHex(bytes: Uint8Array): string;
/**
 * Decodes hex (either case) strictly: even length, hex digits only.
 * @param hex - the hex string.
 * @returns the bytes.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `hex` is not a string of hex digit pairs.
 */
export declare function fromHex(hex: string): Uint8Array;
//# sourceMappingURL=hex.d.ts.map