/**
 * SuiTrust's offline proof verifier: pure functions over proof messages, with no Node module and
 * no server, so a court runs it alone, from a CLI or in a browser page.
 */
export { verifyLedgerProof } from './verifyLedgerProof';
export type { Check, Verification } from './check';
export { encodeCommitStatement, type CommitStatementFields } from './commitStatement';
export { WITNESS_SIGNATURE_ALGORITHM } from './attestationChecks';
export { blockHeaderBytes, blockHeaderHash, blockDataHash, type HeaderFields } from './blockHeaderHash';
export { envelopeTxId } from './fabricMessages';
export type { EndorsementRule } from './transactionChecks';
export { verifyBundle, BUNDLE_VERSION, type BundleVerificationOptions } from './verifyBundle';
export { portableBundleCrypto, type BundleCrypto } from './bundleCrypto';
export { verifyResponseReceipt, RECEIPT_HEADER } from './verifyResponseReceipt';
export { RECEIPT_DIGEST_ALGORITHMS } from './receiptChecks';
export { parseTransactionEnvelope, type TransactionEnvelope, type ChaincodeEvent } from './fabricMessages';
export { logRecordClaim, type LogRecordClaim } from './logRecordClaim';
export { LOG_HASH_ALGORITHMS, noteKeyIdBytes } from './logKeys';
