/**
 * Whether a signed checkpoint may be anchored on chain (DESIGN.md, "Log proof": the chaincode
 * accepts a new anchor only with a valid consistency proof from the previous one, so a log can
 * only grow). The note is opened with the log's registered key before its text is read (C2SP
 * signed-note), then its tree must extend the last anchored tree by RFC 9162 §2.1.4.2.
 *
 * Pure and deterministic: verification only, SM2 or Ed25519 over `@suitrust/crypto`'s signing
 * suites (no WebAssembly), and the verifiers of `@suitrust/proofs`, which import no Node module.
 */
import { fromHex, signingSuite, toHex, type SigningSuite, type SuiteName } from '@suitrust/crypto';
import { createMerkleHasher, parseVerifierKey, verifyCheckpoint, verifyConsistency, type Checkpoint, type SuiteNoteVerifier } from '@suitrust/proofs';
import type { DigestAlgorithm } from './digest';
import type { RuleCode } from './ruleCodes';
import type { TreeHead } from '../model/transparencyLogRecords';

/** The suite whose hash each log hash algorithm is: a log signs with the same suite. */
const SUITE_OF_HASH: Readonly<Record<DigestAlgorithm, SuiteName>> = { sm3: 'sm', sha256: 'std' };

/**
 * One suite per hash for the process's life: the SM2 engine builds its precomputed tables on first
 * use, so a verification takes ≈ 4 ms with a kept suite and ≈ 75 ms with a fresh one (measured on
 * the project's 2-core machine). The suites hold no state that changes a result.
 */
const SUITES = new Map<DigestAlgorithm, SigningSuite>();

/** What {@link judgeCheckpoint} needs of the registered log. */
export interface AnchoredLog {
  readonly origin: string;
  readonly hashAlgorithm: DigestAlgorithm;
  readonly verifierKey: string;
  /** The last anchored tree head; `undefined` before the first anchor. */
  readonly latest?: TreeHead;
}

/** A checkpoint offered for anchoring. */
export interface CheckpointSubmission {
  /** The signed checkpoint note. */
  readonly note: string;
  /** The consistency proof from the last anchored size, as lower-case hex hashes. */
  readonly consistencyProof: readonly string[];
}

/** The outcome of {@link judgeCheckpoint}. */
export type CheckpointVerdict =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly head: TreeHead; readonly previous: TreeHead }
  | { readonly ok: false; readonly rule: RuleCode; readonly field: string; readonly detail: string };

/**
 * The hash-and-signature suite of a log's hash algorithm.
 * @param hashAlgorithm - `sm3` or `sha256`.
 * @returns the suite (SM3 with SM2, or SHA-256 with Ed25519).
 */
export function logSuite(hashAlgorithm: DigestAlgorithm): SigningSuite {
  let suite = SUITES.get(hashAlgorithm);
  if (suite === undefined) {
    suite = signingSuite(SUITE_OF_HASH[hashAlgorithm]);
    SUITES.set(hashAlgorithm, suite);
  }
  return suite;
}

/**
 * Reads a log's verifier key for its hash algorithm's suite.
 * @param hashAlgorithm - the log's hash.
 * @param verifierKey - `<name>+<hex key ID>+<base64(type ‖ public key)>`.
 * @returns the verifier, or `undefined` when the key is malformed or of another suite's signature type.
 */
export function logVerifier(hashAlgorithm: DigestAlgorithm, verifierKey: string): SuiteNoteVerifier | undefined {
  return parseVerifierKey(logSuite(hashAlgorithm), verifierKey);
}

/**
 * Judges a checkpoint offered for anchoring against the registered log and its last anchor.
 * @param log - origin, hash algorithm, verifier key and last anchored head of the log.
 * @param submission - the signed note and the consistency proof from the last anchored size.
 * @returns the verified checkpoint, its head and the head it extends (size 0 and the empty
 *   tree's root before the first anchor), or the rule it breaks.
 */
export function judgeCheckpoint(log: AnchoredLog, submission: CheckpointSubmission): CheckpointVerdict {
  const verifier = logVerifier(log.hashAlgorithm, log.verifierKey);
  if (verifier === undefined) return refuse('LOG_VERIFIER_KEY', 'origin', 'the registered verifier key cannot be read');
  const suite = logSuite(log.hashAlgorithm);
  const opened = verifyCheckpoint(submission.note, { verifiers: [verifier], origin: log.origin, hashLength: suite.hashLength });
  if (!opened.ok) {
    if (opened.reason === 'MALFORMED_CHECKPOINT') return refuse('CHECKPOINT_FORMAT', 'note', opened.message);
    if (opened.reason === 'ORIGIN_MISMATCH') return refuse('CHECKPOINT_ORIGIN', 'note', opened.message);
    return refuse('CHECKPOINT_SIGNATURE', 'note', `${opened.reason}: ${opened.message}`);
  }
  const { checkpoint } = opened;
  const head: TreeHead = { size: checkpoint.size, rootHash: toHex(checkpoint.root) };
  const proof: Uint8Array[] = [];
  for (const [index, hex] of submission.consistencyProof.entries()) {
    if (!new RegExp(`^[0-9a-f]{${suite.hashLength * 2}}$`).test(hex)) {
      return refuse('INPUT_FORMAT', `consistencyProof[${index}]`, `expected ${suite.hashLength * 2} lower-case hex characters`);
    }
    proof.push(fromHex(hex));
  }
  const hasher = createMerkleHasher(suite);
  const latest = log.latest ?? { size: 0, rootHash: toHex(hasher.emptyRoot()) };
  if (head.size < latest.size) {
    return refuse('ANCHOR_SIZE_DECREASED', 'note', `the checkpoint's size ${head.size} is below the anchored size ${latest.size}`);
  }
  if (head.size === latest.size) {
    return head.rootHash === latest.rootHash
      ? refuse('ANCHOR_NOT_NEWER', 'note', `size ${head.size} with this root is already anchored`)
      : refuse('ANCHOR_ROOT_CONFLICT', 'note', `size ${head.size} is anchored with another root: the log forked`);
  }
  const consistent = verifyConsistency(hasher, {
    firstSize: latest.size,
    firstRoot: fromHex(latest.rootHash),
    secondSize: head.size,
    secondRoot: checkpoint.root,
    proof,
  });
  if (!consistent.ok) {
    return refuse('ANCHOR_INCONSISTENT', 'consistencyProof', `${consistent.reason}: ${consistent.message} (from anchored size ${latest.size})`);
  }
  return { ok: true, checkpoint, head, previous: latest };
}

function refuse(rule: RuleCode, field: string, detail: string): CheckpointVerdict {
  return { ok: false, rule, field, detail };
}
