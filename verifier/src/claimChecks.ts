/**
 * Checks that a bundle's claim is what the ledger recorded: the transaction's chaincode event (a
 * `suitrust.events.v1.EventBatch`, covered by the endorsers' signatures) is about the claimed
 * record, at the claimed time, and carries the claimed document digest; and, given the document,
 * that its digest is the claimed one.
 */
import { suitrust } from '@suitrust/proto';
import type { BundleCrypto } from './bundleCrypto';
import { toHex } from './bytes';
import { failed, passed, type Check } from './check';
import { parseTransactionEnvelope } from './fabricMessages';

/** What the claim checks need. */
export interface ClaimCheckInput {
  readonly claim: suitrust.proofs.v1.IClaim;
  readonly ledger: suitrust.proofs.v1.ILedgerProof;
  /** The document the claim is about, when the caller has it. */
  readonly document: Uint8Array | undefined;
  readonly crypto: BundleCrypto;
}

/**
 * `claim.transaction`, `claim.digest` (when the claim names a digest) and `claim.document` (when
 * a document is given).
 *
 * @param input - the claim, the ledger proof, the document and the hashes
 * @returns the checks
 */
export function claimChecks(input: Readonly<ClaimCheckInput>): Check[] {
  const { claim, ledger } = input;
  const checks: Check[] = [];
  const recordId = claim.recordId ?? '';
  const digest = claim.documentDigest ?? '';
  let event: suitrust.events.v1.IDomainEvent | undefined;
  try {
    const transaction = parseTransactionEnvelope(ledger.envelope ?? new Uint8Array());
    if (!transaction.chaincodeEvent) throw new Error('the transaction emitted no chaincode event');
    const batch = suitrust.events.v1.EventBatch.decode(transaction.chaincodeEvent.payload);
    if (batch.txId !== ledger.txId || batch.channelId !== ledger.channelId) throw new Error(`the event batch is of transaction ${batch.txId} on ${batch.channelId}`);
    event = batch.events.find((candidate) => candidate.aggregateId === recordId);
    if (!event) throw new Error(`no event of the transaction is about record "${recordId}"`);
    const recordedAt = claim.recordedAt;
    if (recordedAt && (Number(recordedAt.seconds ?? 0) !== Number(batch.txTime?.seconds ?? 0) || (recordedAt.nanos ?? 0) !== (batch.txTime?.nanos ?? 0))) {
      throw new Error('the claimed time is not the transaction\'s time');
    }
    const recordedBy = claim.recordedBy ?? '';
    if (recordedBy && recordedBy !== batch.submitter?.mspId && recordedBy !== batch.submitter?.department) throw new Error(`the transaction was submitted by ${batch.submitter?.mspId ?? 'nobody'}, not ${recordedBy}`);
    checks.push(passed('claim.transaction', `transaction ${batch.txId} recorded ${event.aggregateType ?? ''} ${recordId}`));
  } catch (error) {
    checks.push(failed('claim.transaction', (error as Error).message));
  }
  if (digest) {
    const strings = event ? stringValues(suitrust.events.v1.DomainEvent.toObject(suitrust.events.v1.DomainEvent.fromObject(event))) : [];
    checks.push(strings.includes(digest) ? passed('claim.digest', `the recorded event carries digest ${digest}`) : failed('claim.digest', `the recorded event does not carry digest ${digest}`));
  }
  if (input.document) checks.push(claimDocumentCheck(claim, input.document, input.crypto));
  return checks;
}

/**
 * `claim.document`: the document's digest, with the claim's algorithm, is the claimed digest.
 *
 * @param claim - the claim
 * @param document - the document
 * @param crypto - the hashes
 * @returns the check
 */
export function claimDocumentCheck(claim: suitrust.proofs.v1.IClaim, document: Uint8Array, crypto: BundleCrypto): Check {
  const algorithm = claim.documentDigestAlgorithm ?? '';
  const digest = claim.documentDigest ?? '';
  const computed = crypto.hash(algorithm, document);
  if (!computed) return failed('claim.document', `this verifier cannot compute ${algorithm || 'an unnamed'} digests`);
  if (toHex(computed) !== digest) return failed('claim.document', `the document's ${algorithm} digest is ${toHex(computed)}, the claim says ${digest || 'nothing'}`);
  return passed('claim.document', `the document's ${algorithm} digest is the claimed one`);
}

function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringValues);
  return [];
}
