/**
 * Rules no request through fabric-gateway can provoke on the ledgers the suite runs against,
 * each with the reason; every other rule has a refusal case.
 */
import type { RuleCode } from '@suitrust/chaincode';

/** Why each unreachable rule cannot be provoked. */
export const UNREACHABLE_RULES: Readonly<Partial<Record<RuleCode, string>>> = {
  RESIDENT_ID_FORMAT: 'no contract operation takes a resident identity number: the gateway pseudonymises it first',
  RESIDENT_ID_CHECK: 'no contract operation takes a resident identity number: the gateway pseudonymises it first',
  RESIDENT_ID_BIRTH_DATE: 'no contract operation takes a resident identity number: the gateway pseudonymises it first',
  ACCESS_DEPARTMENT: 'every identity the network material enrols carries a valid dept attribute',
  ACCESS_NOT_ISSUER: 'the network material enrols one issuing department, so no other issuer can change its certificates',
};
