"use strict";
/**
 * The seam between a 128-bit block cipher and the modes built on it ({@link gcmEncrypt}):
 * the mode code knows nothing of SM4, a cipher file supplies only these two operations.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=blockCipher.js.map