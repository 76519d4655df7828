/**
 * The one registry of HTTP-facing error codes (RFC 9457 problem types): every refusal rule of
 * the chaincode, and the gateway's own codes, each with its status and title. A problem's `type`
 * is `/problems/<code>`, which the gateway serves, so clients branch on stable codes.
 */
import { RULES, type RuleCode } from '@suitrust/chaincode';

/** The gateway's own error codes, besides the chaincode's rule codes. */
export const GATEWAY_PROBLEMS = {
  REQUEST_SCHEMA: { status: 400, title: 'the request does not match its schema' },
  REQUEST_BODY: { status: 400, title: 'the request body is not valid JSON' },
  REQUEST_TOO_LARGE: { status: 413, title: 'the request body is too large' },
  REQUEST_URL: { status: 400, title: 'the request URL is malformed' },
  REQUEST_URL_TOO_LONG: { status: 414, title: 'a path parameter of the request URL is too long' },
  AUTH_REQUIRED: { status: 401, title: 'the request carries no credentials' },
  AUTH_INVALID: { status: 401, title: 'the credentials are not valid' },
  ROUTE_UNKNOWN: { status: 404, title: 'no such resource' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'the resource does not allow this method' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'the idempotency key was used for a different request' },
  IDEMPOTENCY_KEY_IN_FLIGHT: { status: 409, title: 'a request with the same idempotency key is still being processed' },
  IDEMPOTENCY_KEY_FORMAT: { status: 400, title: 'an idempotency key is 8 to 128 characters of letters, digits, - and _' },
  LEDGER_CONFLICT: { status: 409, title: 'the transaction kept conflicting with concurrent ones; retry it' },
  LEDGER_INVALID: { status: 409, title: 'the ledger recorded the transaction as invalid' },
  LEDGER_UNAVAILABLE: { status: 503, title: 'the ledger cannot be reached now; retry later' },
  LOG_UNAVAILABLE: { status: 503, title: 'the transparency log cannot take records now; retry later' },
  LOG_RANGE: { status: 400, title: 'the log sizes must satisfy from ≤ to ≤ the log\'s size' },
  LOG_RECORD_UNKNOWN: { status: 404, title: 'the transparency log holds no record at this index' },
  LOG_RECORD_NOT_ANCHORED: { status: 409, title: 'the record is not yet covered by an anchored checkpoint; retry after the next anchor' },
  PROOF_TRANSACTION_UNKNOWN: { status: 404, title: 'the channel holds no transaction with that id' },
  PROOF_NOT_SUITRUST: { status: 422, title: 'the transaction recorded no SuiTrust event, so there is no claim to prove' },
  PROOF_UNAVAILABLE: { status: 503, title: 'the proof cannot be assembled now (a peer or witness does not answer or disagrees); retry later' },
  INTERNAL: { status: 500, title: 'the gateway failed to process the request' },
} as const;

/** A gateway error code. */
export type GatewayProblemCode = keyof typeof GATEWAY_PROBLEMS;

/** Any problem code the gateway answers with. */
export type ProblemCode = RuleCode | GatewayProblemCode;

/** Status and title of a problem code. */
export interface ProblemType {
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
}

const CONFLICT_RULES: readonly RuleCode[] = [
  'CERTIFICATE_TYPE_EXISTS',
  'ISSUER_ALREADY_AUTHORISED',
  'LEGACY_CODE_EXISTS',
  'CERTIFICATE_EXISTS',
  'CERTIFICATE_STATUS_TRANSITION',
  'AUTHORISATION_REVOKED',
  'CREDIT_DECISION_EXISTS',
  'CREDIT_ALREADY_REPAIRED',
  'EVIDENCE_DUPLICATE',
  'LOG_EXISTS',
  'ANCHOR_NOT_NEWER',
  'ANCHOR_ROOT_CONFLICT',
  'ANCHOR_SIZE_DECREASED',
];

/** The HTTP status of a chaincode rule: what kind of client mistake breaking it is. */
function ruleStatus(rule: RuleCode): number {
  if (rule.startsWith('INPUT_') || /_(FORMAT|CHECK|ALGORITHM|BIRTH_DATE)$/.test(rule)) return 400;
  if (rule.startsWith('ACCESS_')) return 403;
  if (rule.endsWith('_UNKNOWN')) return 404;
  if (CONFLICT_RULES.includes(rule)) return 409;
  return 422;
}

/** Every problem type, chaincode rules first. */
export const PROBLEM_TYPES: readonly ProblemType[] = [
  ...(Object.entries(RULES) as [RuleCode, string][]).map(([code, title]) => ({ code, status: ruleStatus(code), title })),
  ...(Object.entries(GATEWAY_PROBLEMS) as [GatewayProblemCode, { status: number; title: string }][]).map(([code, { status, title }]) => ({ code, status, title })),
];

const BY_CODE = new Map(PROBLEM_TYPES.map((type) => [type.code, type]));

/** The problem type of a code. */
export function problemType(code: ProblemCode): ProblemType {
  return BY_CODE.get(code) as ProblemType;
}

/** Whether `code` is a registered problem code. */
export function isProblemCode(code: string): code is ProblemCode {
  return BY_CODE.has(code as ProblemCode);
}
