/**
 * SM4 block cipher, GB/T 32907-2016 (GM/T 0002-2012): 128-bit blocks, 128-bit key.
 *
 * Node's OpenSSL 3.0 computes SM4 ECB/CBC/CTR correctly (DESIGN.md, "Facts about SM crypto on
 * Node 20"), so this file only adapts it to the {@link BlockCipher} seam. One ECB context is
 * kept per key and reused for every block: creating a context per block costs a key schedule
 * and an allocation each time (the 1,000,000-block vector of GB/T 32907 appendix A runs in
 * about a second this way).
 */
import { createCipheriv, type Cipher } from 'node:crypto';
import { assertBytes } from './assertBytes';
import type { BlockCipher } from './blockCipher';

/** SM4 key length in bytes (GB/T 32907 §5: 128-bit key). */
export const SM4_KEY_LENGTH = 16;
/** SM4 block length in bytes. */
export const SM4_BLOCK_LENGTH = 16;

/**
 * SM4 keyed with `key`, for ECB block encryption and CTR key streams.
 * @param key - 16 bytes.
 * @returns the keyed cipher.
 * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` is not 16 bytes.
 */
export function sm4(key: Uint8Array): BlockCipher {
  assertBytes('key', key, { length: SM4_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
  return new Sm4({ key });
}

/** Options of {@link Sm4}. */
interface Sm4Options {
  readonly key: Uint8Array;
}

class Sm4 implements BlockCipher {
  readonly #key: Uint8Array;
  #ecb: Cipher | undefined;

  constructor(options: Readonly<Sm4Options>) {
    this.#key = options.key.slice();
  }

  encryptBlock(block: Uint8Array): Uint8Array {
    assertBytes('block', block, { length: SM4_BLOCK_LENGTH });
    if (this.#ecb === undefined) {
      this.#ecb = createCipheriv('sm4-ecb', this.#key, null).setAutoPadding(false);
    }
    // Without padding, ECB update() returns each whole block at once and keeps no state.
    return new Uint8Array(this.#ecb.update(block));
  }

  ctr(counterBlock: Uint8Array, data: Uint8Array): Uint8Array {
    assertBytes('counterBlock', counterBlock, { length: SM4_BLOCK_LENGTH });
    const cipher = createCipheriv('sm4-ctr', this.#key, counterBlock);
    const out = cipher.update(data);
    cipher.final();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
}
