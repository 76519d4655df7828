/**
 * The gateway's receipt key (DESIGN.md, "Receipt": the gateway signs what it returns, so a later
 * dispute can show what was said). A `Receipt` is signed exactly as `@suitrust/verifier` checks
 * it: `Signed.body` is the Receipt's own encoding without its signature, `key_id` the key's
 * fingerprint (the suite's hash of its SubjectPublicKeyInfo DER) as the trust list publishes it.
 *
 * The key is the configured suite's (SM2 by default, Ed25519 for `std`), kept as PKCS#8 PEM in a
 * file of mode 0600 created on first start; it never leaves this module and is never logged.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CryptoSuite } from '@suitrust/crypto';
import { suitrust } from '@suitrust/proto';

/** The name the trust list gives the receipt key. */
export const RECEIPT_KEY_NAME = 'suitrust-gateway/receipts';

/** What a receipt states. */
export interface ReceiptFields {
  readonly requestId: string;
  /** The transaction the response is about. */
  readonly txId: string;
  /** The response body, byte for byte as sent. */
  readonly body: Uint8Array;
  readonly issuedAt: Date;
}

/** Signs receipts with the gateway's receipt key. */
export interface ReceiptSigner {
  /** The public key as the trust list publishes it. */
  readonly key: suitrust.proofs.v1.TrustedKey;
  /**
   * A signed receipt of a response.
   * @param fields - request, transaction, body and time
   * @returns the receipt, its digest the suite's hash of `fields.body`
   */
  sign(fields: Readonly<ReceiptFields>): suitrust.proofs.v1.Receipt;
}

/**
 * Loads the receipt key from `keyPath`, creating one on first start.
 *
 * @param keyPath - the key file, in the gateway's data directory
 * @param suite - the configured suite
 * @returns the signer
 * @throws {CryptoError} CRYPTO_KEY_FORMAT when the file holds no key of the suite's algorithm
 *   (a data directory made with the other suite)
 * @example
 * ```ts
 * const receipts = await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), await loadSuite('sm'));
 * const app = await buildGateway({ ledger, callers, pseudonyms, receipts });
 * ```
 */
export async function loadReceiptSigner(keyPath: string, suite: CryptoSuite): Promise<ReceiptSigner> {
  if (!existsSync(keyPath)) {
    await mkdir(dirname(keyPath), { recursive: true, mode: 0o700 });
    const temporary = `${keyPath}.partial`;
    await writeFile(temporary, suite.exportPrivateKeyPem(suite.generateKeyPair().privateKey), { mode: 0o600 });
    await rename(temporary, keyPath);
  }
  return receiptSigner(suite.importPrivateKey(await readFile(keyPath, 'utf8')), suite);
}

/**
 * A signer over a key held in memory.
 *
 * @param privateKey - the suite's raw private key
 * @param suite - the suite it belongs to
 * @returns the signer
 */
export function receiptSigner(privateKey: Uint8Array, suite: CryptoSuite): ReceiptSigner {
  const publicKey = pemDer(suite.exportPublicKeyPem(suite.publicKeyOf(privateKey)));
  const fingerprint = suite.hash(publicKey);
  const key = suitrust.proofs.v1.TrustedKey.create({ name: RECEIPT_KEY_NAME, algorithm: suite.signatureAlgorithm, publicKey, fingerprint });
  return {
    key,
    sign(fields) {
      const milliseconds = fields.issuedAt.getTime();
      const stated = {
        requestId: fields.requestId,
        issuedAt: { seconds: Math.floor(milliseconds / 1000), nanos: (milliseconds % 1000) * 1_000_000 },
        responseDigest: suite.hash(fields.body),
        txId: fields.txId,
      };
      const body = suitrust.proofs.v1.Receipt.encode(stated).finish();
      return suitrust.proofs.v1.Receipt.create({ ...stated, signature: { body, algorithm: suite.signatureAlgorithm, keyId: fingerprint, signature: suite.sign(privateKey, body) } });
    },
  };
}

function pemDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
