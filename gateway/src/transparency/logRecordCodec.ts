/**
 * The bytes of a transparency-log leaf: one `suitrust.events.v1.LogRecord` (proto/suitrust/events.proto),
 * made from a checked exchange report or evidence request and the authenticated caller.
 */
import { suitrust } from '@suitrust/proto';
import type { ExchangeReport, LoggedEvidence } from '@suitrust/chaincode';
import type { Caller } from '../auth/callerCredentials';

/** What one record reports: an exchange, or evidence. */
export type LogRecordBody = { readonly exchangeReported: ExchangeReport } | { readonly evidenceLogged: LoggedEvidence };

/**
 * Encodes a log record.
 * @param body - the checked report or evidence
 * @param submitter - the caller that submitted it
 * @param appendedAtMs - the gateway's clock, ms since the epoch
 * @returns the LogRecord bytes
 */
export function encodeLogRecord(body: LogRecordBody, submitter: Caller, appendedAtMs: number): Uint8Array {
  const record: suitrust.events.v1.ILogRecord = {
    schemaVersion: 1,
    appendedAt: timestampOf(appendedAtMs),
    submitter: { mspId: submitter.mspId, department: submitter.department, role: submitter.role },
  };
  if ('exchangeReported' in body) {
    const { exchangedAt, fields, ...rest } = body.exchangeReported;
    record.exchangeReported = { ...rest, fields: [...fields], exchangedAt: timestampOf(Date.parse(exchangedAt)) };
  } else {
    record.evidenceLogged = { ...body.evidenceLogged, submitterDepartment: submitter.department, submitterMsp: submitter.mspId };
  }
  return suitrust.events.v1.LogRecord.encode(suitrust.events.v1.LogRecord.create(record)).finish();
}

function timestampOf(ms: number): suitrust.events.v1.ITimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}
