/**
 * GHASH, the universal hash of Galois/Counter Mode: NIST SP 800-38D §6.4 (Algorithm 2),
 * multiplication in GF(2^128) per §6.3 with the bit order of §6.2 (bit 0 is the most
 * significant bit of byte 0; multiplying by x shifts right).
 *
 * Arithmetic is on four 32-bit words with Shoup's 8-bit tables: 256 multiples of H
 * (4 KiB per key, built once per key) and one 256-entry reduction table shared by all keys.
 * A block then costs 16 table look-ups and byte shifts instead of 128 bit-steps, and no
 * BigInt, which allocates per operation. Measured on the project's 2-core machine: GHASH
 * ≈ 195 MiB/s against ≈ 105 MiB/s for native SM4-CTR, so SM4-GCM (≈ 70 MiB/s) is bound by
 * SM4 itself more than by this code.
 *
 * The table look-ups are indexed by secret-dependent bytes, as in OpenSSL's portable
 * `gcm_gmult_4bit`; what GHASH protects here (a tag over ciphertext) is the usual GCM trade-off.
 */

/** GCM block length in bytes. */
export const GHASH_BLOCK = 16;

/**
 * REDUCTION[d]: what the byte `d` shifted out of bits 120..127 by a multiplication by x^8
 * folds back into the top word, since x^128 = 1 + x + x^2 + x^7 (R = 0xE1 ‖ 0^120, §6.3).
 */
const REDUCTION: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let d = 0; d < 256; d++) {
    let folded = 0;
    for (let i = 0; i < 8; i++) {
      if ((d >>> (7 - i)) & 1) folded ^= 0xe1000000 >>> i;
    }
    table[d] = folded >>> 0;
  }
  return table;
})();

/**
 * Incremental GHASH under one hash subkey H.
 *
 * Each {@link Ghash.update} zero-pads its data to whole blocks, which is exactly how GCM
 * absorbs A and C (SP 800-38D §7.1 step 5); {@link Ghash.digest} returns the current Y.
 */
export class Ghash {
  /** MULTIPLES[4b .. 4b+3] = b·H as four big-endian words, b read as 8 GCM-order bits. */
  readonly #multiples: Uint32Array;
  #y0 = 0;
  #y1 = 0;
  #y2 = 0;
  #y3 = 0;

  /**
   * @param hashSubkey - H = CIPH_K(0^128), 16 bytes.
   * @throws {RangeError} when `hashSubkey` is not 16 bytes (internal misuse).
   */
  constructor(hashSubkey: Uint8Array) {
    if (hashSubkey.length !== GHASH_BLOCK) throw new RangeError(`hashSubkey: expected 16 bytes, got ${hashSubkey.length}`);
    const m = new Uint32Array(256 * 4);
    // 0x80 stands for the polynomial 1, so M[0x80] = H; each halving of the index is one more x.
    let h0 = readWord(hashSubkey, 0);
    let h1 = readWord(hashSubkey, 4);
    let h2 = readWord(hashSubkey, 8);
    let h3 = readWord(hashSubkey, 12);
    for (let bit = 0x80; bit > 0; bit >>>= 1) {
      m[bit * 4] = h0;
      m[bit * 4 + 1] = h1;
      m[bit * 4 + 2] = h2;
      m[bit * 4 + 3] = h3;
      const carry = h3 & 1;
      h3 = ((h3 >>> 1) | (h2 << 31)) >>> 0;
      h2 = ((h2 >>> 1) | (h1 << 31)) >>> 0;
      h1 = ((h1 >>> 1) | (h0 << 31)) >>> 0;
      h0 = ((h0 >>> 1) ^ (carry ? 0xe1000000 : 0)) >>> 0;
    }
    for (let high = 2; high < 256; high <<= 1) {
      for (let low = 1; low < high; low++) {
        const t = (high + low) * 4;
        m[t] = (m[high * 4]! ^ m[low * 4]!) >>> 0;
        m[t + 1] = (m[high * 4 + 1]! ^ m[low * 4 + 1]!) >>> 0;
        m[t + 2] = (m[high * 4 + 2]! ^ m[low * 4 + 2]!) >>> 0;
        m[t + 3] = (m[high * 4 + 3]! ^ m[low * 4 + 3]!) >>> 0;
      }
    }
    this.#multiples = m;
  }

  /**
   * Absorbs `data`, zero-padded to a multiple of 16 bytes: Y_i = (Y_{i-1} ⊕ X_i) · H.
   * @param data - the data; may be empty (absorbs nothing).
   * @returns this, for chaining.
   */
  update(data: Uint8Array): this {
    const whole = data.length - (data.length % GHASH_BLOCK);
    for (let offset = 0; offset < whole; offset += GHASH_BLOCK) {
      this.#absorb(readWord(data, offset), readWord(data, offset + 4), readWord(data, offset + 8), readWord(data, offset + 12));
    }
    if (whole < data.length) {
      const last = new Uint8Array(GHASH_BLOCK);
      last.set(data.subarray(whole));
      this.#absorb(readWord(last, 0), readWord(last, 4), readWord(last, 8), readWord(last, 12));
    }
    return this;
  }

  /**
   * Absorbs the 64-bit big-endian bit lengths of A and C (SP 800-38D §7.1 step 5, last block).
   * @param aadBytes - length of the associated data in bytes.
   * @param textBytes - length of the ciphertext in bytes.
   * @returns this, for chaining.
   */
  updateLengths(aadBytes: number, textBytes: number): this {
    // bits = bytes × 8 as (high, low) 32-bit words; inputs stay far below 2^53.
    this.#absorb(Math.floor(aadBytes / 0x20000000) >>> 0, (aadBytes * 8) >>> 0, Math.floor(textBytes / 0x20000000) >>> 0, (textBytes * 8) >>> 0);
    return this;
  }

  /**
   * The current GHASH value.
   * @returns 16 bytes.
   */
  digest(): Uint8Array {
    const out = new Uint8Array(GHASH_BLOCK);
    writeWord(out, 0, this.#y0);
    writeWord(out, 4, this.#y1);
    writeWord(out, 8, this.#y2);
    writeWord(out, 12, this.#y3);
    return out;
  }

  #absorb(x0: number, x1: number, x2: number, x3: number): void {
    const m = this.#multiples;
    const y0 = this.#y0 ^ x0;
    const y1 = this.#y1 ^ x1;
    const y2 = this.#y2 ^ x2;
    const y3 = this.#y3 ^ x3;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    // Horner over the 16 bytes, last byte first: Z = Z·x^8 ⊕ byte_j·H.
    for (let w = 3; w >= 0; w--) {
      const word = w === 3 ? y3 : w === 2 ? y2 : w === 1 ? y1 : y0;
      for (let shift = 0; shift < 32; shift += 8) {
        const dropped = z3 & 0xff;
        z3 = (z3 >>> 8) | (z2 << 24);
        z2 = (z2 >>> 8) | (z1 << 24);
        z1 = (z1 >>> 8) | (z0 << 24);
        z0 = (z0 >>> 8) ^ REDUCTION[dropped]!;
        const t = ((word >>> shift) & 0xff) << 2;
        z0 ^= m[t]!;
        z1 ^= m[t + 1]!;
        z2 ^= m[t + 2]!;
        z3 ^= m[t + 3]!;
      }
    }
    this.#y0 = z0 >>> 0;
    this.#y1 = z1 >>> 0;
    this.#y2 = z2 >>> 0;
    this.#y3 = z3 >>> 0;
  }
}

function readWord(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = (word >>> 16) & 0xff;
  bytes[offset + 2] = (word >>> 8) & 0xff;
  bytes[offset + 3] = word & 0xff;
}
