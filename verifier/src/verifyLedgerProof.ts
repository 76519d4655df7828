/**
 * The offline check of a ledger proof (DESIGN.md, "Proofs"): that a transaction was endorsed and
 * created by trusted identities, sits at its index in a block whose data hash covers it, that the
 * block is on the chain up to a later block, that orderers signed the block and the last one,
 * and that peers of enough organisations attested it was committed VALID.
 *
 * Where the rules come from: the endorsement policy (`any`, `majority`, `all` of the application
 * organisations) and the attestation threshold are stated in the trust anchors, which the verifier
 * takes from its caller, never from the proof (a bundle's own anchors are compared against a
 * trusted list first). Application organisations are those with a `ca` certificate in the
 * anchors; orderers must chain to an `orderer` certificate.
 */
import type { suitrust } from '@suitrust/proto';
import { failed, passed, verification, type Check, type Verification } from './check';
import { attestationChecks } from './attestationChecks';
import { blockContentChecks, headerChainChecks, headerFields, ordererSignatureCheck } from './blockChecks';
import { transactionChecks } from './transactionChecks';
import { TrustIndex } from './trustIndex';
import type { BundleCrypto } from './bundleCrypto';

/**
 * Verifies a ledger proof against trust anchors, with no network access.
 *
 * @param proof - the ledger proof
 * @param trust - the trusted CA certificates, endorsement policy and attestation threshold
 * @param crypto - where the P-256 arithmetic comes from (its `p256`); plain JavaScript unless told
 * @returns every check by name (`block.dataHash`, `endorsement[1].signature`,
 *   `headerChain[3].previousHash`, `attestation.threshold`, …), and `valid` when all passed
 * @example
 * ```ts
 * const outcome = verifyLedgerProof(bundle.ledger, trustedAnchors);
 * for (const check of outcome.checks) console.log(check.ok ? 'ok  ' : 'FAIL', check.name, check.ok ? check.detail : check.reason);
 * ```
 */
export function verifyLedgerProof(proof: suitrust.proofs.v1.ILedgerProof, trust: suitrust.proofs.v1.ITrustAnchors, crypto: Pick<BundleCrypto, 'p256'> = {}): Verification {
  const index = new TrustIndex(trust, crypto.p256);
  const channelId = proof.channelId ?? '';
  const header = headerFields(proof.blockHeader);
  const chain = proof.headerChain ?? [];
  const checks: Check[] = [
    index.problems.length === 0 ? passed('trust.anchors', `${(trust.certificates ?? []).length} CA certificates, fingerprints match`) : failed('trust.anchors', index.problems.join('; ')),
    ...transactionChecks({ envelope: proof.envelope ?? new Uint8Array(), channelId, txId: proof.txId ?? '', trust: index, endorsementPolicy: trust.endorsementPolicy ?? '' }),
    ...blockContentChecks(proof),
    ordererSignatureCheck('blockSignature.orderer', header, proof.blockSignatures ?? [], index),
    ...headerChainChecks(proof),
  ];
  const last = chain[chain.length - 1];
  if (last) checks.push(ordererSignatureCheck('lastBlockSignature.orderer', headerFields(last), proof.lastBlockSignatures ?? [], index));
  checks.push(
    ...attestationChecks({
      attestation: proof.attestation,
      channelId,
      header,
      txIndex: proof.txIndex ?? 0,
      envelopeCount: (proof.blockEnvelopes ?? []).length,
      trust: index,
      threshold: trust.attestationThreshold ?? 0,
    }),
  );
  return verification(checks);
}
