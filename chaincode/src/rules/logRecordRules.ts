/**
 * What a record of the transparency log may say (DESIGN.md, "Exchanges, two paths"): an exchange
 * reported after the fact by its provider, and evidence submitted in bulk. The gateway checks
 * every record with these rules before appending it, so the log holds only well-formed records;
 * whether an exchange was covered by its authorisation is judged later, by projections, against
 * the authorisation's state at that time (`judgeExchange`).
 */
import { RequestReader, type TextRule } from './request';
import { Refusal } from './refusal';
import { isDigestAlgorithm, isDigestHex, type DigestAlgorithm } from './digest';
import type { Role } from '../ledger/access';

/** Who may report exchanges: the roles that approve them (the provider's officers and issuers). */
export const EXCHANGE_REPORTER_ROLES = ['officer', 'issuer'] as const satisfies readonly Role[];
/** Who may submit evidence, one digest or in bulk. */
export const EVIDENCE_SUBMITTER_ROLES = ['officer', 'issuer', 'court', 'admin'] as const satisfies readonly Role[];

/** A data resource's catalogue code. */
export const RESOURCE_CODE: TextRule = { max: 64, pattern: /^[0-9A-Za-z._:/-]+$/, patternName: 'a catalogue code of letters, digits and . _ : / -' };
/** A field of a data resource. */
export const FIELD_NAME: TextRule = { max: 64, pattern: /^[A-Za-z_][0-9A-Za-z_.]*$/, patternName: 'a field name' };

/** An exchange that did happen, as its provider reports it. */
export interface ExchangeReport {
  readonly authorisationId: string;
  /** The provider's own id of the exchange. */
  readonly reportId: string;
  /** The providing department: always the reporting caller's own. */
  readonly provider: string;
  readonly consumer: string;
  readonly resourceCode: string;
  readonly purpose: string;
  /** Sorted, distinct. */
  readonly fields: readonly string[];
  /** Canonical ISO 8601 UTC. */
  readonly exchangedAt: string;
  /** `<algorithm>:<hex>` of the payload, or `''`. */
  readonly payloadDigest: string;
  /** The data subject's pseudonym, or `''`. */
  readonly dataSubject: string;
}

/** Evidence submitted through the log. */
export interface LoggedEvidence {
  readonly algorithm: DigestAlgorithm;
  readonly digest: string;
  readonly caseReference: string;
  readonly source: string;
  readonly method: string;
  readonly witness: string;
  /** Sorted by key. */
  readonly metadata: { key: string; value: string }[];
}

const EXCHANGE_FIELDS = ['authorisationId', 'reportId', 'consumer', 'resourceCode', 'purpose', 'fields', 'exchangedAt', 'payloadDigest', 'dataSubject'];
const EVIDENCE_FIELDS = ['algorithm', 'digest', 'caseReference', 'provenance', 'metadata'];

/**
 * Reads one exchange report.
 * @param request - the report as JSON text: `{ authorisationId, reportId, consumer, resourceCode,
 *   purpose, fields, exchangedAt, payloadDigest?: { algorithm, value }, dataSubject?: <pseudonym> }`
 * @param provider - the reporting caller's department (never taken from the request)
 * @returns the report
 * @throws {Refusal} naming the field at fault
 */
export async function readExchangeReport(request: string, provider: string): Promise<ExchangeReport> {
  const body = RequestReader.parse(request, EXCHANGE_FIELDS);
  const authorisationId = body.text('authorisationId', { max: 128 });
  const reportId = body.text('reportId', { max: 128 });
  const consumer = await body.creditCode('consumer');
  const resourceCode = body.text('resourceCode', RESOURCE_CODE);
  const purpose = body.text('purpose', { max: 256 });
  const fields = body.textSet('fields', FIELD_NAME);
  const exchangedAt = body.instant('exchangedAt');
  const payloadDigest = body.optionalDigest('payloadDigest');
  const dataSubject = body.has('dataSubject') ? body.pseudonym('dataSubject') : '';
  return {
    authorisationId,
    reportId,
    provider,
    consumer,
    resourceCode,
    purpose,
    fields,
    exchangedAt,
    payloadDigest: payloadDigest === undefined ? '' : `${payloadDigest.algorithm}:${payloadDigest.value}`,
    dataSubject,
  };
}

/**
 * Reads one evidence request, as `evidence:notarise` takes it.
 * @param request - `{ algorithm, digest, caseReference?, provenance?: { source?, method?, witness? }, metadata?: { key: value } }` as JSON text
 * @returns the evidence, absent texts as `''`
 * @throws {Refusal} naming the field at fault
 */
export function readEvidence(request: string): LoggedEvidence {
  const body = RequestReader.parse(request, EVIDENCE_FIELDS);
  const algorithm = body.text('algorithm', { max: 16 });
  if (!isDigestAlgorithm(algorithm)) throw new Refusal('DIGEST_ALGORITHM', 'algorithm');
  const digest = body.text('digest', { max: 128 });
  if (!isDigestHex(algorithm, digest)) throw new Refusal('DIGEST_FORMAT', 'digest', `expected 64 lower-case hex characters for ${algorithm}`);
  const caseReference = body.optionalText('caseReference', { max: 128 }) ?? '';
  let provenance = { source: '', method: '', witness: '' };
  if (body.has('provenance')) {
    const nested = body.object('provenance', ['source', 'method', 'witness']);
    provenance = {
      source: nested.optionalText('source', { max: 512 }) ?? '',
      method: nested.optionalText('method', { max: 512 }) ?? '',
      witness: nested.optionalText('witness', { max: 512 }) ?? '',
    };
  }
  return { algorithm, digest, caseReference, ...provenance, metadata: body.textMap('metadata') };
}
