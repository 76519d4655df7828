/**
 * The offline check of a whole `ProofBundle` (DESIGN.md, "Proofs"): its version, its trust
 * anchors against the verifier's own trusted list, the ledger proof (against that list), the
 * claim against what the transaction recorded, the document against the claim, and the
 * gateway's receipt, whose digest is of the bundle's protobuf encoding without the receipt. Check names of the ledger proof are prefixed `ledger.`.
 *
 * A bundle with a `log` part proves a transparency-log record: its claim is the record (checked
 * against the leaf, `log.leaf`), the log part its inclusion in a signed checkpoint, and the ledger
 * proof that of the transaction that anchored the checkpoint (`log.anchor`; see `logChecks.ts`).
 *
 * An inclusion promise, when a bundle carries one, is checked against the trusted log keys
 * (`promise.signature`, `promise.batch`, `promise.leaf`; see `promiseChecks.ts`). The gateway's
 * bundles carry none: a record not yet anchored has no bundle.
 */
import { suitrust } from '@suitrust/proto';
import { portableBundleCrypto, type BundleCrypto } from './bundleCrypto';
import { failed, passed, verification, type Check, type Verification } from './check';
import { claimChecks, claimDocumentCheck } from './claimChecks';
import { logChecks } from './logChecks';
import { promiseChecks } from './promiseChecks';
import { receiptChecks } from './receiptChecks';
import { trustListCheck } from './trustListCheck';
import { verifyLedgerProof } from './verifyLedgerProof';

/** The bundle format versions this verifier reads. */
export const BUNDLE_VERSION = 1;

/** Options of {@link verifyBundle}. */
export interface BundleVerificationOptions {
  /** The trusted list (fingerprints published out of band), with the endorsement policy and attestation threshold. */
  readonly trust?: suitrust.proofs.v1.ITrustAnchors;
  /** The document the claim is about. */
  readonly document?: Uint8Array;
  /** Hash and signature algorithms; by default SHA-256, SM3, ECDSA P-256, Ed25519 and SM2 in plain JavaScript (in Node, `nodeBundleCrypto` is faster). */
  readonly crypto?: BundleCrypto;
}

/**
 * Verifies a proof bundle.
 *
 * @param bundle - the bundle, decoded or as its protobuf bytes
 * @param options - the trusted list, the document and the algorithms
 * @returns every check by name, valid only when all hold
 * @example
 * ```ts
 * const outcome = verifyBundle(bytes, { trust: publishedList, document });
 * process.exitCode = outcome.valid ? 0 : 1;
 * ```
 */
export function verifyBundle(bundle: suitrust.proofs.v1.IProofBundle | Uint8Array, options: Readonly<BundleVerificationOptions> = {}): Verification {
  let decoded: suitrust.proofs.v1.IProofBundle;
  try {
    decoded = bundle instanceof Uint8Array ? suitrust.proofs.v1.ProofBundle.decode(bundle) : bundle;
  } catch (error) {
    return verification([failed('bundle.format', `not a ProofBundle: ${(error as Error).message}`)]);
  }
  const crypto = options.crypto ?? portableBundleCrypto;
  const checks: Check[] = [];
  const version = decoded.version ?? 0;
  if (version !== BUNDLE_VERSION) return verification([failed('bundle.version', `version ${version} is not one this verifier reads (${BUNDLE_VERSION})`)]);
  checks.push(passed('bundle.version', `version ${version}`));

  const bundled = decoded.trust ?? {};
  checks.push(trustListCheck(bundled, options.trust));
  const trust = options.trust ?? bundled;
  const ledger = decoded.ledger;
  if (!ledger) {
    checks.push(failed('ledger.proof', 'the bundle carries no ledger proof'));
    return verification(checks);
  }
  checks.push(...verifyLedgerProof(ledger, trust, crypto).checks.map((check) => ({ ...check, name: `ledger.${check.name}` })));
  if (decoded.log) {
    checks.push(...logChecks({ log: decoded.log, claim: decoded.claim, ledger, trust, crypto }));
    if (decoded.claim && options.document) checks.push(claimDocumentCheck(decoded.claim, options.document, crypto));
  } else if (decoded.claim) checks.push(...claimChecks({ claim: decoded.claim, ledger, document: options.document, crypto }));
  else checks.push(failed('claim.transaction', 'the bundle carries no claim'));
  // The bundle's receipt is of the bundle as encoded without it.
  if (decoded.receipt) checks.push(...receiptChecks(decoded.receipt, ledger.txId ?? '', trust, crypto, suitrust.proofs.v1.ProofBundle.encode({ ...decoded, receipt: null }).finish()));
  if (decoded.promise) checks.push(...promiseChecks(decoded.promise, decoded.log?.leaf ?? undefined, trust, crypto));
  return verification(checks);
}
