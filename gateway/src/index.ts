/**
 * The SuiTrust HTTP gateway: build it over a ledger client, callers and holder pseudonyms.
 */
export { buildGateway, type GatewayOptions } from './app';
export { fabricLedgerClient, type FabricLedgerClientOptions } from './ledger/fabricLedgerClient';
export { coalescingLedgerClient, type CoalescingOptions } from './ledger/coalescingLedgerClient';
export type { LedgerClient, LedgerRequest, Committed } from './ledger/ledgerClient';
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
