"use strict";
/**
 * The one seam through which SuiTrust hashes, signs, encrypts and pseudonymises.
 *
 * Two suites implement it (DESIGN.md, "Crypto suites"): `sm` (SM3, SM2 with the Z_A
 * user-ID digest, SM4-GCM, HMAC-SM3) and `std` (SHA-256, Ed25519, XChaCha20-Poly1305,
 * HMAC-SHA-256). Call sites receive a suite from configuration and never name an algorithm.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=cryptoSuite.js.map