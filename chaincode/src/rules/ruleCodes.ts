/**
 * Every rule a refusal can name. The codes are stable: the gateway maps each one to an
 * RFC 9457 problem type, and clients may branch on them. Add codes; never rename or reuse one.
 */
export const RULES = {
  // Input shape.
  INPUT_JSON: 'the request must be one JSON object',
  INPUT_UNKNOWN_FIELD: 'the request may contain only the documented fields',
  INPUT_REQUIRED: 'the field is required',
  INPUT_TYPE: 'the field has the wrong type',
  INPUT_LENGTH: 'the field is too short or too long',
  INPUT_FORMAT: 'the field does not match its format',
  INPUT_ENUM: 'the field must be one of the listed values',
  INPUT_TIME: 'the field must be an ISO 8601 instant with a time zone',
  INPUT_DATE: 'the field must be a calendar date YYYY-MM-DD',
  INPUT_PERIOD: 'a period must end after it starts',
  INPUT_DUPLICATE_ITEM: 'a list must not repeat an item',
  // Identifiers with check characters.
  CREDIT_CODE_FORMAT: 'a unified social credit code has 18 characters of 0-9A-HJ-NPQRTUWXY (GB 32100-2015)',
  CREDIT_CODE_CHECK: 'the check character of the unified social credit code is wrong (GB 32100-2015)',
  RESIDENT_ID_FORMAT: 'a resident identity number is 17 digits and a check character 0-9 or X (GB 11643-1999)',
  RESIDENT_ID_CHECK: 'the check character of the resident identity number is wrong (ISO 7064 MOD 11-2)',
  RESIDENT_ID_BIRTH_DATE: 'the birth date inside the resident identity number is not a real date',
  CERTIFICATE_ID_FORMAT: 'a certificate identifier is 1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check> (GB/T 36904-2018)',
  CERTIFICATE_ID_CHECK: 'the check character of the certificate identifier is wrong (ISO/IEC 7064 MOD 37,36)',
  DIGEST_ALGORITHM: 'the digest algorithm must be sm3 or sha256',
  DIGEST_FORMAT: 'a digest is lower-case hex of its algorithm\'s length',
  PSEUDONYM_FORMAT: 'a pseudonym is 64 lower-case hex characters (a keyed HMAC, never an identifier in clear)',
  // Access control.
  ACCESS_ROLE: 'the caller\'s certificate lacks the role this operation requires',
  ACCESS_DEPARTMENT: 'the caller\'s certificate lacks a valid department attribute',
  ACCESS_ADMIN_ORGANISATION: 'only the administrator organisation may do this',
  ACCESS_NOT_AUTHORISED_ISSUER: 'the caller\'s department is not authorised to issue this certificate type',
  ACCESS_NOT_ISSUER: 'only the issuing department may change a certificate\'s status',
  ACCESS_NOT_PROVIDER: 'only the providing department may do this',
  ACCESS_NOT_PARTY: 'only the providing or consuming department may record a data subject\'s grant',
  ACCESS_NOT_GRANTOR: 'only the providing department or the department that recorded the grant may revoke it',
  ACCESS_NOT_SOURCE: 'only the source department may correct or repair its credit record',
  // Registry.
  CERTIFICATE_TYPE_EXISTS: 'the certificate type is already registered',
  CERTIFICATE_TYPE_UNKNOWN: 'no such certificate type',
  ISSUER_ALREADY_AUTHORISED: 'the department is already authorised for this type',
  ISSUER_NOT_AUTHORISED: 'the department is not authorised for this type',
  LEGACY_CODE_EXISTS: 'the credit code is already on the accepted list',
  LEGACY_CODE_VALID: 'only a code that fails its check character needs to be listed',
  // Certificates.
  CERTIFICATE_EXISTS: 'a certificate with this identifier exists',
  CERTIFICATE_UNKNOWN: 'no such certificate',
  CERTIFICATE_ISSUER_MISMATCH: 'the identifier\'s issuer code must be the caller\'s department',
  CERTIFICATE_PREVIOUS_MISMATCH: 'a renewal must link to a certificate of the same type and holder',
  CERTIFICATE_STATUS_TRANSITION: 'the certificate\'s status does not allow this change',
  CERTIFICATE_NOT_VALID: 'the certificate is not valid at the transaction time',
  MATTERS_DAY_IN_FUTURE: 'matters handled can be reported only for a day that has begun (China Standard Time)',
  // Data-sharing authorisations.
  RESOURCE_NOT_SHAREABLE: 'a resource classed not shared cannot be authorised',
  CONSENT_REQUIRED: 'a data subject\'s grant must carry the digest of the consent document',
  AUTHORISATION_UNKNOWN: 'no such authorisation',
  AUTHORISATION_REVOKED: 'the authorisation has been revoked',
  AUTHORISATION_NOT_YET_VALID: 'the authorisation is not yet valid',
  AUTHORISATION_EXPIRED: 'the authorisation has expired',
  AUTHORISATION_CONSUMER_MISMATCH: 'the consumer is not the one the authorisation names',
  AUTHORISATION_RESOURCE_MISMATCH: 'the data resource is not the one the authorisation names',
  AUTHORISATION_PURPOSE_MISMATCH: 'data may be used only for the authorised purpose',
  AUTHORISATION_SCOPE_EXCEEDED: 'the exchange asks for fields outside the authorised scope',
  AUTHORISATION_USE_LIMIT: 'the authorisation\'s use limit is reached',
  // Credit.
  CREDIT_SEVERITY_CATEGORY: 'the severity does not fit the category',
  CREDIT_DISPLAY_BOUNDS: 'the stated display period lies outside the rule\'s bounds',
  CREDIT_DECISION_EXISTS: 'the source department already recorded this decision',
  CREDIT_EVENT_UNKNOWN: 'no such credit event',
  CREDIT_ALREADY_REPAIRED: 'the credit event has already been repaired',
  CREDIT_NOT_REPAIRABLE: 'only a published negative entry can be repaired',
  CREDIT_REPAIR_TOO_EARLY: 'repair is possible only after the rule\'s minimum display period',
  CREDIT_DECISION_IN_FUTURE: 'a decision date cannot lie after the transaction time',
  // Evidence.
  EVIDENCE_DUPLICATE: 'this digest has already been notarised',
  EVIDENCE_UNKNOWN: 'no evidence with this digest',
  // Transparency logs and their anchors.
  LOG_EXISTS: 'a transparency log with this origin is already registered',
  LOG_UNKNOWN: 'no transparency log with this origin is registered',
  LOG_VERIFIER_KEY: 'the verifier key must be a signed-note key of the log hash\'s suite (sm3: SM2, sha256: Ed25519)',
  CHECKPOINT_FORMAT: 'the signed text is not a checkpoint: origin, size and root lines (C2SP tlog-checkpoint)',
  CHECKPOINT_ORIGIN: 'the checkpoint is of another log than the one named',
  CHECKPOINT_SIGNATURE: 'the checkpoint is not signed by the log\'s registered key',
  ANCHOR_SIZE_DECREASED: 'a checkpoint smaller than the anchored one cannot be anchored: a log only grows',
  ANCHOR_NOT_NEWER: 'this checkpoint is already the anchored one',
  ANCHOR_ROOT_CONFLICT: 'the anchored size has another root: two histories of one log (a fork)',
  ANCHOR_INCONSISTENT: 'the consistency proof does not show the checkpoint extends the anchored one (RFC 9162 §2.1.4.2)',
  // Routing.
  TRANSACTION_UNKNOWN: 'the chaincode has no such transaction',
} as const;

/** A stable rule code. */
export type RuleCode = keyof typeof RULES;
