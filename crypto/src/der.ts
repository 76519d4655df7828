/**
 * The small part of DER (ITU-T X.690 §8 and §10) that SuiTrust's keys and signatures use:
 * SEQUENCE, INTEGER (non-negative), OCTET STRING, BIT STRING (whole bytes), OBJECT IDENTIFIER
 * and context-specific tags [n], single-byte tags only, definite minimal lengths.
 *
 * The reader is strict (X.690 §10.1 minimal lengths, §8.3.2 minimal integers, no trailing
 * bytes) so that one value has exactly one encoding: a signature cannot be re-encoded into a
 * second valid form.
 */
import { CryptoError } from './cryptoError';
import { fromHex, toHex } from './hex';

/** Universal and context-specific tags used here (X.690 §8.1.2). */
export const DerTag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  sequence: 0x30,
} as const;

/**
 * Tag byte of a context-specific `[n]` element.
 * @param n - tag number 0..30.
 * @param constructed - true for EXPLICIT tagging or IMPLICIT over a constructed type.
 * @returns the tag byte.
 */
export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

function fail(message: string): never {
  throw new CryptoError(`DER: ${message}`, { code: 'CRYPTO_INVALID_ARGUMENT' });
}

/** Sequential reader over the elements of one DER-encoded constructed value. */
export class DerReader {
  readonly #bytes: Uint8Array;
  #offset = 0;

  /** @param bytes - the concatenated elements to read. */
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.#offset >= this.#bytes.length;
  }

  /**
   * Tag of the next element without consuming it.
   * @returns the tag byte, or `undefined` at the end.
   */
  peekTag(): number | undefined {
    return this.#bytes[this.#offset];
  }

  /**
   * Reads one element of the given tag.
   * @param tag - expected tag byte.
   * @returns its contents.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` on a different tag, a non-minimal or
   *   overlong length, or truncation.
   */
  read(tag: number): Uint8Array {
    const bytes = this.#bytes;
    const actual = bytes[this.#offset];
    if (actual === undefined) fail(`expected tag 0x${hex2(tag)}, got end of data`);
    if (actual !== tag) fail(`expected tag 0x${hex2(tag)}, got 0x${hex2(actual)}`);
    let offset = this.#offset + 1;
    const first = bytes[offset++];
    if (first === undefined) fail('truncated length');
    let length = first;
    if (first & 0x80) {
      const count = first & 0x7f;
      if (count === 0 || count > 4) fail(`unsupported length form 0x${hex2(first)}`);
      length = 0;
      for (let i = 0; i < count; i++) {
        const b = bytes[offset++];
        if (b === undefined) fail('truncated length');
        if (i === 0 && b === 0) fail('non-minimal length');
        length = length * 256 + b;
      }
      if (length < 0x80) fail('non-minimal length');
    }
    if (offset + length > bytes.length) fail(`length ${length} exceeds the ${bytes.length - offset} bytes left`);
    this.#offset = offset + length;
    return bytes.subarray(offset, offset + length);
  }

  /**
   * Reads an element only if the next tag is `tag`.
   * @param tag - the tag byte.
   * @returns its contents, or `undefined` when the next element has another tag or none is left.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when the element is malformed.
   */
  readOptional(tag: number): Uint8Array | undefined {
    return this.peekTag() === tag ? this.read(tag) : undefined;
  }

  /**
   * Reads a SEQUENCE.
   * @returns a reader over its elements.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed.
   */
  readSequence(): DerReader {
    return new DerReader(this.read(DerTag.sequence));
  }

  /**
   * Reads a non-negative INTEGER in minimal two's-complement form (X.690 §8.3).
   * @returns the value.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when empty, non-minimal or negative.
   */
  readInteger(): bigint {
    const content = this.read(DerTag.integer);
    const first = content[0];
    if (first === undefined) fail('empty INTEGER');
    if (first & 0x80) fail('negative INTEGER');
    if (first === 0 && content.length > 1 && !(content[1]! & 0x80)) fail('non-minimal INTEGER');
    return BigInt(`0x${toHex(content)}`);
  }

  /**
   * Reads an OCTET STRING.
   * @returns its contents.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed.
   */
  readOctetString(): Uint8Array {
    return this.read(DerTag.octetString);
  }

  /**
   * Reads a BIT STRING of whole bytes (0 unused bits), as keys are.
   * @param tag - the tag, `BIT STRING` unless IMPLICITly tagged.
   * @returns its bytes.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed or not whole bytes.
   */
  readBitString(tag: number = DerTag.bitString): Uint8Array {
    const content = this.read(tag);
    if (content[0] !== 0) fail('BIT STRING with unused bits');
    return content.subarray(1);
  }

  /**
   * Reads an OBJECT IDENTIFIER (X.690 §8.19).
   * @returns its dotted form, e.g. `1.2.840.10045.2.1`.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed.
   */
  readObjectIdentifier(): string {
    const content = this.read(DerTag.objectIdentifier);
    if (content.length === 0) fail('empty OBJECT IDENTIFIER');
    const arcs: number[] = [];
    let value = 0;
    let fresh = true;
    for (const b of content) {
      if (fresh && b === 0x80) fail('non-minimal OBJECT IDENTIFIER arc');
      if (value > 0x1ffffffffffff) fail('OBJECT IDENTIFIER arc too large');
      value = value * 128 + (b & 0x7f);
      fresh = !(b & 0x80);
      if (fresh) {
        arcs.push(value);
        value = 0;
      }
    }
    if (!fresh) fail('truncated OBJECT IDENTIFIER');
    const head = arcs[0]!;
    const top = head < 40 ? 0 : head < 80 ? 1 : 2;
    return [top, head - 40 * top, ...arcs.slice(1)].join('.');
  }

  /**
   * Asserts that every byte has been read.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when bytes are left.
   */
  end(): void {
    if (!this.done) fail(`${this.#bytes.length - this.#offset} unexpected trailing bytes`);
  }
}

/**
 * Reads exactly one element of `tag` spanning all of `bytes`.
 * @param bytes - the encoding.
 * @param tag - expected tag, SEQUENCE unless told.
 * @returns a reader over the element's contents.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed or followed by trailing bytes.
 */
export function readDer(bytes: Uint8Array, tag: number = DerTag.sequence): DerReader {
  const outer = new DerReader(bytes);
  const content = outer.read(tag);
  outer.end();
  return new DerReader(content);
}

/**
 * Encodes one element.
 * @param tag - the tag byte.
 * @param parts - its contents, concatenated.
 * @returns tag ‖ length ‖ contents.
 */
export function derElement(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) {
    lengthBytes.push(length);
  } else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let offset = 1 + lengthBytes.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Encodes a SEQUENCE.
 * @param elements - encoded elements.
 * @returns the SEQUENCE.
 */
export function derSequence(...elements: readonly Uint8Array[]): Uint8Array {
  return derElement(DerTag.sequence, ...elements);
}

/**
 * Encodes a non-negative INTEGER minimally.
 * @param value - the value, ≥ 0.
 * @returns the INTEGER.
 * @throws {RangeError} when `value` is negative (internal misuse).
 */
export function derInteger(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('derInteger: negative values are not supported');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return derElement(DerTag.integer, fromHex(hex));
}

/**
 * Encodes an OCTET STRING.
 * @param bytes - the contents.
 * @returns the OCTET STRING.
 */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derElement(DerTag.octetString, bytes);
}

/**
 * Encodes a BIT STRING of whole bytes.
 * @param bytes - the bits, 0 unused.
 * @param tag - the tag, `BIT STRING` unless IMPLICITly tagged.
 * @returns the BIT STRING.
 */
export function derBitString(bytes: Uint8Array, tag: number = DerTag.bitString): Uint8Array {
  return derElement(tag, Uint8Array.of(0), bytes);
}

/**
 * Encodes an OBJECT IDENTIFIER.
 * @param dotted - e.g. `1.2.156.10197.1.301`.
 * @returns the OBJECT IDENTIFIER.
 * @throws {RangeError} when `dotted` is not a valid OID (internal misuse).
 */
export function derObjectIdentifier(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [top, second, ...rest] = arcs;
  if (top === undefined || second === undefined || top > 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) {
    throw new RangeError(`derObjectIdentifier: invalid OID ${dotted}`);
  }
  const out: number[] = [];
  for (const arc of [top * 40 + second, ...rest]) {
    const groups = [arc % 128];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v % 128) | 0x80);
    out.push(...groups);
  }
  return derElement(DerTag.objectIdentifier, Uint8Array.from(out));
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
