/**
 * A minimal reader of the protobuf wire format (protobuf encoding spec, "Message Structure"):
 * enough to take apart Fabric's messages in a proof without Fabric's generated code, which
 * brings gRPC and Node modules along. Unknown fields are kept and ignored, as protobuf does.
 */
import { MalformedInputError } from './malformedInputError';

const textDecoder = new TextDecoder('utf-8', { fatal: true });

/** A decoded message: every field's values, in order of appearance. */
export class ProtoMessage {
  readonly #fields: ReadonlyMap<number, readonly (Uint8Array | bigint)[]>;
  readonly #what: string;

  /**
   * @param bytes - the encoded message
   * @param what - the message's name, used in errors (`common.Envelope`)
   * @throws {MalformedInputError} when the bytes are not a protobuf message
   */
  constructor(bytes: Uint8Array, what: string) {
    this.#what = what;
    this.#fields = readFields(bytes, what);
  }

  /**
   * A `bytes` or embedded-message field; the last value wins, as protobuf merges.
   * @param field - the field number
   * @returns its bytes (empty when absent)
   * @throws {MalformedInputError} when the field is not length-delimited
   */
  bytes(field: number): Uint8Array {
    const values = this.repeatedBytes(field);
    return values[values.length - 1] ?? new Uint8Array();
  }

  /**
   * A repeated `bytes` or message field.
   * @param field - the field number
   * @returns every value in order
   * @throws {MalformedInputError} when a value is not length-delimited
   */
  repeatedBytes(field: number): Uint8Array[] {
    return (this.#fields.get(field) ?? []).map((value) => {
      if (typeof value === 'bigint') throw new MalformedInputError(`${this.#what}: field ${field} is not length-delimited`);
      return value;
    });
  }

  /**
   * A `string` field.
   * @param field - the field number
   * @returns its text ('' when absent)
   * @throws {MalformedInputError} when it is not UTF-8
   */
  string(field: number): string {
    try {
      return textDecoder.decode(this.bytes(field));
    } catch (error) {
      if (error instanceof MalformedInputError) throw error;
      throw new MalformedInputError(`${this.#what}: field ${field} is not UTF-8`);
    }
  }

  /**
   * A varint field (int32, uint64, enum, bool).
   * @param field - the field number
   * @returns its value (0 when absent)
   * @throws {MalformedInputError} when the field is length-delimited
   */
  varint(field: number): bigint {
    const values = this.#fields.get(field) ?? [];
    const value = values[values.length - 1] ?? 0n;
    if (typeof value !== 'bigint') throw new MalformedInputError(`${this.#what}: field ${field} is not a varint`);
    return value;
  }
}

function readFields(bytes: Uint8Array, what: string): Map<number, (Uint8Array | bigint)[]> {
  const fields = new Map<number, (Uint8Array | bigint)[]>();
  let offset = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = bytes[offset++];
      if (byte === undefined) throw new MalformedInputError(`${what}: truncated varint`);
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new MalformedInputError(`${what}: varint too long`);
  };
  while (offset < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new MalformedInputError(`${what}: field number 0`);
    let value: Uint8Array | bigint;
    if (wireType === 0) {
      value = varint();
    } else if (wireType === 2) {
      const length = Number(varint());
      if (offset + length > bytes.length) throw new MalformedInputError(`${what}: field ${field} is truncated`);
      value = bytes.subarray(offset, offset + length);
      offset += length;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (offset + size > bytes.length) throw new MalformedInputError(`${what}: field ${field} is truncated`);
      value = bytes.subarray(offset, offset + size);
      offset += size;
    } else {
      throw new MalformedInputError(`${what}: unsupported wire type ${wireType}`);
    }
    const values = fields.get(field) ?? [];
    values.push(value);
    fields.set(field, values);
  }
  return fields;
}
