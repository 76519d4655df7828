/**
 * Checks of a bundle's transparency-log part (DESIGN.md, "Log proof": a record's proof is its
 * inclusion path to an anchored root plus the ledger proof of the anchor):
 *
 * - `log.leaf`: the leaf is the claimed record (its one canonical `LogRecord` encoding, stating
 *   exactly the claim's kind, record, time, submitter, statement and digest);
 * - `log.checkpoint.signature`: a trusted log key signed the checkpoint note (C2SP signed-note);
 * - `log.checkpoint`: the bundle's origin, size, root, hash and signatures are the signed note's,
 *   the origin is the signing key's name, and the hash the key's suite's;
 * - `log.inclusion`: the leaf hash is leaf `leaf_index` of the tree of the checkpoint's size and
 *   root (RFC 9162 §2.1.3.2, with the log's hash);
 * - `log.anchor`: the ledger proof's transaction is the anchor's, and it emitted
 *   `CheckpointAnchored` with the same origin, size, root and note. The ledger checks of the
 *   bundle establish that this transaction was endorsed, ordered and committed VALID.
 */
import { suitrust } from '@suitrust/proto';
import { parseCheckpoint, verifyCheckpoint, type Checkpoint } from '@suitrust/proofs/dist/log/checkpoint';
import { createMerkleHasher } from '@suitrust/proofs/dist/log/merkleHasher';
import { openNote } from '@suitrust/proofs/dist/log/signedNote';
import { verifyInclusion } from '@suitrust/proofs/dist/log/verifyInclusion';
import type { BundleCrypto } from './bundleCrypto';
import { bytesEqual, toHex } from './bytes';
import { failed, passed, type Check } from './check';
import { parseTransactionEnvelope } from './fabricMessages';
import { jsonEqual } from './jsonEqual';
import { logNoteVerifiers, noteKeyIdBytes, type LogNoteVerifier } from './logKeys';
import { logRecordClaim } from './logRecordClaim';

/** What the log checks need. */
export interface LogCheckInput {
  readonly log: suitrust.proofs.v1.ILogProof;
  readonly claim: suitrust.proofs.v1.IClaim | null | undefined;
  /** The ledger proof of the anchoring transaction. */
  readonly ledger: suitrust.proofs.v1.ILedgerProof;
  /** The trusted list, holding the log keys. */
  readonly trust: suitrust.proofs.v1.ITrustAnchors;
  readonly crypto: BundleCrypto;
}

/**
 * Every check of a log proof, named `log.…`.
 *
 * @param input - the log proof, the claim, the anchor's ledger proof, the trust list and the algorithms
 * @returns the checks
 */
export function logChecks(input: Readonly<LogCheckInput>): Check[] {
  const { log, crypto } = input;
  const checkpoint = log.checkpoint ?? {};
  const signature = checkpointSignatureCheck(checkpoint, input.trust, crypto);
  return [
    leafCheck(log.leaf ?? new Uint8Array(), input.claim),
    signature.check,
    checkpointFieldsCheck(checkpoint, signature.signer),
    inclusionCheck(log, crypto),
    anchorCheck(log, input.ledger),
  ];
}

function leafCheck(leaf: Uint8Array, claim: suitrust.proofs.v1.IClaim | null | undefined): Check {
  const name = 'log.leaf';
  if (!claim) return failed(name, 'the bundle carries no claim');
  let expected: ReturnType<typeof logRecordClaim>;
  try {
    expected = logRecordClaim(leaf);
  } catch (error) {
    return failed(name, (error as Error).message);
  }
  let statement: unknown;
  try {
    statement = JSON.parse(claim.statement ?? '');
  } catch {
    return failed(name, 'the claim\'s statement is not JSON');
  }
  const differences = [
    claim.kind !== expected.kind && `kind ${expected.kind}`,
    claim.recordId !== expected.recordId && `record ${expected.recordId}`,
    (Number(claim.recordedAt?.seconds ?? 0) !== expected.recordedAt.seconds || (claim.recordedAt?.nanos ?? 0) !== expected.recordedAt.nanos) && 'its appended-at time',
    (claim.recordedBy ?? '') !== expected.recordedBy && `submitter ${expected.recordedBy}`,
    !jsonEqual(statement, expected.statement) && 'its statement',
    ((claim.documentDigestAlgorithm ?? '') !== expected.documentDigestAlgorithm || (claim.documentDigest ?? '') !== expected.documentDigest) && `digest ${expected.documentDigestAlgorithm}:${expected.documentDigest}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  return differences.length === 0 ? passed(name, `the leaf is the ${expected.kind} ${expected.recordId}`) : failed(name, `the leaf records another ${differences.join(', ')} than the claim`);
}

function checkpointSignatureCheck(checkpoint: suitrust.proofs.v1.ILogCheckpoint, trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto): { check: Check; signer?: { key: LogNoteVerifier; checkpoint: Checkpoint } } {
  const name = 'log.checkpoint.signature';
  const { verifiers, problems } = logNoteVerifiers(trust, crypto);
  if (verifiers.length === 0) return { check: failed(name, `the trusted list has no usable log key${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`) };
  const verified = verifyCheckpoint(checkpoint.note ?? '', { verifiers });
  if (!verified.ok) return { check: failed(name, `${verified.reason}: ${verified.message}`) };
  const signature = verified.verified[0];
  const key = verifiers.find((candidate) => candidate.name === signature?.name && candidate.keyId === signature.keyId) as LogNoteVerifier;
  return { check: passed(name, `the checkpoint note is signed by log key ${key.name} (${key.algorithm})`), signer: { key, checkpoint: verified.checkpoint } };
}

function checkpointFieldsCheck(checkpoint: suitrust.proofs.v1.ILogCheckpoint, signer: { key: LogNoteVerifier; checkpoint: Checkpoint } | undefined): Check {
  const name = 'log.checkpoint';
  const note = checkpoint.note ?? '';
  // Without a trusted signature the note's text is only read, to name what differs.
  const split = note.lastIndexOf('\n\n');
  const parsed = signer ? { ok: true as const, checkpoint: signer.checkpoint } : parseCheckpoint(note.slice(0, split + 1));
  if (!parsed.ok) return failed(name, `the note is not a checkpoint: ${parsed.message}`);
  const signed = parsed.checkpoint;
  const differences = [
    checkpoint.origin !== signed.origin && `origin ${signed.origin}`,
    Number(checkpoint.size ?? 0) !== signed.size && `size ${signed.size}`,
    !bytesEqual(checkpoint.rootHash ?? new Uint8Array(), signed.root) && `root ${toHex(signed.root)}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  if (differences.length > 0) return failed(name, `the signed note states ${differences.join(', ')}, not the bundle's`);
  if (!signer) return failed(name, 'no trusted log key signed the note (see log.checkpoint.signature)');
  const opened = openNote(note, [signer.key]);
  const lines = opened.ok ? [...opened.verified, ...opened.unverified] : [];
  const unwritten = (checkpoint.signatures ?? []).filter((listed) => !lines.some((line) => line.name === listed.keyName && bytesEqual(noteKeyIdBytes(line.keyId), listed.keyId ?? new Uint8Array()) && bytesEqual(line.signature, listed.signature ?? new Uint8Array())));
  if (unwritten.length > 0) return failed(name, `the bundle lists signatures the note does not carry (${unwritten.map((listed) => listed.keyName ?? '').join(', ')})`);
  if (signed.origin !== signer.key.name) return failed(name, `the checkpoint is of ${signed.origin}, but the key that signed it is the log key of ${signer.key.name}`);
  if (checkpoint.hashAlgorithm !== signer.key.hashAlgorithm) return failed(name, `the bundle names the hash ${checkpoint.hashAlgorithm ?? ''}; a log signed with ${signer.key.algorithm} hashes with ${signer.key.hashAlgorithm}`);
  return passed(name, `${signed.origin} at size ${signed.size}, root ${toHex(signed.root)} (${signer.key.hashAlgorithm}), as signed`);
}

function inclusionCheck(log: suitrust.proofs.v1.ILogProof, crypto: BundleCrypto): Check {
  const name = 'log.inclusion';
  const checkpoint = log.checkpoint ?? {};
  const inclusion = log.inclusion ?? {};
  const algorithm = checkpoint.hashAlgorithm ?? '';
  const probe = crypto.hash(algorithm, new Uint8Array());
  if (!probe) return failed(name, `this verifier cannot compute ${algorithm || 'an unnamed'} hashes`);
  const hasher = createMerkleHasher({ hashLength: probe.length, hash: (data) => crypto.hash(algorithm, data) as Uint8Array });
  const treeSize = Number(inclusion.treeSize ?? 0);
  const size = Number(checkpoint.size ?? 0);
  if (treeSize !== size) return failed(name, `the proof is to a tree of size ${treeSize}, the checkpoint's is ${size}`);
  const leafIndex = Number(inclusion.leafIndex ?? 0);
  const outcome = verifyInclusion(hasher, { leafIndex, treeSize, leafHash: hasher.leafHash(log.leaf ?? new Uint8Array()), path: inclusion.path ?? [], root: checkpoint.rootHash ?? new Uint8Array() });
  return outcome.ok ? passed(name, `leaf ${leafIndex} of the ${algorithm} tree of size ${treeSize}`) : failed(name, `${outcome.reason}: ${outcome.message}`);
}

function anchorCheck(log: suitrust.proofs.v1.ILogProof, ledger: suitrust.proofs.v1.ILedgerProof): Check {
  const name = 'log.anchor';
  const checkpoint = log.checkpoint ?? {};
  if ((log.anchorTxId ?? '') !== (ledger.txId ?? '')) return failed(name, `the checkpoint was anchored by transaction ${log.anchorTxId ?? ''}, the ledger proof is of ${ledger.txId ?? ''}`);
  try {
    const event = parseTransactionEnvelope(ledger.envelope ?? new Uint8Array()).chaincodeEvent;
    if (!event) throw new Error('the anchoring transaction emitted no chaincode event');
    const batch = suitrust.events.v1.EventBatch.decode(event.payload);
    if (batch.txId !== ledger.txId || batch.channelId !== ledger.channelId) throw new Error(`the event batch is of transaction ${batch.txId} on ${batch.channelId}`);
    const anchored = batch.events.find((candidate) => candidate.checkpointAnchored)?.checkpointAnchored;
    if (!anchored) throw new Error(`transaction ${batch.txId} anchored no checkpoint`);
    const same =
      anchored.origin === checkpoint.origin &&
      Number(anchored.size) === Number(checkpoint.size ?? 0) &&
      anchored.rootHash === toHex(checkpoint.rootHash ?? new Uint8Array()) &&
      anchored.note === checkpoint.note;
    if (!same) throw new Error(`transaction ${batch.txId} anchored ${anchored.origin} at size ${String(anchored.size)}, root ${anchored.rootHash}, not the bundle's checkpoint`);
    return passed(name, `transaction ${batch.txId} anchored ${anchored.origin} at size ${String(anchored.size)}`);
  } catch (error) {
    return failed(name, (error as Error).message);
  }
}
