/**
 * `@suitrust/proofs`: the transparency log of SuiTrust (DESIGN.md, "Log proof") and what checks
 * its proofs offline.
 *
 * - The RFC 9162 §2.1 engine, generic over the suite's hash: tree heads, audit paths and
 *   consistency proofs, generated from any node store and verified step by step.
 * - C2SP signed notes and checkpoints, signed with the suite's key (Ed25519 or SM2).
 * - Signed inclusion promises, returned the moment an append is durable.
 * - The durable log itself: {@link openTransparencyLog}.
 *
 * The verifiers (`verifyInclusion`, `verifyConsistency`, `verifyCheckpoint`,
 * `verifyInclusionPromise`) and what they import use no Node module, so the chaincode and a
 * browser can bundle them alone.
 *
 * ```ts
 * import { openTransparencyLog, verifyCheckpoint, verifyInclusion } from '@suitrust/proofs';
 * const log = await openTransparencyLog({ directory, suite: await loadSuite('sm'), origin, signingKey });
 * ```
 */
export { createMerkleHasher, type HashFunction, type MerkleHasher } from './log/merkleHasher';
export { consistencyPath, hashRange, inclusionPath, merkleTreeHash, type NodeReader, type SubtreeReader } from './log/merkleTree';
export { memoryMerkleTree, type MemoryMerkleTree } from './log/memoryMerkleTree';
export { verifyInclusion, type InclusionClaim, type InclusionFailureReason, type InclusionVerification } from './log/verifyInclusion';
export { verifyConsistency, type ConsistencyClaim, type ConsistencyFailureReason, type ConsistencyVerification } from './log/verifyConsistency';
export {
  isValidKeyName,
  MAX_NOTE_SIGNATURES,
  noteKeyId,
  openNote,
  signNote,
  type NoteFailureReason,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './log/signedNote';
export {
  createNoteSigner,
  createNoteVerifier,
  formatVerifierKey,
  NOTE_SIGNATURE_TYPES,
  parseVerifierKey,
  type NoteSignerOptions,
  type NoteSuite,
  type NoteVerifierOptions,
  type SuiteNoteSigner,
  type SuiteNoteVerifier,
} from './log/suiteNoteKeys';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointFailureReason,
  type CheckpointVerification,
  type ParsedCheckpoint,
  type VerifyCheckpointOptions,
} from './log/checkpoint';
export {
  inclusionPromiseMessage,
  signInclusionPromises,
  verifyInclusionPromise,
  type InclusionPromise,
  type InclusionPromiseFailureReason,
  type InclusionPromiseVerification,
  type PromiseBatch,
  type SignInclusionPromisesOptions,
  type VerifyInclusionPromiseOptions,
} from './log/inclusionPromise';
export {
  MAX_RECORD_BYTES,
  openTransparencyLog,
  type ConsistencyProof,
  type InclusionProof,
  type SignedCheckpoint,
  type TransparencyLog,
  type TransparencyLogOptions,
} from './log/transparencyLog';
export type { LogRecovery, TruncatedFile } from './log/fileLogStore';
export { TransparencyLogError, type TransparencyLogErrorCode, type TransparencyLogErrorOptions } from './log/transparencyLogError';
