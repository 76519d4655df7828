/**
 * Checks of the transaction itself, as Fabric's committing peer re-checks it (`core/common/
 * validation/msgvalidation.go`, `core/common/validation/statebased`): the transaction id, the
 * creator's signature over the envelope payload, each endorsement's signature over
 * proposal_response_payload ‖ endorser, and the endorsement policy over the organisations whose
 * endorsements verified.
 */
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, toHex } from './bytes';
import { failed, passed, type Check } from './check';
import { verifyP256Signature } from './ecdsaP256';
import { parseTransactionEnvelope, type TransactionEnvelope } from './fabricMessages';
import type { TrustIndex } from './trustIndex';

/** The endorsement policies of the embedded peer: Fabric's implicit meta policies over the application organisations. */
export type EndorsementRule = 'any' | 'majority' | 'all';

const RULES: readonly string[] = ['any', 'majority', 'all'];

/** What the transaction checks need. */
export interface TransactionCheckInput {
  readonly envelope: Uint8Array;
  readonly channelId: string;
  readonly txId: string;
  readonly trust: TrustIndex;
  /** The trust anchors' endorsement policy, as stated there. */
  readonly endorsementPolicy: string;
}

/**
 * Runs the transaction's checks: `transaction.envelope`, `transaction.txId`,
 * `transaction.creatorCertificate`, `transaction.creatorSignature`, `endorsement[i].certificate`,
 * `endorsement[i].signature`, `endorsement.policy`.
 *
 * @param input - the envelope, the claimed channel and id, and the trust
 * @returns the checks, in that order
 */
export function transactionChecks(input: Readonly<TransactionCheckInput>): Check[] {
  let transaction: TransactionEnvelope;
  try {
    transaction = parseTransactionEnvelope(input.envelope);
  } catch (error) {
    return [failed('transaction.envelope', (error as Error).message)];
  }
  const checks: Check[] = [];
  if (transaction.channelId !== input.channelId) checks.push(failed('transaction.envelope', `the envelope is for channel "${transaction.channelId}", the proof for "${input.channelId}"`));
  else checks.push(passed('transaction.envelope', `an endorser transaction on channel ${transaction.channelId}`));

  const computed = toHex(sha256(concatBytes(transaction.signatureHeader.nonce, transaction.signatureHeader.creator)));
  if (computed !== transaction.txId) checks.push(failed('transaction.txId', `SHA-256(nonce ‖ creator) is ${computed}, the channel header says ${transaction.txId}`));
  else if (computed !== input.txId) checks.push(failed('transaction.txId', `the envelope is transaction ${computed}, the proof claims ${input.txId}`));
  else checks.push(passed('transaction.txId', `${computed} = SHA-256(nonce ‖ creator)`));

  const creator = input.trust.identify(transaction.signatureHeader.creator, 'ca');
  if (!creator.ok) {
    checks.push(failed('transaction.creatorCertificate', creator.reason));
    checks.push(failed('transaction.creatorSignature', 'the creator is not a trusted identity'));
  } else {
    checks.push(passed('transaction.creatorCertificate', `issued by a trusted CA of ${creator.mspId}`));
    const signature = verifyP256Signature(creator.certificate.publicKey, transaction.payload, transaction.signature, { requireLowS: true }, input.trust.p256);
    checks.push(signature.ok ? passed('transaction.creatorSignature', `signed by a member of ${creator.mspId}`) : failed('transaction.creatorSignature', signature.reason));
  }

  const endorsingOrganisations = new Set<string>();
  transaction.endorsements.forEach((endorsement, index) => {
    const name = `endorsement[${index}]`;
    const endorser = input.trust.identify(endorsement.endorser, 'ca');
    if (!endorser.ok) {
      checks.push(failed(`${name}.certificate`, endorser.reason));
      checks.push(failed(`${name}.signature`, 'the endorser is not a trusted identity'));
      return;
    }
    checks.push(passed(`${name}.certificate`, `issued by a trusted CA of ${endorser.mspId}`));
    const signed = concatBytes(transaction.proposalResponsePayload, endorsement.endorser);
    const signature = verifyP256Signature(endorser.certificate.publicKey, signed, endorsement.signature, { requireLowS: true }, input.trust.p256);
    if (!signature.ok) {
      checks.push(failed(`${name}.signature`, signature.reason));
      return;
    }
    endorsingOrganisations.add(endorser.mspId);
    checks.push(passed(`${name}.signature`, `endorsed by a peer of ${endorser.mspId}`));
  });
  checks.push(policyCheck(input.endorsementPolicy, input.trust.applicationOrganisations, endorsingOrganisations));
  return checks;
}

/**
 * Fabric's implicit meta policies (`common/policies/implicitmeta.go`): ANY needs one, ALL every
 * one, MAJORITY ⌊N / 2⌋ + 1 of the N application organisations.
 */
function policyCheck(policy: string, organisations: readonly string[], endorsed: ReadonlySet<string>): Check {
  if (!RULES.includes(policy)) return failed('endorsement.policy', `the trust anchors state no endorsement policy (any, majority or all), got "${policy}"`);
  const satisfied = organisations.filter((mspId) => endorsed.has(mspId));
  const required = policy === 'any' ? 1 : policy === 'all' ? organisations.length : Math.floor(organisations.length / 2) + 1;
  const summary = `${policy.toUpperCase()} of [${organisations.join(', ')}] needs ${required}, endorsed by [${satisfied.join(', ')}]`;
  return satisfied.length >= required && required > 0 ? passed('endorsement.policy', summary) : failed('endorsement.policy', summary);
}
