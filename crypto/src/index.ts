/**
 * `@suitrust/crypto`: the crypto suites of SuiTrust behind one interface.
 *
 * ```ts
 * import { loadSuite } from '@suitrust/crypto';
 * const suite = await loadSuite('sm');
 * ```
 */
export type { CryptoSuite, KeyPair, SignOptions, SuiteName } from './cryptoSuite';
export { CryptoError, type CryptoErrorCode, type CryptoErrorOptions } from './cryptoError';
export { loadSuite } from './loadSuite';
export * as suites from './suites';
export { signingSuite, type SigningSuite } from './signingSuites';
export { fromHex, toHex } from './hex';
export { verificationSuite, type VerificationSuite } from './verificationSuites';
export { portableSm3 } from './portableSm3';
