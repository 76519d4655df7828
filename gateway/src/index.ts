/**
 * The SuiTrust HTTP gateway: build it over a ledger client, callers and holder pseudonyms.
 */
export { buildGateway, type GatewayOptions, type GatewayTls } from './app';
export { certificateSubject, clientCertificateCallers, loadClientCertificateCallers, type ClientCertificateCallers, type ClientCertificateMapping } from './auth/clientCertificateCallers';
export { fabricLedgerClient, type FabricLedgerClientOptions } from './ledger/fabricLedgerClient';
export { coalescingLedgerClient, type CoalescingOptions } from './ledger/coalescingLedgerClient';
export type { LedgerClient, LedgerRequest, Committed, PreparedTransaction, Settlement, SubmitOptions } from './ledger/ledgerClient';
export { sqliteIdempotencyStore, DEFAULT_IDEMPOTENCY_TTL_MS, type SqliteIdempotencyStoreOptions } from './idempotency/sqliteIdempotencyStore';
export type { IdempotencyStore, ClaimOutcome, KeyClaim, PreparedRecord, StoredResponse } from './idempotency/idempotencyStore';
export { REPLAYED_HEADER } from './routes/ledgerRoute';
export { loadCallerDirectory, type Caller, type CallerDirectory } from './auth/callerCredentials';
export { loadHolderPseudonyms, type HolderPseudonyms } from './pseudonyms/holderPseudonyms';
export { ProblemError, type ProblemDetails } from './errors/problemError';
export { PROBLEM_TYPES, GATEWAY_PROBLEMS, problemType, type ProblemCode, type ProblemType } from './errors/problemTypes';
export { assembleLedgerProof, type LedgerProofRequest } from './proofs/assembleLedgerProof';
export type { CommitWitness, CommitQuestion, CommitTestimony } from './proofs/commitWitness';
export { peerCommitWitness, connectPeerWitness, readPeerSigningIdentity, type PeerCommitWitnessOptions, type PeerWitnessConnection, type PeerSigningIdentity, type ConnectedWitness } from './proofs/peerCommitWitness';
export { trustAnchorsFor, readOrganisationCertificates, type OrganisationCertificates, type TrustAnchorsRequest } from './proofs/trustAnchors';
export { LedgerProofError, type LedgerProofErrorCode } from './proofs/ledgerProofError';
export { openRecordLog, type AnchoredInclusion, type RecordLog, type RecordLogOptions } from './transparency/recordLog';
export { startAnchorBatcher, type AnchorBatcher, type AnchorBatcherOptions } from './transparency/anchorBatcher';
export { chainAnchors, type ChainAnchors, type CommittedAnchor, type LogRegistration } from './transparency/chainAnchors';
export { inclusionPromiseJson, type InclusionPromiseJson } from './transparency/proofJson';
export { seedDemo, demoCaseReference, DEFAULT_SEED_SCALE, SeedError, type SeedDemoOptions, type SeedScale, type SeedSummary } from './seed/seedDemo';
export { loadSeedCallers, SEED_PARTS, type SeedCaller, type SeedPart } from './seed/seedCallers';
export { demoCertificateId, demoDigest, demoEnterpriseCode, demoResidentId, demoTypeCode } from './seed/demoIdentifiers';
export { loadReceiptSigner, receiptSigner, RECEIPT_KEY_NAME, type ReceiptSigner, type ReceiptFields } from './receipts/receiptSigner';
export { connectLedgerProofSource, type LedgerProofSource, type ConnectedLedgerProofSource, type LedgerProofSourceOptions } from './proofs/ledgerProofSource';
export { profileNetworkProofs, type NetworkProofs } from './proofs/profileNetworkProofs';
export { transactionClaim, type ClaimSubject } from './proofs/transactionClaim';
export { proofJson } from './proofs/proofJson';
export { PROTOBUF_MEDIA_TYPE } from './routes/proofRoutes';
export { logBundles, type LogBundles, type LogBundlesOptions } from './proofs/logBundles';
export { logTrustedKey } from './transparency/logTrustedKey';
