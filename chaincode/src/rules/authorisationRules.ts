/**
 * Whether an exchange of data may happen under a data-sharing authorisation. One pure rule,
 * used by the chaincode's approval and, for reported exchanges, by the projections that judge
 * them: consumer, resource, purpose, fields in scope, validity time, revocation and use limit.
 */
import type { AuthorisationRecord } from '../model/records';
import type { RuleCode } from './ruleCodes';
import { parseInstant } from './time';

/** An exchange as it is asked for or reported. */
export interface ExchangeRequest {
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

function refuse(rule: RuleCode, field: string, detail: string): ExchangeVerdict {
  return { ok: false, rule, field, detail };
}
