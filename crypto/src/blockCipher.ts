/**
 * The seam between a 128-bit block cipher and the modes built on it ({@link gcmEncrypt}):
 * the mode code knows nothing of SM4, a cipher file supplies only these two operations.
 */

/** A keyed 128-bit block cipher, as the GCM engine needs it. */
export interface BlockCipher {
  /**
   * CIPH_K of one block.
   * @param block - 16 bytes.
   * @returns 16 bytes.
   */
  encryptBlock(block: Uint8Array): Uint8Array;
  /**
   * XORs `data` with the key stream CIPH_K(cb), CIPH_K(cb + 1), … where the counter block
   * is incremented as one 128-bit big-endian integer (OpenSSL's CTR mode).
   * @param counterBlock - the first counter block, 16 bytes.
   * @param data - any number of bytes; a partial last block uses the key stream's prefix.
   * @returns `data.length` bytes.
   */
  ctr(counterBlock: Uint8Array, data: Uint8Array): Uint8Array;
}
