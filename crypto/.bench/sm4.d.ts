import type { BlockCipher } from './blockCipher';
/** SM4 key length in bytes (GB/T 32907 §5: 128-bit key). */
export declare const SM4_KEY_LENGTH = 16;
/** SM4 block length in bytes. */
export declare const SM4_BLOCK_LENGTH = 16;
/**
 * SM4 keyed with `key`, for ECB block encryption and CTR key streams.
 * @param key - 16 bytes.
 * @returns the keyed cipher.
 * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` is not 16 bytes.
 */
export declare function sm4(key: Uint8Array): BlockCipher;
//# sourceMappingURL=sm4.d.ts.map