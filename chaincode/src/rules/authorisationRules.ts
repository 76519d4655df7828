/**
 * Whether an exchange of data may happen under a data-sharing authorisation. One pure rule,
 * used by the chaincode's approval and, for reported exchanges, by the projections that judge
 * them: consumer, resource, purpose, fields in scope, validity time, revocation and use limit.
 * A report is judged against the authorisation as it stood when the exchange happened
 * ({@link authorisationAsOf}), not as it stands when the report is read.
 */
import type { AuthorisationRecord } from '../model/records';
import type { RuleCode } from './ruleCodes';
import { parseInstant } from './time';

/** An exchange as it is asked for or reported. */
export interface ExchangeRequest {
  /**
   * The providing department, when the exchange names one (a report does; an approval is asked
   * by the provider itself, whose identity the contract checks).
   */
  readonly provider?: string;
  readonly consumer: string;
  readonly resourceCode: string;
  readonly purpose: string;
  readonly fields: readonly string[];
}

/** The verdict on an exchange: allowed, or the rule it breaks and the field at fault. */
export type ExchangeVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly rule: RuleCode; readonly field: string; readonly detail: string };

/** Whether the authorisation is in force at `at` (ms since the epoch). */
export function authorisationInForce(authorisation: AuthorisationRecord, at: number): ExchangeVerdict {
  if (authorisation.status === 'revoked') return refuse('AUTHORISATION_REVOKED', 'authorisationId', 'the authorisation has been revoked');
  if (at < (parseInstant(authorisation.validFrom) as number)) {
    return refuse('AUTHORISATION_NOT_YET_VALID', 'authorisationId', `the authorisation is valid from ${authorisation.validFrom}`);
  }
  if (at >= (parseInstant(authorisation.validUntil) as number)) {
    return refuse('AUTHORISATION_EXPIRED', 'authorisationId', `the authorisation expired at ${authorisation.validUntil}`);
  }
  return { ok: true };
}

/**
 * Judges an exchange against an authorisation at instant `at`.
 * @param usesSoFar - approved uses before this one (the authorisation's own count)
 */
export function judgeExchange(authorisation: AuthorisationRecord, exchange: ExchangeRequest, at: number, usesSoFar = authorisation.uses): ExchangeVerdict {
  const inForce = authorisationInForce(authorisation, at);
  if (!inForce.ok) return inForce;
  if (exchange.provider !== undefined && exchange.provider !== authorisation.provider) {
    return refuse('ACCESS_NOT_PROVIDER', 'provider', 'the provider is not the one the authorisation names');
  }
  if (exchange.consumer !== authorisation.consumer) {
    return refuse('AUTHORISATION_CONSUMER_MISMATCH', 'consumer', 'the consumer is not the one the authorisation names');
  }
  if (exchange.resourceCode !== authorisation.resourceCode) {
    return refuse('AUTHORISATION_RESOURCE_MISMATCH', 'resourceCode', `the authorisation covers ${authorisation.resourceCode}`);
  }
  if (exchange.purpose !== authorisation.purpose) {
    return refuse('AUTHORISATION_PURPOSE_MISMATCH', 'purpose', 'data may be used only for the authorised purpose');
  }
  const outside = exchange.fields.filter((field) => !authorisation.fields.includes(field));
  if (outside.length > 0) {
    return refuse('AUTHORISATION_SCOPE_EXCEEDED', 'fields', `outside the authorised scope: ${outside.join(', ')}`);
  }
  if (authorisation.useLimit > 0 && usesSoFar >= authorisation.useLimit) {
    return refuse('AUTHORISATION_USE_LIMIT', 'authorisationId', `all ${authorisation.useLimit} uses have been made`);
  }
  return { ok: true };
}

/**
 * The authorisation as it stood at instant `at`: revoked only when its revocation took effect at
 * or before `at` (an exchange made before a revocation was covered), with `usesSoFar` uses.
 * @param revokedAt - when it was revoked (canonical ISO 8601), `undefined` if it never was
 */
export function authorisationAsOf(authorisation: AuthorisationRecord, revokedAt: string | undefined, at: number, usesSoFar: number): AuthorisationRecord {
  const revoked = revokedAt !== undefined && (parseInstant(revokedAt) as number) <= at;
  return { ...authorisation, status: revoked ? 'revoked' : 'active', uses: usesSoFar };
}

function refuse(rule: RuleCode, field: string, detail: string): ExchangeVerdict {
  return { ok: false, rule, field, detail };
}
