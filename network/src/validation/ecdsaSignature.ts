/**
 * ECDSA signature verification with Fabric 2.5's acceptance rule (`bccsp/sw/ecdsa.go`
 * `verifyECDSA`, `bccsp/utils/ecdsa.go` `UnmarshalECDSASignature`, `IsLowS`): the message is
 * hashed with SHA-256 (the MSP's SHA2 hash family, whatever the curve); the signature is an
 * ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } with r, s > 0; and s must be "low", at most half
 * the group order, so that (r, n − s), the other valid signature of the same message, is refused.
 *
 * The parse copies Go's `encoding/asn1`, which Fabric relies on: lengths and integers must be
 * minimally encoded, but bytes after the SEQUENCE and elements after s inside it are ignored
 * (`asn1.Unmarshal` returns the rest, which Fabric discards; structs allow trailing elements).
 * OpenSSL's DER check is stricter, so verification here hands (r, s) to node:crypto in the fixed
 * IEEE P1363 form: a signature Fabric accepts is accepted, and one it refuses is refused.
 */
import { verify, type KeyObject } from 'node:crypto';

/** The curves Fabric's software BCCSP verifies with (P-224 and P-521 are not issued in practice). */
export type EcdsaCurve = 'P-256' | 'P-384';

/** Group orders n of the supported curves (FIPS 186-4 D.1.2.3, D.1.2.4). */
export const CURVE_ORDERS: Readonly<Record<EcdsaCurve, bigint>> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

const FIELD_BYTES: Readonly<Record<EcdsaCurve, number>> = { 'P-256': 32, 'P-384': 48 };

/** Why a signature was refused. */
export type SignatureRefusal = 'MALFORMED_SIGNATURE' | 'HIGH_S' | 'BAD_SIGNATURE';

/** Outcome of {@link verifyEcdsaSignature}. */
export type EcdsaVerification = { readonly ok: true } | { readonly ok: false; readonly code: SignatureRefusal; readonly reason: string };

/** Outcome of {@link parseEcdsaSignature}. */
export type EcdsaSignatureParse = { readonly ok: true; readonly r: bigint; readonly s: bigint } | { readonly ok: false; readonly reason: string };

/**
 * Reads (r, s) from a DER signature as Fabric does.
 *
 * @param der - the signature bytes
 * @returns r and s (both positive), or why the bytes are not a signature
 */
export function parseEcdsaSignature(der: Uint8Array): EcdsaSignatureParse {
  const sequence = readElement(der, 0);
  if (typeof sequence === 'string') return { ok: false, reason: sequence };
  if (sequence.tag !== 0x30) return { ok: false, reason: `expected a SEQUENCE, got tag 0x${sequence.tag.toString(16)}` };
  const content = der.subarray(sequence.start, sequence.end);
  const r = readInteger(content, 0);
  if (typeof r === 'string') return { ok: false, reason: `r: ${r}` };
  const s = readInteger(content, r.end);
  if (typeof s === 'string') return { ok: false, reason: `s: ${s}` };
  if (r.value <= 0n) return { ok: false, reason: 'r must be larger than zero' };
  if (s.value <= 0n) return { ok: false, reason: 's must be larger than zero' };
  return { ok: true, r: r.value, s: s.value };
}

/**
 * Whether `s` is at most half the curve's order, as Fabric requires.
 *
 * @param s - the signature's s
 * @param curve - the signer's curve
 * @returns `true` for a low-S value
 */
export function isLowS(s: bigint, curve: EcdsaCurve): boolean {
  return s <= CURVE_ORDERS[curve] >> 1n;
}

/**
 * DER-encodes (r, s): a SEQUENCE of two minimal INTEGERs.
 *
 * @param r - positive integer
 * @param s - positive integer
 * @returns the DER bytes
 * @throws {RangeError} when r or s is not positive
 */
export function encodeEcdsaSignature(r: bigint, s: bigint): Uint8Array {
  const content = Buffer.concat([encodeInteger(r, 'r'), encodeInteger(s, 's')]);
  return Buffer.concat([Buffer.from([0x30]), encodeLength(content.length), content]);
}

/**
 * Rewrites a DER signature to its low-S form, (r, n − s) when s is high, as Fabric's signers do
 * (`bccsp/utils/ecdsa.go` `SignatureToLowS`).
 *
 * @param der - a DER signature
 * @param curve - the signer's curve
 * @returns the low-S DER signature (the input itself when already low)
 * @throws {Error} when `der` is not a signature
 */
export function signatureToLowS(der: Uint8Array, curve: EcdsaCurve): Uint8Array {
  const parsed = parseEcdsaSignature(der);
  if (!parsed.ok) throw new Error(`signatureToLowS: ${parsed.reason}`);
  return isLowS(parsed.s, curve) ? der : encodeEcdsaSignature(parsed.r, CURVE_ORDERS[curve] - parsed.s);
}

/**
 * Verifies an ECDSA signature over SHA-256 of `message` with Fabric's rule.
 *
 * @param publicKey - the signer's EC public key
 * @param curve - its curve
 * @param message - the signed bytes (hashed here)
 * @param signature - DER signature
 * @returns `{ ok: true }`, or the refusal: MALFORMED_SIGNATURE, HIGH_S or BAD_SIGNATURE
 */
export function verifyEcdsaSignature(publicKey: KeyObject, curve: EcdsaCurve, message: Uint8Array, signature: Uint8Array): EcdsaVerification {
  const parsed = parseEcdsaSignature(signature);
  if (!parsed.ok) return { ok: false, code: 'MALFORMED_SIGNATURE', reason: parsed.reason };
  if (!isLowS(parsed.s, curve)) return { ok: false, code: 'HIGH_S', reason: 'S is larger than half the curve order' };
  const n = CURVE_ORDERS[curve];
  if (parsed.r >= n) return { ok: false, code: 'BAD_SIGNATURE', reason: 'r is not below the curve order' };
  const size = FIELD_BYTES[curve];
  const p1363 = Buffer.concat([toFixed(parsed.r, size), toFixed(parsed.s, size)]);
  const valid = verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, p1363);
  return valid ? { ok: true } : { ok: false, code: 'BAD_SIGNATURE', reason: 'the signature does not verify' };
}

interface Element {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** Reads one DER tag-length-value at `offset`, with Go's minimal-length rules. */
function readElement(bytes: Uint8Array, offset: number): Element | string {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) return 'truncated';
  if ((tag & 0x1f) === 0x1f) return 'high tag numbers are not expected';
  let length: number;
  let start = offset + 2;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) return 'indefinite length is not DER';
    if (count > 2) return 'length too large';
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[start + i];
      if (byte === undefined) return 'truncated length';
      if (i === 0 && byte === 0) return 'non-minimal length';
      length = length * 256 + byte;
    }
    if (length < 0x80) return 'non-minimal length';
    start += count;
  }
  if (start + length > bytes.length) return 'truncated content';
  return { tag, start, end: start + length };
}

function readInteger(bytes: Uint8Array, offset: number): { value: bigint; end: number } | string {
  const element = readElement(bytes, offset);
  if (typeof element === 'string') return element;
  if (element.tag !== 0x02) return `expected an INTEGER, got tag 0x${element.tag.toString(16)}`;
  const body = bytes.subarray(element.start, element.end);
  const [b0, b1] = body;
  if (b0 === undefined) return 'empty integer';
  if (b1 !== undefined && ((b0 === 0x00 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80))) return 'integer not minimally encoded';
  let value = BigInt(`0x${Buffer.from(body).toString('hex')}`);
  // Two's complement: a set top bit makes it negative (then refused as not positive).
  if (b0 >= 0x80) value -= 1n << BigInt(body.length * 8);
  return { value, end: element.end };
}

function encodeInteger(value: bigint, name: string): Buffer {
  if (value <= 0n) throw new RangeError(`${name}: expected a positive integer, got ${value}`);
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let body = Buffer.from(hex, 'hex');
  if ((body[0] as number) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02]), encodeLength(body.length), body]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  return length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);
}

function toFixed(value: bigint, size: number): Buffer {
  return Buffer.from(value.toString(16).padStart(size * 2, '0'), 'hex');
}
