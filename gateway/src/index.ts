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
export { loadReceiptSigner, receiptSigner, RECEIPT_KEY_NAME, type ReceiptSigner, type ReceiptFields } from './receipts/receiptSigner';
export { connectLedgerProofSource, type LedgerProofSource, type ConnectedLedgerProofSource, type LedgerProofSourceOptions } from './proofs/ledgerProofSource';
export { embeddedNetworkProofs, type NetworkProofs } from './proofs/embeddedNetworkProofs';
export { transactionClaim, type ClaimSubject } from './proofs/transactionClaim';
export { proofJson } from './proofs/proofJson';
export { PROTOBUF_MEDIA_TYPE } from './routes/proofRoutes';
