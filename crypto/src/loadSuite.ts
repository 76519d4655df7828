/**
 * The one entry point configuration uses: a suite by name (DESIGN.md, "Crypto suites: chosen by
 * configuration, never hard-coded at call sites").
 */
import { CryptoError } from './cryptoError';
import type { CryptoSuite, SuiteName } from './cryptoSuite';
import * as suites from './suites';

/**
 * Loads the suite named `name`; only the chosen suite's dependencies are loaded.
 * @param name - `sm` or `std`, usually from configuration.
 * @returns the suite.
 * @throws {CryptoError} `CRYPTO_UNKNOWN_SUITE` (as a rejection) for any other name.
 * @example
 * ```ts
 * const suite = await loadSuite(config.cryptoSuite); // 'sm' by default
 * const signature = suite.sign(privateKey, receiptBytes);
 * ```
 */
export async function loadSuite(name: SuiteName): Promise<CryptoSuite> {
  switch (name) {
    case 'sm':
      return suites.sm();
    case 'std':
      return suites.std();
    default:
      throw new CryptoError(`name: expected "sm" or "std", got ${JSON.stringify(String(name))}`, { code: 'CRYPTO_UNKNOWN_SUITE' });
  }
}
