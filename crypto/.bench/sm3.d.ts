/** SM3 digest length in bytes (GB/T 32905 §1: 256-bit hash value). */
export declare const SM3_LENGTH = 32;
/**
 * SM3 digest of the concatenation of `parts`.
 * @param parts - the data, in order.
 * @returns the 32-byte digest.
 */
export declare function sm3(...parts: readonly Uint8Array[]): Uint8Array;
/**
 * HMAC-SM3 (RFC 2104 keyed with SM3, 64-byte block) of `data`.
 * @param key - the HMAC key; callers enforce their own minimum length.
 * @param data - the data.
 * @returns the 32-byte tag.
 */
export declare function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array;
//# sourceMappingURL=sm3.d.ts.map