/**
 * The claim of a proof bundle, read from what the transaction itself recorded: its chaincode
 * event batch (covered by the endorsers' signatures), so the claim says nothing the ledger does
 * not. The kind follows the event, the record is the event's aggregate, the time is the
 * transaction's, the author its submitter's department (its organisation when it has none), the
 * statement the event's fields as canonical JSON, and the document digest the one the event
 * carries.
 */
import { canonicalJson } from '@suitrust/chaincode';
import { suitrust } from '@suitrust/proto';
import { parseTransactionEnvelope } from '@suitrust/verifier';
import { ProblemError } from '../errors/problemError';

type DomainEvent = suitrust.events.v1.DomainEvent;
type EventCase = NonNullable<DomainEvent['body']>;

/** The claim kind of each event (the `Claim.kind` vocabulary); other events keep their aggregate type. */
const KINDS: Partial<Record<EventCase, string>> = {
  certificateIssued: 'certificate',
  certificateSuspended: 'certificate',
  certificateReinstated: 'certificate',
  certificateRevoked: 'certificate',
  certificateCancelled: 'certificate',
  certificateUsed: 'certificate-use',
  authorisationGranted: 'authorisation',
  authorisationRevoked: 'authorisation',
  exchangeApproved: 'exchange',
  creditEventRecorded: 'credit-event',
  creditEventCorrected: 'credit-event',
  creditEventRepaired: 'credit-event',
  evidenceNotarised: 'evidence',
};

/** Which record of the transaction the claim is about. */
export interface ClaimSubject {
  /** The event's aggregate id; the transaction's first event when absent. */
  readonly recordId?: string;
  /** The document digest's algorithm, when the event names the digest but not its algorithm. */
  readonly digestAlgorithm?: string;
}

/**
 * The claim of a transaction.
 *
 * @param ledger - the transaction's ledger proof
 * @param subject - the record, and the digest algorithm the record states
 * @returns the claim
 * @throws {ProblemError} PROOF_NOT_SUITRUST when the transaction recorded no SuiTrust event (about that record)
 */
export function transactionClaim(ledger: suitrust.proofs.v1.ILedgerProof, subject: Readonly<ClaimSubject> = {}): suitrust.proofs.v1.Claim {
  const txId = ledger.txId ?? '';
  let batch: suitrust.events.v1.EventBatch;
  try {
    const payload = parseTransactionEnvelope(ledger.envelope ?? new Uint8Array()).chaincodeEvent?.payload;
    if (!payload) throw new Error('no chaincode event');
    batch = suitrust.events.v1.EventBatch.decode(payload);
  } catch (error) {
    throw new ProblemError('PROOF_NOT_SUITRUST', `transaction ${txId} carries no SuiTrust event batch`, { field: 'txId', transactionId: txId, cause: error });
  }
  // Decoded events are DomainEvent instances, which name their oneof case.
  const events = batch.events as DomainEvent[];
  const event = subject.recordId === undefined ? events[0] : events.find((candidate) => candidate.aggregateId === subject.recordId);
  if (!event?.body) throw new ProblemError('PROOF_NOT_SUITRUST', `transaction ${txId} recorded no event${subject.recordId === undefined ? '' : ` about ${subject.recordId}`}`, { field: 'txId', transactionId: txId });
  const fields = suitrust.events.v1.DomainEvent.toObject(event, { longs: String, json: true })[event.body] as Record<string, unknown>;
  const digest = documentDigest(fields, subject.digestAlgorithm);
  return suitrust.proofs.v1.Claim.create({
    kind: KINDS[event.body] ?? event.aggregateType,
    recordId: event.aggregateId,
    recordedAt: batch.txTime ?? undefined,
    recordedBy: batch.submitter?.department || batch.submitter?.mspId || '',
    statement: canonicalJson({ [event.body]: fields }),
    ...(digest ? { documentDigestAlgorithm: digest.algorithm, documentDigest: digest.value } : {}),
  });
}

/** The digest an event's fields carry, under the names the events give it. */
function documentDigest(fields: Record<string, unknown>, hint: string | undefined): { algorithm: string; value: string } | undefined {
  const text = (name: string): string | undefined => (typeof fields[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : undefined);
  const value = text('digest') ?? text('contentDigest') ?? text('documentDigest') ?? text('consentDigest') ?? text('payloadDigest');
  if (value === undefined) return undefined;
  const algorithm = text('algorithm') ?? text('contentDigestAlgorithm') ?? hint;
  return algorithm === undefined ? undefined : { algorithm, value };
}
