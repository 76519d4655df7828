/**
 * One place that turns any fault while decoding a key into `CRYPTO_KEY_FORMAT`, so callers of
 * `importPrivateKey` / `importPublicKey` see a single code whatever layer (DER, curve) refused
 * the key.
 */
import { CryptoError } from './cryptoError';

/**
 * Runs a key decoder, re-throwing its faults as `CRYPTO_KEY_FORMAT`.
 * @param what - what is being decoded, e.g. `SM2 private key`; quoted in the message.
 * @param decode - the decoder; its error messages must not hold key bytes.
 * @returns what `decode` returns.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT`, with what `decode` threw as the cause.
 */
export function parseKey<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof CryptoError && err.code === 'CRYPTO_KEY_FORMAT') throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new CryptoError(`${what}: ${reason}`, { code: 'CRYPTO_KEY_FORMAT', cause: err });
  }
}
