/**
 * The SuiTrust chaincode. `contracts` is what fabric-chaincode-node loads (one contract class per
 * domain); the pure rules are exported for the gateway and projections, so domain rules live once.
 */
import { RegistryContract } from './contracts/registryContract';
import { CertificateContract } from './contracts/certificateContract';
import { AuthorisationContract } from './contracts/authorisationContract';
import { CreditContract } from './contracts/creditContract';
import { EvidenceContract } from './contracts/evidenceContract';
import { BatchContract } from './contracts/batchContract';
import { AnchorContract } from './contracts/anchorContract';
import type { SuiTrustContract } from './ledger/suiTrustContract';

export { RegistryContract, CertificateContract, AuthorisationContract, CreditContract, EvidenceContract, AnchorContract, BatchContract };
export { BATCHABLE_OPERATIONS, MAX_BATCH_ITEMS, batchItemAggregate, type BatchItemResult } from './contracts/batchContract';

/** The contracts, in the order fabric-contract-api lists them; the first is the default. */
export const contracts: (new () => SuiTrustContract)[] = [
  CertificateContract,
  RegistryContract,
  AuthorisationContract,
  CreditContract,
  EvidenceContract,
  AnchorContract,
  BatchContract,
];

export { EVENT_NAME } from './ledger/suiTrustContract';
export { STATE, type StateType } from './ledger/stateKeys';
export { canonicalJson } from './ledger/canonicalJson';
export { ADMIN_MSP_ID, ROLES, type Role } from './ledger/access';
export { RULES, type RuleCode } from './rules/ruleCodes';
export { Refusal, type RefusalBody } from './rules/refusal';
export { checkCreditCode, creditCodeCheckCharacter, type CreditCodeCheck } from './rules/creditCode';
export { checkResidentId, requireResidentId, type ResidentIdCheck } from './rules/residentId';
export { parseCertificateId, formatCertificateId, type CertificateIdParts } from './rules/certificateId';
export { mod11_2, mod37_36 } from './rules/iso7064';
export { DIGEST_LENGTHS, isDigestHex, type DigestAlgorithm } from './rules/digest';
export { displayWindow, ruleTableAt, CREDIT_RULE_TABLES, NEGATIVE_CATEGORIES, type CreditCategory, type CreditSeverity, type DisplayWindow } from './rules/creditRules';
export { creditProfile, entryStanding, type CreditEntryFacts, type CreditProfile, type CreditStatusLevel, type EntryStanding } from './rules/creditStatus';
export { effectiveStatus, type EffectiveCertificateStatus } from './rules/certificateStatus';
export { authorisationAsOf, judgeExchange, type ExchangeRequest, type ExchangeVerdict } from './rules/authorisationRules';
export { dateOf, formatInstant, isDateText, parseInstant, startOfDate } from './rules/time';
export type * from './model/records';
export type * from './model/transparencyLogRecords';
export { readEvidence, readExchangeReport, EVIDENCE_SUBMITTER_ROLES, EXCHANGE_REPORTER_ROLES, FIELD_NAME, RESOURCE_CODE, type ExchangeReport, type LoggedEvidence } from './rules/logRecordRules';
export { judgeCheckpoint, logSuite, logVerifier, type AnchoredLog, type CheckpointSubmission, type CheckpointVerdict } from './rules/checkpointAnchoring';
