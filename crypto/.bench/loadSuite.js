"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadSuite = loadSuite;
/**
 * The one entry point configuration uses: a suite by name (DESIGN.md, "Crypto suites: chosen by
 * configuration, never hard-coded at call sites").
 */
const cryptoError_1 = require("./cryptoError");
const suites = __importStar(require("./suites"));
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
async function loadSuite(name) {
    switch (name) {
        case 'sm':
            return suites.sm();
        case 'std':
            return suites.std();
        default:
            throw new cryptoError_1.CryptoError(`name: expected "sm" or "std", got ${JSON.stringify(String(name))}`, { code: 'CRYPTO_UNKNOWN_SUITE' });
    }
}
//# sourceMappingURL=loadSuite.js.map