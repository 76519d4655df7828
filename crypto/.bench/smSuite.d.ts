import type { CryptoSuite } from './cryptoSuite';
/**
 * Creates the `sm` suite over the recommended curve sm2p256v1.
 * @returns the suite.
 * @example
 * ```ts
 * const suite = createSmSuite();
 * const { privateKey, publicKey } = suite.generateKeyPair();
 * const signature = suite.sign(privateKey, message);
 * suite.verify(publicKey, message, signature); // true
 * ```
 */
export declare function createSmSuite(): CryptoSuite;
//# sourceMappingURL=smSuite.d.ts.map