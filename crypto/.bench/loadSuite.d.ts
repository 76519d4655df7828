import type { CryptoSuite, SuiteName } from './cryptoSuite';
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
export declare function loadSuite(name: SuiteName): Promise<CryptoSuite>;
//# sourceMappingURL=loadSuite.d.ts.map