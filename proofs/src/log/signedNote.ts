/**
 * Signed notes, C2SP signed-note (https://c2sp.org/signed-note): UTF-8 text ending in a newline,
 * a blank line, then one signature line per key, `— <key name> <base64(key ID ‖ signature)>`.
 * The key ID is the first four bytes, big-endian, of SHA-256(key name ‖ 0x0A ‖ signature type ‖
 * public key), as the spec recommends; SHA-256 here is the note format's, not the log's hash,
 * whichever suite signs. Algorithms enter only through {@link NoteSigner} and
 * {@link NoteVerifier} (`suiteNoteKeys.ts` makes them from a crypto suite).
 *
 * Opening follows the spec's rules: the text ends at the last blank line; signatures from
 * unknown keys (name and ID not both known) are ignored; a known key's signature that fails
 * rejects the whole note; at least one known key must have signed. Pure and dependency-light
 * (`@noble/hashes` only) for the browser verifier and the chaincode.
 */
import { sha256 } from '@noble/hashes/sha2';
import { decodeBase64, encodeBase64 } from './base64';

/** A key that signs notes: its name, key ID and signing function. */
export interface NoteSigner {
  /** The key name: non-empty, no Unicode spaces, no `+`. */
  readonly name: string;
  /** The 32-bit key ID. */
  readonly keyId: number;
  /** Signs a message's bytes (for a note, its text) with the key's algorithm. */
  sign(message: Uint8Array): Uint8Array;
}

/** A trusted key that verifies notes: its name, key ID and verification function. */
export interface NoteVerifier {
  /** The key name. */
  readonly name: string;
  /** The 32-bit key ID. */
  readonly keyId: number;
  /** Whether `signature` is this key's signature of `message`; false for malformed input. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** One signature line of a note. */
export interface NoteSignature {
  /** The key name. */
  readonly name: string;
  /** The key ID. */
  readonly keyId: number;
  /** The signature bytes (after the key ID). */
  readonly signature: Uint8Array;
}

/** Why a note was refused. */
export type NoteFailureReason =
  /** Not UTF-8, a control character, no blank line before the signatures, or a malformed signature line. */
  | 'MALFORMED_NOTE'
  /** More than {@link MAX_NOTE_SIGNATURES} signature lines. */
  | 'TOO_MANY_SIGNATURES'
  /** A trusted key's signature does not verify: the whole note is rejected. */
  | 'INVALID_SIGNATURE'
  /** No signature from a trusted key. */
  | 'NO_TRUSTED_SIGNATURE';

/** The outcome of {@link openNote}. */
export type OpenedNote =
  | {
      readonly ok: true;
      /** The note text, final newline included. */
      readonly text: string;
      /** The signatures of trusted keys, all verified. */
      readonly verified: readonly NoteSignature[];
      /** The signatures of keys not in the trusted list, unverified. */
      readonly unverified: readonly NoteSignature[];
    }
  | { readonly ok: false; readonly reason: NoteFailureReason; readonly message: string };

/** Signature lines accepted in one note: the spec asks for at least 16; Go's `note` package accepts 100. */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 ';
const encoder = new TextEncoder();
/** ASCII control characters other than newline (signed-note: MUST NOT appear). */
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Unicode spaces (White_Space) and `+`, forbidden in key names. */
const NOT_IN_KEY_NAME = /[\s+\u0085]/u;

/**
 * Whether `name` may be a key name: non-empty, no Unicode space, no `+`, no control character.
 * @param name - the candidate.
 * @returns true when valid.
 */
export function isValidKeyName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !NOT_IN_KEY_NAME.test(name) && !CONTROL.test(name) && !LONE_SURROGATE.test(name);
}

/**
 * The recommended key ID: SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], big-endian.
 * @param name - the key name.
 * @param signatureType - the signature type identifier (one byte, or 0xff and a longer identifier).
 * @param publicKey - the public key's encoding for that type.
 * @returns the 32-bit key ID.
 */
export function noteKeyId(name: string, signatureType: Uint8Array, publicKey: Uint8Array): number {
  const nameBytes = encoder.encode(name);
  const input = new Uint8Array(nameBytes.length + 1 + signatureType.length + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input.set(signatureType, nameBytes.length + 1);
  input.set(publicKey, nameBytes.length + 1 + signatureType.length);
  const digest = sha256(input);
  return ((digest[0] as number) * 2 ** 24 + ((digest[1] as number) << 16) + ((digest[2] as number) << 8) + (digest[3] as number)) >>> 0;
}

/**
 * Signs a note text with each signer.
 * @param text - the text: non-empty, ending in a newline, valid UTF-8, no control character but newline.
 * @param signers - the keys; at least one.
 * @returns the signed note: the text, a blank line, one signature line per signer.
 * @throws {RangeError} when the text or a key name is not acceptable, or there is no signer.
 * @example
 * ```ts
 * const note = signNote('example.com/log\n5\nAbC…=\n', [signer]);
 * ```
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n')) throw new RangeError('text: expected non-empty text ending in a newline');
  if (CONTROL.test(text) || LONE_SURROGATE.test(text)) throw new RangeError('text: control characters (other than newline) and lone surrogates are not allowed');
  if (signers.length === 0) throw new RangeError('signers: expected at least one');
  if (signers.length > MAX_NOTE_SIGNATURES) throw new RangeError(`signers: expected at most ${MAX_NOTE_SIGNATURES}, got ${signers.length}`);
  const message = encoder.encode(text);
  let note = `${text}\n`;
  for (const signer of signers) {
    if (!isValidKeyName(signer.name)) throw new RangeError(`signer name: ${JSON.stringify(signer.name)} is not a valid key name`);
    const signature = signer.sign(message);
    const line = new Uint8Array(4 + signature.length);
    new DataView(line.buffer).setUint32(0, signer.keyId >>> 0);
    line.set(signature, 4);
    note += `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(line)}\n`;
  }
  return note;
}

/**
 * Opens a signed note: checks its form and the signatures of the trusted keys.
 * @param note - the signed note, as text or as UTF-8 bytes.
 * @param verifiers - the trusted keys.
 * @returns the text and the verified signatures, or why the note was refused.
 * @example
 * ```ts
 * const opened = openNote(note, [logVerifier]);
 * if (!opened.ok) throw new Error(`${opened.reason}: ${opened.message}`);
 * ```
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  let content: string;
  if (typeof note === 'string') {
    content = note;
  } else {
    try {
      content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
    } catch {
      return malformed('the note is not valid UTF-8');
    }
  }
  if (LONE_SURROGATE.test(content)) return malformed('the note is not valid Unicode text');
  if (CONTROL.test(content)) return malformed('the note contains a control character other than newline');
  const split = content.lastIndexOf('\n\n');
  if (split < 0) return malformed('no blank line separates the text from the signatures');
  const text = content.slice(0, split + 1);
  const block = content.slice(split + 2);
  if (!block.endsWith('\n')) return malformed('the last signature line does not end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) return { ok: false, reason: 'TOO_MANY_SIGNATURES', message: `${lines.length} signature lines; at most ${MAX_NOTE_SIGNATURES} are read` };
  const signatures: NoteSignature[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = parseSignatureLine(line);
    if (parsed === undefined) return malformed(`signature line ${i + 1} is not "— <key name> <base64 key ID and signature>"`);
    signatures.push(parsed);
  }
  const message = encoder.encode(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const signature of signatures) {
    const verifier = verifiers.find((v) => v.name === signature.name && v.keyId >>> 0 === signature.keyId);
    if (verifier === undefined) {
      unverified.push(signature);
      continue;
    }
    if (!verifier.verify(message, signature.signature)) {
      return { ok: false, reason: 'INVALID_SIGNATURE', message: `the signature of trusted key ${signature.name} (ID ${hex8(signature.keyId)}) does not verify` };
    }
    verified.push(signature);
  }
  if (verified.length === 0) {
    const seen = signatures.map((s) => `${s.name} (ID ${hex8(s.keyId)})`).join(', ');
    return { ok: false, reason: 'NO_TRUSTED_SIGNATURE', message: `no signature from a trusted key; signed by ${seen}` };
  }
  return { ok: true, text, verified, unverified };
}

function parseSignatureLine(line: string): NoteSignature | undefined {
  if (!line.startsWith(SIGNATURE_PREFIX)) return undefined;
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) return undefined;
  const name = rest.slice(0, space);
  const bytes = decodeBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || bytes === undefined || bytes.length < 5) return undefined;
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  return { name, keyId, signature: bytes.slice(4) };
}

function malformed(message: string): OpenedNote {
  return { ok: false, reason: 'MALFORMED_NOTE', message };
}

function hex8(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}
