import type { CryptoSuite } from './cryptoSuite';
/**
 * Loads libsodium and creates the `std` suite.
 * @returns the suite, once libsodium is ready.
 * @throws {Error} when libsodium cannot be loaded.
 * @example
 * ```ts
 * const suite = await createStdSuite();
 * const sealed = suite.encrypt(key, plaintext); // nonce ‖ ciphertext ‖ tag
 * ```
 */
export declare function createStdSuite(): Promise<CryptoSuite>;
//# sourceMappingURL=stdSuite.d.ts.map