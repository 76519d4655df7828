"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sm = sm;
exports.std = std;
const smSuite_1 = require("./smSuite");
const stdSuite_1 = require("./stdSuite");
/**
 * The `sm` suite: SM3, SM2 (with Z_A), SM4-GCM, HMAC-SM3.
 * @returns the suite (asynchronous for symmetry with {@link std}; it loads nothing).
 * @example
 * ```ts
 * const suite = await suites.sm();
 * const digest = suite.hash(new TextEncoder().encode('abc'));
 * ```
 */
async function sm() {
    return (0, smSuite_1.createSmSuite)();
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
async function std() {
    return (0, stdSuite_1.createStdSuite)();
}
//# sourceMappingURL=suites.js.map