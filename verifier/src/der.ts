/**
 * A minimal DER reader (ITU-T X.690 §8.1 and §10.1: definite lengths, minimal length octets) for
 * the certificates and signatures a ledger proof carries. It reads tag-length-value elements and
 * leaves the meaning of their contents to the caller.
 */
import { MalformedInputError } from './malformedInputError';

/** Universal tags used by the verifier. */
export const DerTag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OBJECT_IDENTIFIER: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One DER element: its tag, its whole encoding, and its content. */
export interface DerElement {
  readonly tag: number;
  /** Tag, length and content, as encoded. */
  readonly encoded: Uint8Array;
  readonly content: Uint8Array;
}

/**
 * Reads the element starting at `offset`.
 *
 * @param bytes - the encoding
 * @param offset - where the element starts
 * @param what - the structure read, named in errors
 * @returns the element
 * @throws {MalformedInputError} when the bytes are truncated or not DER
 */
export function readDerElement(bytes: Uint8Array, offset: number, what: string): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) throw new MalformedInputError(`${what}: truncated DER`);
  if ((tag & 0x1f) === 0x1f) throw new MalformedInputError(`${what}: high tag numbers are not expected`);
  let length = first;
  let start = offset + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 3) throw new MalformedInputError(`${what}: unsupported DER length`);
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[start + i];
      if (byte === undefined) throw new MalformedInputError(`${what}: truncated DER length`);
      if (i === 0 && byte === 0) throw new MalformedInputError(`${what}: non-minimal DER length`);
      length = length * 256 + byte;
    }
    if (length < 0x80) throw new MalformedInputError(`${what}: non-minimal DER length`);
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new MalformedInputError(`${what}: truncated DER content`);
  return { tag, encoded: bytes.subarray(offset, end), content: bytes.subarray(start, end) };
}

/**
 * Reads a whole encoding that must be exactly one element of the given tag.
 *
 * @param bytes - the encoding
 * @param tag - the expected tag
 * @param what - the structure read, named in errors
 * @returns the element
 * @throws {MalformedInputError} when the tag differs or bytes follow the element
 */
export function readSingleDer(bytes: Uint8Array, tag: number, what: string): DerElement {
  const element = readDerElement(bytes, 0, what);
  if (element.tag !== tag) throw new MalformedInputError(`${what}: expected tag 0x${tag.toString(16)}, got 0x${element.tag.toString(16)}`);
  if (element.encoded.length !== bytes.length) throw new MalformedInputError(`${what}: bytes follow the DER element`);
  return element;
}

/**
 * The elements inside a constructed element's content.
 *
 * @param element - a SEQUENCE, SET or explicit tag
 * @param what - the structure read, named in errors
 * @returns its children in order
 * @throws {MalformedInputError} when the content is not a series of elements
 */
export function derChildren(element: DerElement, what: string): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const child = readDerElement(element.content, offset, what);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

/**
 * Dotted text of an OBJECT IDENTIFIER (X.690 §8.19).
 *
 * @param element - an OBJECT IDENTIFIER element
 * @param what - the structure read, named in errors
 * @returns e.g. `1.2.840.10045.4.3.2`
 * @throws {MalformedInputError} when the element is not an OID
 */
export function derObjectIdentifier(element: DerElement, what: string): string {
  if (element.tag !== DerTag.OBJECT_IDENTIFIER || element.content.length === 0) throw new MalformedInputError(`${what}: expected an OBJECT IDENTIFIER`);
  const arcs: number[] = [];
  let value = 0;
  for (const byte of element.content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/**
 * DER of a non-negative integer (X.690 §8.3): the fewest big-endian octets, with 0x00 before a
 * set top bit, zero as one 0x00 octet.
 *
 * @param value - a non-negative integer
 * @returns the INTEGER element
 */
export function encodeDerInteger(value: bigint): Uint8Array {
  const octets: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) octets.unshift(Number(rest & 0xffn));
  if (octets.length === 0 || (octets[0] as number) & 0x80) octets.unshift(0);
  return encodeDer(DerTag.INTEGER, Uint8Array.from(octets));
}

/**
 * One DER element with a definite, minimal length (X.690 §10.1).
 *
 * @param tag - the tag octet
 * @param content - the content octets
 * @returns tag ‖ length ‖ content
 */
export function encodeDer(tag: number, content: Uint8Array): Uint8Array {
  const length: number[] = [];
  if (content.length < 0x80) {
    length.push(content.length);
  } else {
    for (let rest = content.length; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
    length.unshift(0x80 | length.length);
  }
  const out = new Uint8Array(1 + length.length + content.length);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}
