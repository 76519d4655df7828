/**
 * GHASH, the universal hash of Galois/Counter Mode: NIST SP 800-38D §6.4 (Algorithm 2),
 * multiplication in GF(2^128) per §6.3 with the bit order of §6.2 (bit 0 is the most
 * significant bit of byte 0; multiplying by x shifts right).
 *
 * Arithmetic is on four 32-bit words with Shoup's 8-bit tables: 256 multiples of H
 * (4 KiB per key, built once per key) and one 256-entry reduction table shared by all keys.
 * A block then costs 16 table look-ups and byte shifts instead of 128 bit-steps, and no
 * BigInt: BigInt allocates per operation and is orders of magnitude slower.
 *
 * The table look-ups are indexed by secret-dependent bytes, as in OpenSSL's portable
 * `gcm_gmult_4bit`; what GHASH protects here (a tag over ciphertext) is the usual GCM trade-off.
 */
/** GCM block length in bytes. */
export declare const GHASH_BLOCK = 16;
/**
 * Incremental GHASH under one hash subkey H.
 *
 * Each {@link Ghash.update} zero-pads its data to whole blocks, which is exactly how GCM
 * absorbs A and C (SP 800-38D §7.1 step 5); {@link Ghash.digest} returns the current Y.
 */
export declare class Ghash {
    #private;
    /**
     * @param hashSubkey - H = CIPH_K(0^128), 16 bytes.
     * @throws {RangeError} when `hashSubkey` is not 16 bytes (internal misuse).
     */
    constructor(hashSubkey: Uint8Array);
    /**
     * Absorbs `data`, zero-padded to a multiple of 16 bytes: Y_i = (Y_{i-1} ⊕ X_i) · H.
     * @param data - the data; may be empty (absorbs nothing).
     * @returns this, for chaining.
     */
    update(data: Uint8Array): this;
    /**
     * Absorbs the 64-bit big-endian bit lengths of A and C (SP 800-38D §7.1 step 5, last block).
     * @param aadBytes - length of the associated data in bytes.
     * @param textBytes - length of the ciphertext in bytes.
     * @returns this, for chaining.
     */
    updateLengths(aadBytes: number, textBytes: number): this;
    /**
     * The current GHASH value.
     * @returns 16 bytes.
     */
    digest(): Uint8Array;
}
//# sourceMappingURL=ghash.d.ts.map