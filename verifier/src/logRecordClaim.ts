/**
 * What a transparency-log record claims (DESIGN.md, "Log proof"): the one mapping from a leaf's
 * `suitrust.events.v1.LogRecord` to a bundle's `Claim`, used by the gateway to state the claim
 * and by the verifier to check that the leaf is the claimed record.
 *
 * - kind: `exchange-report` or `evidence`;
 * - record id: `<provider>/<reportId>` of an exchange report (a report id is unique per
 *   provider), `<algorithm>:<digest>` of evidence (as notarised evidence is named);
 * - recorded at: the record's `appendedAt` (the gateway's clock; the anchor gives chain time);
 * - recorded by: the submitter's department, its MSP when it has none;
 * - statement: the whole record in protobuf's JSON mapping (64-bit integers as strings);
 * - document digest: the evidence's digest, or the exchange's payload digest (`<algorithm>:<hex>`).
 */
import { suitrust } from '@suitrust/proto';
import { MalformedInputError } from './malformedInputError';

/** The claim of a log record; `statement` is an object, to be serialised by the claimant. */
export interface LogRecordClaim {
  readonly kind: 'exchange-report' | 'evidence';
  readonly recordId: string;
  readonly recordedAt: { readonly seconds: number; readonly nanos: number };
  readonly recordedBy: string;
  readonly statement: Record<string, unknown>;
  readonly documentDigestAlgorithm: string;
  readonly documentDigest: string;
}

/**
 * Decodes a leaf and states its claim.
 *
 * @param leaf - the leaf's bytes, a `LogRecord`
 * @returns the claim
 * @throws {MalformedInputError} when the leaf is not a LogRecord in its one canonical encoding, or has no body
 */
export function logRecordClaim(leaf: Uint8Array): LogRecordClaim {
  let record: suitrust.events.v1.LogRecord;
  try {
    record = suitrust.events.v1.LogRecord.decode(leaf);
  } catch (error) {
    throw new MalformedInputError(`the leaf is not a LogRecord: ${(error as Error).message}`);
  }
  // A leaf has one encoding: bytes that decode to the same record some other way are not it.
  const reencoded = suitrust.events.v1.LogRecord.encode(record).finish();
  if (reencoded.length !== leaf.length || reencoded.some((byte, index) => byte !== leaf[index])) throw new MalformedInputError('the leaf is not the canonical encoding of its LogRecord');
  const statement = suitrust.events.v1.LogRecord.toObject(record, { longs: String, json: true });
  const recordedAt = { seconds: Number(record.appendedAt?.seconds ?? 0), nanos: record.appendedAt?.nanos ?? 0 };
  const recordedBy = record.submitter?.department || record.submitter?.mspId || '';
  if (record.body === 'exchangeReported' && record.exchangeReported) {
    const report = record.exchangeReported;
    const payloadDigest = report.payloadDigest ?? '';
    const separator = payloadDigest.indexOf(':');
    return {
      kind: 'exchange-report',
      recordId: `${report.provider ?? ''}/${report.reportId ?? ''}`,
      recordedAt,
      recordedBy,
      statement,
      documentDigestAlgorithm: separator < 0 ? '' : payloadDigest.slice(0, separator),
      documentDigest: separator < 0 ? '' : payloadDigest.slice(separator + 1),
    };
  }
  if (record.body === 'evidenceLogged' && record.evidenceLogged) {
    const algorithm = record.evidenceLogged.algorithm ?? '';
    const digest = record.evidenceLogged.digest ?? '';
    return { kind: 'evidence', recordId: `${algorithm}:${digest}`, recordedAt, recordedBy, statement, documentDigestAlgorithm: algorithm, documentDigest: digest };
  }
  throw new MalformedInputError('the LogRecord has no body this verifier knows');
}
