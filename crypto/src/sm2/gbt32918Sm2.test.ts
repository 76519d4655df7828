// GB/T 32918 SM2 signature vectors (test/fixtures/sm2.json): the recommended curve's example
// (GB/T 32918.5 annex A, as in OpenSSL's sm2_internal_test.c) and GM/T 0003.2 annex A on its
// own 256-bit test curve with ID "ALICE123@YAHOO.COM". Every intermediate value is checked:
// the public key, Z_A, e, and (r, s) from the vector's fixed k.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../hex';
import type { CurveParameters } from './curveParameters';
import { Sm2Engine } from './sm2Engine';
import { sm2p256v1 } from './sm2p256v1';
import { NODE_SOURCES } from './nodeSources.fixture';

interface Sm2Vector {
  readonly source: string;
  readonly curve: 'sm2p256v1' | Readonly<Record<'p' | 'a' | 'b' | 'gx' | 'gy' | 'n', string>>;
  readonly id_ascii: string;
  readonly message_ascii: string;
  readonly private_key: string;
  readonly public_x: string;
  readonly public_y: string;
  readonly z_a: string;
  readonly e: string;
  readonly k: string;
  readonly r: string;
  readonly s: string;
}
const { vectors } = JSON.parse(readFileSync(new URL('../../test/fixtures/sm2.json', import.meta.url), 'utf8')) as { vectors: readonly Sm2Vector[] };
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const big = (hex: string): bigint => BigInt(`0x${hex}`);

function curveOf(vector: Sm2Vector): CurveParameters {
  const { curve } = vector;
  if (curve === 'sm2p256v1') return sm2p256v1;
  return { p: big(curve.p), a: big(curve.a), b: big(curve.b), gx: big(curve.gx), gy: big(curve.gy), n: big(curve.n) };
}

describe.each(vectors.map((v) => [v.source, v] as const))('SM2 signature: %s', (_source, v) => {
  const curve = curveOf(v);
  const engine = new Sm2Engine({ curve, ...NODE_SOURCES });
  const privateKey = fromHex(v.private_key);
  const publicKey = fromHex(`04${v.public_x}${v.public_y}`);
  const userId = ascii(v.id_ascii);
  const message = ascii(v.message_ascii);

  it('derives the public key', () => {
    expect(toHex(engine.publicKeyOf(privateKey))).toBe(toHex(publicKey));
  });

  it('computes Z_A and e', () => {
    expect(toHex(engine.userDigest(userId, publicKey))).toBe(v.z_a.toLowerCase());
    expect(toHex(engine.messageDigest(userId, publicKey, message))).toBe(v.e.toLowerCase());
  });

  it('reproduces (r, s) from the fixed k', () => {
    const signature = engine.signWithNonce(privateKey, fromHex(v.e), big(v.k));
    expect(signature).toEqual({ r: big(v.r), s: big(v.s) });
  });

  it('verifies the vector signature, and refuses it for another message or ID', () => {
    const signature = { r: big(v.r), s: big(v.s) };
    expect(engine.verify(publicKey, message, signature, userId)).toBe(true);
    expect(engine.verify(publicKey, ascii('message digesT'), signature, userId)).toBe(false);
    expect(engine.verify(publicKey, message, signature, ascii('1234567812345679'))).toBe(false);
  });

  it('verifies the vector signature again from the window table of the key (second sighting on)', () => {
    const verifier = new Sm2Engine({ curve, ...NODE_SOURCES });
    const signature = { r: big(v.r), s: big(v.s) };
    for (let i = 0; i < 3; i++) expect(verifier.verify(publicKey, message, signature, userId)).toBe(true);
    expect(verifier.cachedPublicKeys).toBe(1);
    expect(verifier.verify(publicKey, message, { r: big(v.r), s: curve.n - big(v.s) }, userId)).toBe(false);
    expect(verifier.verify(publicKey, ascii('message digesT'), signature, userId)).toBe(false);
  });

  it('refuses the low-S twin (r, n − s): SM2 is not ECDSA', () => {
    expect(engine.verify(publicKey, message, { r: big(v.r), s: curve.n - big(v.s) }, userId)).toBe(false);
  });
});
