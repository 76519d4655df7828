/**
 * Factories of the two crypto suites, grouped as the `suites` namespace of the package index:
 * `await suites.sm()`, `await suites.std()`. Each returns a fresh {@link CryptoSuite}.
 */
import type { CryptoSuite } from './cryptoSuite';
import { createSmSuite } from './smSuite';
import { createStdSuite } from './stdSuite';

/**
 * The `sm` suite: SM3, SM2 (with Z_A), SM4-GCM, HMAC-SM3.
 * @returns the suite (asynchronous for symmetry with {@link std}; it loads nothing).
 * @example
 * ```ts
 * const suite = await suites.sm();
 * const digest = suite.hash(new TextEncoder().encode('abc'));
 * ```
 */
export async function sm(): Promise<CryptoSuite> {
  return createSmSuite();
}

/**
 * The `std` suite: SHA-256, Ed25519, XChaCha20-Poly1305, HMAC-SHA-256; loads libsodium.
 * @returns the suite, once libsodium is ready.
 * @throws {Error} when libsodium cannot be loaded.
 * @example
 * ```ts
 * const suite = await suites.std();
 * const { privateKey, publicKey } = suite.generateKeyPair();
 * ```
 */
export async function std(): Promise<CryptoSuite> {
  return createStdSuite();
}
