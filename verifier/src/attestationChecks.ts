/**
 * Checks of a commit attestation. The validation codes (metadata TRANSACTIONS_FILTER) and the
 * commit hash (COMMIT_HASH) are written by each peer after validation and covered by neither the
 * header hash nor the orderer's signature, so a verifier never trusts them as bytes: it trusts
 * them when peers (Fabric node OU `peer`) of enough application organisations, chained to their CAs, signed a
 * `CommitStatement` binding channel, block number, header hash, filter and commit hash.
 */
import { sha256 } from '@noble/hashes/sha2';
import type { suitrust } from '@suitrust/proto';
import { bytesEqual } from './bytes';
import { failed, passed, type Check } from './check';
import { statementMismatch, type CommitStatementFields } from './commitStatement';
import { verifyP256Signature } from './ecdsaP256';
import { blockHeaderHash, type HeaderFields } from './blockHeaderHash';
import type { TrustIndex } from './trustIndex';

/** `peer.TxValidationCode.VALID`. */
const VALID = 0;
/** The algorithm name a witness's `Signed` carries. */
export const WITNESS_SIGNATURE_ALGORITHM = 'ecdsa-p256-sha256';

/** What the attestation checks need. */
export interface AttestationCheckInput {
  readonly attestation: suitrust.proofs.v1.ICommitAttestation | null | undefined;
  readonly channelId: string;
  readonly header: HeaderFields;
  readonly txIndex: number;
  readonly envelopeCount: number;
  readonly trust: TrustIndex;
  /** Organisations whose witnesses must sign; 0 means a majority of the application organisations. */
  readonly threshold: number;
}

/**
 * `attestation.block`, `attestation.validationCode`, `attestation.signature[i]` and
 * `attestation.threshold`.
 *
 * @param input - the attestation, the block it must be about, the trust and the threshold
 * @returns the checks
 */
export function attestationChecks(input: Readonly<AttestationCheckInput>): Check[] {
  const attestation = input.attestation;
  if (!attestation) return [failed('attestation.block', 'the proof carries no commit attestation')];
  const attested: CommitStatementFields = {
    channelId: attestation.channelId ?? '',
    blockNumber: Number(attestation.blockNumber ?? 0),
    blockHeaderHash: attestation.blockHeaderHash ?? new Uint8Array(),
    transactionsFilter: attestation.transactionsFilter ?? new Uint8Array(),
    commitHash: attestation.commitHash ?? new Uint8Array(),
  };
  const checks: Check[] = [];
  const headerHash = blockHeaderHash(input.header);
  if (attested.channelId !== input.channelId) checks.push(failed('attestation.block', `attests channel "${attested.channelId}", the proof is for "${input.channelId}"`));
  else if (attested.blockNumber !== input.header.number) checks.push(failed('attestation.block', `attests block ${attested.blockNumber}, the transaction is in block ${input.header.number}`));
  else if (!bytesEqual(attested.blockHeaderHash, headerHash)) checks.push(failed('attestation.block', `the attested header hash is not block ${input.header.number}'s hash`));
  else checks.push(passed('attestation.block', `about block ${attested.blockNumber} of ${attested.channelId}`));

  const code = attested.transactionsFilter[input.txIndex];
  if (attested.transactionsFilter.length !== input.envelopeCount) checks.push(failed('attestation.validationCode', `the filter has ${attested.transactionsFilter.length} codes for ${input.envelopeCount} transactions`));
  else if (code !== VALID) checks.push(failed('attestation.validationCode', `transaction ${input.txIndex} has validation code ${String(code)}, not VALID (0)`));
  else checks.push(passed('attestation.validationCode', `transaction ${input.txIndex} is VALID`));

  const signatures = attestation.peerSignatures ?? [];
  const identities = attestation.peerIdentities ?? [];
  const witnessed = new Set<string>();
  signatures.forEach((signed, index) => {
    const name = `attestation.signature[${index}]`;
    const identity = identities[index];
    if (!identity) return checks.push(failed(name, 'no peer identity at this index'));
    const peer = input.trust.identify(identity, 'ca');
    if (!peer.ok) return checks.push(failed(name, peer.reason));
    // Only a peer commits blocks: a client or admin of the organisation cannot witness one.
    if (!peer.certificate.organizationalUnits.includes('peer')) return checks.push(failed(name, `the signer is a member of ${peer.mspId} but not a peer (node OU ${peer.certificate.organizationalUnits.join(', ') || 'none'})`));
    if (signed.algorithm !== WITNESS_SIGNATURE_ALGORITHM) return checks.push(failed(name, `unsupported algorithm "${signed.algorithm ?? ''}"`));
    if (!bytesEqual(signed.keyId ?? new Uint8Array(), sha256(peer.certificate.subjectPublicKeyInfo))) return checks.push(failed(name, 'key_id is not the SHA-256 of the peer\'s public key'));
    const body = signed.body ?? new Uint8Array();
    let mismatch: string | undefined;
    try {
      mismatch = statementMismatch(body, attested);
    } catch (error) {
      return checks.push(failed(name, (error as Error).message));
    }
    if (mismatch) return checks.push(failed(name, `the signed statement's ${mismatch} differs from the attestation`));
    const outcome = verifyP256Signature(peer.certificate.publicKey, body, signed.signature ?? new Uint8Array(), { requireLowS: true }, input.trust.p256);
    if (!outcome.ok) return checks.push(failed(name, outcome.reason));
    witnessed.add(peer.mspId);
    return checks.push(passed(name, `signed by a peer of ${peer.mspId}`));
  });

  const organisations = input.trust.applicationOrganisations;
  const required = input.threshold > 0 ? input.threshold : Math.floor(organisations.length / 2) + 1;
  const counted = organisations.filter((mspId) => witnessed.has(mspId));
  const summary = `peers of ${counted.length} organisation(s) [${counted.join(', ')}] signed, ${required} required`;
  checks.push(counted.length >= required ? passed('attestation.threshold', summary) : failed('attestation.threshold', summary));
  return checks;
}
