// The strict DER subset (X.690): round trips, and refusal of every non-canonical form that would
// give one value a second encoding.
import { describe, expect, it } from 'vitest';
import { DerReader, derBitString, derInteger, derObjectIdentifier, derOctetString, derSequence, readDer } from './der';
import { fromHex, toHex } from './hex';

const invalid = expect.objectContaining({ name: 'CryptoError', code: 'CRYPTO_INVALID_ARGUMENT' });

describe('DER', () => {
  it.each([
    [0n, '020100'],
    [127n, '02017f'],
    [128n, '02020080'],
    [256n, '02020100'],
    [2n ** 256n - 1n, `022100${'ff'.repeat(32)}`],
  ])('encodes and reads INTEGER %s', (value, hex) => {
    expect(toHex(derInteger(value))).toBe(hex);
    expect(new DerReader(fromHex(hex)).readInteger()).toBe(value);
  });

  it.each([
    ['1.2.840.10045.2.1', '06072a8648ce3d0201'],
    ['1.2.156.10197.1.301', '06082a811ccf5501822d'],
    ['1.3.101.112', '06032b6570'],
    ['2.999.3', '0603883703'],
  ])('encodes and reads OBJECT IDENTIFIER %s', (oid, hex) => {
    expect(toHex(derObjectIdentifier(oid))).toBe(hex);
    expect(new DerReader(fromHex(hex)).readObjectIdentifier()).toBe(oid);
  });

  it('uses long-form lengths from 128 bytes on', () => {
    const long = derOctetString(new Uint8Array(200));
    expect(toHex(long.subarray(0, 3))).toBe('0481c8');
    expect(new DerReader(long).readOctetString()).toHaveLength(200);
    expect(toHex(derOctetString(new Uint8Array(300)).subarray(0, 4))).toBe('0482012c');
  });

  it('reads nested structures and bit strings', () => {
    const encoded = derSequence(derInteger(1n), derBitString(Uint8Array.of(4, 5)));
    const reader = readDer(encoded);
    expect(reader.readInteger()).toBe(1n);
    expect(reader.readBitString()).toEqual(Uint8Array.of(4, 5));
    expect(() => reader.end()).not.toThrow();
  });

  it.each([
    ['non-minimal INTEGER', '02020001'],
    ['negative INTEGER', '0201ff'],
    ['empty INTEGER', '0200'],
    ['long form for a short length', '02810101'],
    ['length with a leading zero', '0282000101'],
    ['indefinite length', '028001'],
    ['truncated content', '020201'],
    ['wrong tag', '040100'],
  ])('refuses a %s', (_what, hex) => {
    expect(() => new DerReader(fromHex(hex)).readInteger()).toThrow(invalid);
  });

  it('refuses trailing bytes after the outer element and BIT STRINGs with unused bits', () => {
    expect(() => readDer(fromHex('300302010000'))).toThrow(invalid);
    expect(() => new DerReader(fromHex('03020180')).readBitString()).toThrow(invalid);
    expect(() => new DerReader(fromHex('0602808a')).readObjectIdentifier()).toThrow(invalid);
    expect(() => new DerReader(fromHex('0601ff')).readObjectIdentifier()).toThrow(invalid);
  });
});
