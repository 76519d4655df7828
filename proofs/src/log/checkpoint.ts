/**
 * Checkpoints, C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): a signed note
 * (`signedNote.ts`) whose text is the log's origin, its tree size in decimal, and the base64 root
 * hash of the RFC 9162 tree at that size, each on its own line, then optional extension lines:
 *
 * ```
 * suitrust.example/exchanges
 * 8
 * XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
 *
 * — suitrust.example/exchanges <base64 of key ID ‖ signature>
 * ```
 *
 * (the SHA-256 root of the eight leaves of the RFC 9162 vectors in test/fixtures).
 *
 * The root's hash is whatever the log's suite uses (SM3 or SHA-256): this module checks only its
 * length. Verification opens the note before it reads the text (signed-note: "The text MUST be
 * ignored unless the note is signed by a trusted key"). Pure, for the browser verifier and the
 * chaincode's anchor contract.
 */
import { decodeBase64, encodeBase64 } from './base64';
import { openNote, signNote, type NoteFailureReason, type NoteSignature, type NoteSigner, type NoteVerifier } from './signedNote';

/** A log's tree head at one size. */
export interface Checkpoint {
  /** The log's identity, first line (e.g. `suitrust.example/exchanges`). */
  readonly origin: string;
  /** The tree size. */
  readonly size: number;
  /** The root hash of the tree at `size`. */
  readonly root: Uint8Array;
  /** Extension lines (opaque, non-empty; NOT RECOMMENDED by the spec). */
  readonly extensions?: readonly string[];
}

/** Why a checkpoint was refused: the note's reasons, or one of the checkpoint's own. */
export type CheckpointFailureReason =
  | NoteFailureReason
  /** The signed text is not origin, size and root lines (the message says which line). */
  | 'MALFORMED_CHECKPOINT'
  /** The checkpoint is of another log than the one expected. */
  | 'ORIGIN_MISMATCH';

/** The outcome of {@link verifyCheckpoint}. */
export type CheckpointVerification =
  | {
      readonly ok: true;
      /** The checkpoint. */
      readonly checkpoint: Checkpoint;
      /** The trusted keys' signatures, verified. */
      readonly verified: readonly NoteSignature[];
    }
  | { readonly ok: false; readonly reason: CheckpointFailureReason; readonly message: string };

/** The outcome of {@link parseCheckpoint}. */
export type ParsedCheckpoint =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly reason: 'MALFORMED_CHECKPOINT'; readonly message: string };

/** Options of {@link verifyCheckpoint}. */
export interface VerifyCheckpointOptions {
  /** The trusted keys: at least one must have signed. */
  readonly verifiers: readonly NoteVerifier[];
  /** The expected origin; any when omitted. */
  readonly origin?: string;
  /** Bytes of the root hash (32 for SM3 and SHA-256, the default). */
  readonly hashLength?: number;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * The note text of a checkpoint.
 * @param checkpoint - origin, size, root and optional extensions.
 * @returns `<origin>\n<size>\n<base64 root>\n` and one line per extension.
 * @throws {RangeError} when the origin is empty or holds a newline, the size is not a safe
 *   non-negative integer, or an extension line is empty or holds a newline.
 */
export function formatCheckpoint(checkpoint: Readonly<Checkpoint>): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n')) throw new RangeError('origin: expected a non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size: expected a non-negative safe integer, got ${size}`);
  if (!(root instanceof Uint8Array) || root.length === 0) throw new RangeError('root: expected hash bytes');
  for (const line of extensions) if (line.length === 0 || line.includes('\n')) throw new RangeError('extensions: expected non-empty lines');
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint's note text. Use {@link verifyCheckpoint} on a signed note: unsigned text
 * must not be trusted.
 * @param text - the note text, final newline included.
 * @param hashLength - bytes of the root hash; 32 unless told.
 * @returns the checkpoint, or which line is malformed.
 */
export function parseCheckpoint(text: string, hashLength = 32): ParsedCheckpoint {
  const fail = (message: string): ParsedCheckpoint => ({ ok: false, reason: 'MALFORMED_CHECKPOINT', message });
  if (!text.endsWith('\n')) return fail('the text does not end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return fail(`expected origin, size and root lines, got ${lines.length} line(s)`);
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) return fail('line 1: the origin is empty');
  if (!DECIMAL.test(sizeText)) return fail(`line 2: the size ${JSON.stringify(sizeText)} is not a decimal number without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return fail(`line 2: the size ${sizeText} is above 2^53 − 1`);
  const root = decodeBase64(rootText);
  if (root === undefined) return fail('line 3: the root is not canonical base64');
  if (root.length !== hashLength) return fail(`line 3: the root has ${root.length} bytes, expected ${hashLength}`);
  const empty = extensions.findIndex((line) => line.length === 0);
  if (empty >= 0) return fail(`line ${empty + 4}: extension lines must not be empty`);
  return { ok: true, checkpoint: extensions.length > 0 ? { origin, size, root, extensions } : { origin, size, root } };
}

/**
 * Signs a checkpoint.
 * @param checkpoint - origin, size, root.
 * @param signers - the log's key (named after the origin, as the spec recommends) and any others.
 * @returns the signed note.
 * @throws {RangeError} as {@link formatCheckpoint} and `signNote` do.
 * @example
 * ```ts
 * const note = signCheckpoint({ origin, size: log.size, root: await log.root() }, [logSigner]);
 * ```
 */
export function signCheckpoint(checkpoint: Readonly<Checkpoint>, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies a signed checkpoint: the note's signatures against the trusted keys, then its text.
 * @param note - the signed note (text or UTF-8 bytes).
 * @param options - trusted keys, expected origin, hash length.
 * @returns the checkpoint and its verified signatures, or the check that failed.
 * @example
 * ```ts
 * const result = verifyCheckpoint(note, { verifiers: [logVerifier], origin: 'suitrust.example/exchanges' });
 * if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
 * ```
 */
export function verifyCheckpoint(note: string | Uint8Array, options: Readonly<VerifyCheckpointOptions>): CheckpointVerification {
  const opened = openNote(note, options.verifiers);
  if (!opened.ok) return opened;
  const parsed = parseCheckpoint(opened.text, options.hashLength ?? 32);
  if (!parsed.ok) return parsed;
  if (options.origin !== undefined && parsed.checkpoint.origin !== options.origin) {
    return { ok: false, reason: 'ORIGIN_MISMATCH', message: `the checkpoint is of ${JSON.stringify(parsed.checkpoint.origin)}, expected ${JSON.stringify(options.origin)}` };
  }
  return { ok: true, checkpoint: parsed.checkpoint, verified: opened.verified };
}
