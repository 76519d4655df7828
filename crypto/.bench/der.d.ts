/** Universal and context-specific tags used here (X.690 §8.1.2). */
export declare const DerTag: {
    readonly integer: 2;
    readonly bitString: 3;
    readonly octetString: 4;
    readonly objectIdentifier: 6;
    readonly sequence: 48;
};
/**
 * Tag byte of a context-specific `[n]` element.
 * @param n - tag number 0..30.
 * @param constructed - true for EXPLICIT tagging or IMPLICIT over a constructed type.
 * @returns the tag byte.
 */
export declare function contextTag(n: number, constructed: boolean): number;
/** Sequential reader over the elements of one DER-encoded constructed value. */
export declare class DerReader {
    #private;
    /** @param bytes - the concatenated elements to read. */
    constructor(bytes: Uint8Array);
    /** True when every byte has been read. */
    get done(): boolean;
    /**
     * Tag of the next element without consuming it.
     * @returns the tag byte, or `undefined` at the end.
     */
    peekTag(): number | undefined;
    /**
     * Reads one element of the given tag.
     * @param tag - expected tag byte.
     * @returns its contents.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` on a different tag, a non-minimal or
     *   overlong length, or truncation.
     */
    read(tag: number): Uint8Array;
    /**
     * Reads an element only if the next tag is `tag`.
     * @param tag - the tag byte.
     * @returns its contents, or `undefined` when the next element has another tag or none is left.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when the element is malformed.
     */
    readOptional(tag: number): Uint8Array | undefined;
    /**
     * Reads a SEQUENCE.
     * @returns a reader over its elements.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed.
     */
    readSequence(): DerReader;
    /**
     * Reads a non-negative INTEGER in minimal two's-complement form (X.690 §8.3).
     * @returns the value.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when empty, non-minimal or negative.
     */
    readInteger(): bigint;
    /**
     * Reads an OCTET STRING.
     * @returns its contents.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed.
     */
    readOctetString(): Uint8Array;
    /**
     * Reads a BIT STRING of whole bytes (0 unused bits), as keys are.
     * @param tag - the tag, `BIT STRING` unless IMPLICITly tagged.
     * @returns its bytes.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed or not whole bytes.
     */
    readBitString(tag?: number): Uint8Array;
    /**
     * Reads an OBJECT IDENTIFIER (X.690 §8.19).
     * @returns its dotted form, e.g. `1.2.840.10045.2.1`.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed.
     */
    readObjectIdentifier(): string;
    /**
     * Asserts that every byte has been read.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when bytes are left.
     */
    end(): void;
}
/**
 * Reads exactly one element of `tag` spanning all of `bytes`.
 * @param bytes - the encoding.
 * @param tag - expected tag, SEQUENCE unless told.
 * @returns a reader over the element's contents.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when malformed or followed by trailing bytes.
 */
export declare function readDer(bytes: Uint8Array, tag?: number): DerReader;
/**
 * Encodes one element.
 * @param tag - the tag byte.
 * @param parts - its contents, concatenated.
 * @returns tag ‖ length ‖ contents.
 */
export declare function derElement(tag: number, ...parts: readonly Uint8Array[]): Uint8Array;
/**
 * Encodes a SEQUENCE.
 * @param elements - encoded elements.
 * @returns the SEQUENCE.
 */
export declare function derSequence(...elements: readonly Uint8Array[]): Uint8Array;
/**
 * Encodes a non-negative INTEGER minimally.
 * @param value - the value, ≥ 0.
 * @returns the INTEGER.
 * @throws {RangeError} when `value` is negative (internal misuse).
 */
export declare function derInteger(value: bigint): Uint8Array;
/**
 * Encodes an OCTET STRING.
 * @param bytes - the contents.
 * @returns the OCTET STRING.
 */
export declare function derOctetString(bytes: Uint8Array): Uint8Array;
/**
 * Encodes a BIT STRING of whole bytes.
 * @param bytes - the bits, 0 unused.
 * @param tag - the tag, `BIT STRING` unless IMPLICITly tagged.
 * @returns the BIT STRING.
 */
export declare function derBitString(bytes: Uint8Array, tag?: number): Uint8Array;
/**
 * Encodes an OBJECT IDENTIFIER.
 * @param dotted - e.g. `1.2.156.10197.1.301`.
 * @returns the OBJECT IDENTIFIER.
 * @throws {RangeError} when `dotted` is not a valid OID (internal misuse).
 */
export declare function derObjectIdentifier(dotted: string): Uint8Array;
//# sourceMappingURL=der.d.ts.map