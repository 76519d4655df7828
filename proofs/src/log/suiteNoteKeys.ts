/**
 * The crypto suites' constants for signed notes (C2SP signed-note, "Signature types"): which
 * signature type identifier and which public-key bytes enter each key ID, and the `vkey` text
 * form in which a verifier's key is handed around (`<name>+<hex key ID>+<base64(type ‖ key)>`,
 * as Go's `golang.org/x/mod/sumdb/note` writes it).
 *
 * - `ed25519` (the `std` suite): type `0x01`, the 32-byte RFC 8032 public key, signatures over the
 *   note text: exactly the spec's Ed25519 notes, which any C2SP verifier accepts.
 * - `sm2` (the `sm` suite): the spec assigns SM2 no byte, so it takes `0xff` ("signature types
 *   without an identifier byte assigned by this specification"), followed as recommended by a
 *   longer identifier unlikely to collide: the ASCII OID of SM2-with-SM3 signatures,
 *   `1.2.156.10197.1.501` (GM/T 0006). The public key is the 65-byte uncompressed point
 *   `04 ‖ x ‖ y`; the signature is the suite's DER `SEQUENCE { r, s }` (GM/T 0009) over the note
 *   text with Z_A computed for the default user ID `1234567812345678` (GB/T 32918.2 §5.5).
 */
import type { CryptoSuite } from '@suitrust/crypto';
import { decodeBase64, encodeBase64 } from './base64';
import { bytesEqual } from './bytesEqual';
import { isValidKeyName, noteKeyId, type NoteSigner, type NoteVerifier } from './signedNote';

/** The signature type identifier of each suite's signature algorithm. */
export const NOTE_SIGNATURE_TYPES: Readonly<Record<CryptoSuite['signatureAlgorithm'], Uint8Array>> = {
  ed25519: Uint8Array.of(0x01),
  sm2: Uint8Array.of(0xff, ...new TextEncoder().encode('1.2.156.10197.1.501')),
};

/** What a note key needs of a suite: its signature algorithm and functions (a `CryptoSuite` is one). */
export type NoteSuite = Pick<CryptoSuite, 'signatureAlgorithm' | 'sign' | 'verify' | 'publicKeyOf'>;

/** A note signer that also tells its public key, to publish as a verifier key. */
export interface SuiteNoteSigner extends NoteSigner {
  /** The signature type identifier. */
  readonly signatureType: Uint8Array;
  /** The raw public key. */
  readonly publicKey: Uint8Array;
}

/** A note verifier made from a suite and a public key. */
export interface SuiteNoteVerifier extends NoteVerifier {
  /** The signature type identifier. */
  readonly signatureType: Uint8Array;
  /** The raw public key. */
  readonly publicKey: Uint8Array;
}

/** Options of {@link createNoteSigner}. */
export interface NoteSignerOptions {
  /** The suite that signs. */
  readonly suite: NoteSuite;
  /** The key name; for a log's checkpoints, its origin (C2SP tlog-checkpoint). */
  readonly name: string;
  /** The raw private key of the suite's signature algorithm. */
  readonly privateKey: Uint8Array;
}

/** Options of {@link createNoteVerifier}. */
export interface NoteVerifierOptions {
  /** The suite that verifies. */
  readonly suite: NoteSuite;
  /** The key name. */
  readonly name: string;
  /** The raw public key of the suite's signature algorithm. */
  readonly publicKey: Uint8Array;
}

/**
 * A note signer of a suite's key.
 * @param options - suite, key name, private key.
 * @returns the signer.
 * @throws {RangeError} when the name is not a valid key name.
 * @example
 * ```ts
 * const signer = createNoteSigner({ suite, name: 'suitrust.example/exchanges', privateKey });
 * const note = signNote(text, [signer]);
 * ```
 */
export function createNoteSigner(options: Readonly<NoteSignerOptions>): SuiteNoteSigner {
  const { suite, name, privateKey } = options;
  if (!isValidKeyName(name)) throw new RangeError(`name: ${JSON.stringify(name)} is not a valid key name (non-empty, no spaces, no "+")`);
  const signatureType = NOTE_SIGNATURE_TYPES[suite.signatureAlgorithm];
  const publicKey = suite.publicKeyOf(privateKey);
  // A private copy: the caller may wipe or reuse its array (and the SM2 suite caches per array).
  const key = privateKey.slice();
  return { name, keyId: noteKeyId(name, signatureType, publicKey), signatureType, publicKey, sign: (message) => suite.sign(key, message) };
}

/**
 * A note verifier of a suite's public key.
 * @param options - suite, key name, public key.
 * @returns the verifier.
 * @throws {RangeError} when the name is not a valid key name.
 */
export function createNoteVerifier(options: Readonly<NoteVerifierOptions>): SuiteNoteVerifier {
  const { suite, name, publicKey } = options;
  if (!isValidKeyName(name)) throw new RangeError(`name: ${JSON.stringify(name)} is not a valid key name (non-empty, no spaces, no "+")`);
  const signatureType = NOTE_SIGNATURE_TYPES[suite.signatureAlgorithm];
  return {
    name,
    keyId: noteKeyId(name, signatureType, publicKey),
    signatureType,
    publicKey: publicKey.slice(),
    verify: (message, signature) => suite.verify(publicKey, message, signature),
  };
}

/**
 * The verifier key text of a key: `<name>+<8 hex digits of key ID>+<base64(type ‖ public key)>`.
 * @param key - a signer or verifier of this module.
 * @returns the text.
 */
export function formatVerifierKey(key: Readonly<Pick<SuiteNoteVerifier, 'name' | 'keyId' | 'signatureType' | 'publicKey'>>): string {
  const typed = new Uint8Array(key.signatureType.length + key.publicKey.length);
  typed.set(key.signatureType, 0);
  typed.set(key.publicKey, key.signatureType.length);
  return `${key.name}+${(key.keyId >>> 0).toString(16).padStart(8, '0')}+${encodeBase64(typed)}`;
}

/**
 * Reads a verifier key text for a suite.
 * @param suite - the suite whose signature type the key must have.
 * @param verifierKey - `<name>+<hex key ID>+<base64(type ‖ public key)>`.
 * @returns the verifier, or `undefined` when the text is malformed, of another signature type,
 *   or its key ID does not match its name and key.
 */
export function parseVerifierKey(suite: NoteSuite, verifierKey: string): SuiteNoteVerifier | undefined {
  // Split at the first two "+" only: the base64 key may hold "+" itself.
  const match = typeof verifierKey === 'string' ? /^([^+]*)\+([^+]*)\+(.*)$/s.exec(verifierKey) : null;
  if (match === null) return undefined;
  const [, name, keyIdHex, keyText] = match as unknown as [string, string, string, string];
  const typed = decodeBase64(keyText);
  const signatureType = NOTE_SIGNATURE_TYPES[suite.signatureAlgorithm];
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(keyIdHex) || typed === undefined || typed.length <= signatureType.length) return undefined;
  if (!bytesEqual(typed.subarray(0, signatureType.length), signatureType)) return undefined;
  const verifier = createNoteVerifier({ suite, name, publicKey: typed.slice(signatureType.length) });
  return verifier.keyId === Number.parseInt(keyIdHex, 16) ? verifier : undefined;
}
