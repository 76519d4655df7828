"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStdSuite = createStdSuite;
/**
 * The `std` suite (DESIGN.md, "Crypto suites"): SHA-256 (FIPS 180-4), Ed25519 (RFC 8032
 * §5.1), XChaCha20-Poly1305-IETF (draft-irtf-cfrg-xchacha, RFC 8439 AEAD) and HMAC-SHA-256
 * (RFC 2104). Signatures and encryption come from libsodium; hashes from node:crypto.
 *
 * libsodium (a WebAssembly module of ~½ MiB) is loaded only by {@link createStdSuite}, so a
 * process configured for the `sm` suite never loads it (`suites.dependency.test.ts` proves it).
 */
const node_crypto_1 = require("node:crypto");
const assertBytes_1 = require("./assertBytes");
const cryptoError_1 = require("./cryptoError");
const ed25519KeyEncoding_1 = require("./ed25519KeyEncoding");
const parseKey_1 = require("./parseKey");
const pem_1 = require("./pem");
/** XChaCha20-Poly1305 key, nonce and tag lengths (libsodium `crypto_aead_xchacha20poly1305_ietf_*`). */
const KEY_LENGTH = 32;
const NONCE_LENGTH = 24;
const TAG_LENGTH = 16;
/** Ed25519 signature length (RFC 8032 §5.1.6). */
const SIGNATURE_LENGTH = 64;
const SHA256_LENGTH = 32;
const MIN_PSEUDONYM_KEY_LENGTH = 16;
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
async function createStdSuite() {
    return new StdSuite({ sodium: await loadSodium() });
}
/**
 * libsodium-wrappers through a dynamic import, kept as `import()` in the CommonJS output.
 * Its ESM build exposes the API on the default export, filled in once `ready` resolves.
 */
async function loadSodium() {
    const module = await import('libsodium-wrappers');
    const sodium = module.default ?? module;
    await sodium.ready;
    if (typeof sodium.crypto_sign_detached !== 'function')
        throw new Error('libsodium-wrappers: API missing after ready');
    return sodium;
}
class StdSuite {
    name = 'std';
    hashAlgorithm = 'sha256';
    signatureAlgorithm = 'ed25519';
    hashLength = SHA256_LENGTH;
    encryptionKeyLength = KEY_LENGTH;
    #sodium;
    constructor(options) {
        this.#sodium = options.sodium;
    }
    hash(data) {
        (0, assertBytes_1.assertBytes)('data', data);
        return new Uint8Array((0, node_crypto_1.createHash)('sha256').update(data).digest());
    }
    pseudonym(key, data) {
        (0, assertBytes_1.assertBytes)('key', key, { min: MIN_PSEUDONYM_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
        (0, assertBytes_1.assertBytes)('data', data);
        return new Uint8Array((0, node_crypto_1.createHmac)('sha256', key).update(data).digest());
    }
    generateKeyPair() {
        const privateKey = new Uint8Array((0, node_crypto_1.randomBytes)(ed25519KeyEncoding_1.ED25519_KEY_LENGTH));
        return { privateKey, publicKey: this.publicKeyOf(privateKey) };
    }
    publicKeyOf(privateKey) {
        return this.#keyPair(privateKey).publicKey;
    }
    sign(privateKey, message, _options) {
        (0, assertBytes_1.assertBytes)('message', message);
        const { privateKey: expanded } = this.#keyPair(privateKey);
        return this.#sodium.crypto_sign_detached(message, expanded);
    }
    verify(publicKey, message, signature, _options) {
        if (!(publicKey instanceof Uint8Array) || publicKey.length !== ed25519KeyEncoding_1.ED25519_KEY_LENGTH)
            return false;
        if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH)
            return false;
        if (!(message instanceof Uint8Array))
            return false;
        try {
            return this.#sodium.crypto_sign_verify_detached(signature, message, publicKey);
        }
        catch {
            return false;
        }
    }
    encrypt(key, plaintext, associatedData) {
        (0, assertBytes_1.assertBytes)('key', key, { length: KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
        (0, assertBytes_1.assertBytes)('plaintext', plaintext);
        const aad = (0, assertBytes_1.optionalBytes)('associatedData', associatedData);
        const nonce = new Uint8Array((0, node_crypto_1.randomBytes)(NONCE_LENGTH));
        const sealed = this.#sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, null, nonce, key);
        const out = new Uint8Array(NONCE_LENGTH + sealed.length);
        out.set(nonce);
        out.set(sealed, NONCE_LENGTH);
        return out;
    }
    decrypt(key, sealed, associatedData) {
        (0, assertBytes_1.assertBytes)('key', key, { length: KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
        (0, assertBytes_1.assertBytes)('sealed', sealed);
        const aad = (0, assertBytes_1.optionalBytes)('associatedData', associatedData);
        if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new cryptoError_1.CryptoError('XChaCha20-Poly1305 authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED' });
        }
        try {
            return this.#sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.subarray(NONCE_LENGTH), aad, sealed.subarray(0, NONCE_LENGTH), key);
        }
        catch (err) {
            throw new cryptoError_1.CryptoError('XChaCha20-Poly1305 authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED', cause: err });
        }
    }
    exportPrivateKeyPem(privateKey) {
        (0, assertBytes_1.assertBytes)('privateKey', privateKey, { length: ed25519KeyEncoding_1.ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
        return (0, pem_1.encodePem)('PRIVATE KEY', (0, ed25519KeyEncoding_1.encodeEd25519PrivateKey)(privateKey));
    }
    exportPublicKeyPem(publicKey) {
        (0, assertBytes_1.assertBytes)('publicKey', publicKey, { length: ed25519KeyEncoding_1.ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
        return (0, pem_1.encodePem)('PUBLIC KEY', (0, ed25519KeyEncoding_1.encodeEd25519PublicKey)(publicKey));
    }
    importPrivateKey(pemOrDer) {
        const der = (0, pem_1.derOf)(pemOrDer, 'PRIVATE KEY');
        return (0, parseKey_1.parseKey)('Ed25519 private key', () => {
            const { privateKey, publicKey } = (0, ed25519KeyEncoding_1.decodeEd25519PrivateKey)(der);
            if (publicKey !== undefined && Buffer.compare(publicKey, this.publicKeyOf(privateKey)) !== 0) {
                throw new cryptoError_1.CryptoError('the stored public key does not match the private key', { code: 'CRYPTO_KEY_FORMAT' });
            }
            return new Uint8Array(privateKey);
        });
    }
    importPublicKey(pemOrDer) {
        const der = (0, pem_1.derOf)(pemOrDer, 'PUBLIC KEY');
        return (0, parseKey_1.parseKey)('Ed25519 public key', () => new Uint8Array((0, ed25519KeyEncoding_1.decodeEd25519PublicKey)(der)));
    }
    /** The 32-byte seed expanded to libsodium's (seed ‖ public key) secret key, RFC 8032 §5.1.5. */
    #keyPair(seed) {
        (0, assertBytes_1.assertBytes)('privateKey', seed, { length: ed25519KeyEncoding_1.ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
        return this.#sodium.crypto_sign_seed_keypair(seed);
    }
}
//# sourceMappingURL=stdSuite.js.map