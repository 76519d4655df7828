/**
 * Signed inclusion promises for both suites: one signature per batch, each promise verifiable
 * alone; every field is covered, and the signed bytes are exactly the documented layout.
 */
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { describe, expect, it } from 'vitest';
import { inclusionPromiseMessage, signInclusionPromises, verifyInclusionPromise, type InclusionPromise } from './inclusionPromise';
import { createMerkleHasher } from './merkleHasher';
import { openNote } from './signedNote';
import { createNoteSigner, createNoteVerifier } from './suiteNoteKeys';

const ORIGIN = 'suitrust.example/exchanges';

describe('inclusion promise message', () => {
  it('is the documented layout', () => {
    const message = inclusionPromiseMessage({ origin: 'o/x', batch: { start: 2 ** 32 + 5, size: 3, root: Uint8Array.of(0xaa, 0xbb) }, integratedAt: 1_700_000_000_123 });
    expect(Buffer.from(message).toString('hex')).toBe(
      [
        Buffer.from('suitrust/inclusion-promise/v1\u0000').toString('hex'),
        '0003',
        Buffer.from('o/x').toString('hex'),
        '0000000100000005',
        '0000000000000003',
        (1_700_000_000_123).toString(16).padStart(16, '0'),
        '02aabb',
      ].join(''),
    );
  });

  it('can never be a signed-note text', async () => {
    const message = inclusionPromiseMessage({ origin: ORIGIN, batch: { start: 0, size: 1, root: new Uint8Array(32) }, integratedAt: 0 });
    expect(openNote(message, [])).toMatchObject({ ok: false, reason: 'MALFORMED_NOTE' });
  });
});

describe.each(['sm', 'std'] as const)('inclusion promises: %s suite', (name: SuiteName) => {
  const setUp = async () => {
    const suite = await loadSuite(name);
    const hasher = createMerkleHasher(suite);
    const { privateKey, publicKey } = suite.generateKeyPair();
    const signer = createNoteSigner({ suite, name: ORIGIN, privateKey });
    const verifier = createNoteVerifier({ suite, name: ORIGIN, publicKey });
    const records = Array.from({ length: 13 }, (_, i) => new TextEncoder().encode(`exchange ${i}`));
    const leafHashes = records.map((record) => hasher.leafHash(record));
    let signatures = 0;
    const counting = { ...signer, sign: (message: Uint8Array) => (signatures++, signer.sign(message)) };
    const promises = signInclusionPromises({ hasher, signer: counting, origin: ORIGIN, start: 1000, leafHashes, integratedAt: 1_750_000_000_000 });
    return { suite, hasher, verifier, records, promises, signatures };
  };

  it('signs once per batch; every promise verifies alone, with its record', async () => {
    const { hasher, verifier, records, promises, signatures } = await setUp();
    expect(signatures).toBe(1);
    expect(promises.map((p) => p.leafIndex)).toEqual(records.map((_, i) => 1000 + i));
    for (const [i, promise] of promises.entries()) {
      expect(verifyInclusionPromise(hasher, promise, { verifiers: [verifier], origin: ORIGIN, record: records[i] })).toEqual({ ok: true });
    }
  });

  it('names the check that failed', async () => {
    const { suite, hasher, verifier, records, promises } = await setUp();
    const promise = promises[5] as InclusionPromise;
    const check = (changes: Partial<InclusionPromise>, record?: Uint8Array) =>
      verifyInclusionPromise(hasher, { ...promise, ...changes }, record === undefined ? { verifiers: [verifier] } : { verifiers: [verifier], record });
    const flip = (bytes: Uint8Array): Uint8Array => Uint8Array.from(bytes, (b, i) => (i === 0 ? b ^ 1 : b));
    expect(check({}, records[4])).toMatchObject({ ok: false, reason: 'LEAF_HASH_MISMATCH' });
    expect(check({ leafHash: promises[4]!.leafHash })).toMatchObject({ ok: false, reason: 'NOT_IN_BATCH', pathFailure: 'ROOT_MISMATCH' });
    expect(check({ leafIndex: 1004 })).toMatchObject({ ok: false, reason: 'NOT_IN_BATCH' });
    expect(check({ leafIndex: 1013 })).toMatchObject({ ok: false, reason: 'NOT_IN_BATCH' });
    expect(check({ batchPath: promise.batchPath.slice(1) })).toMatchObject({ ok: false, reason: 'NOT_IN_BATCH', pathFailure: 'PATH_TOO_SHORT' });
    expect(check({ batch: { ...promise.batch, root: flip(promise.batch.root) } })).toMatchObject({ ok: false, reason: 'NOT_IN_BATCH' });
    expect(check({ integratedAt: promise.integratedAt + 1 })).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
    expect(check({ origin: 'suitrust.example/other' })).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
    expect(check({ batch: { ...promise.batch, start: 999 }, leafIndex: 1004 })).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
    expect(check({ signature: flip(promise.signature) })).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
    expect(check({ keyId: (promise.keyId + 1) >>> 0 })).toMatchObject({ ok: false, reason: 'UNKNOWN_KEY' });
    expect(check({ integratedAt: -1 })).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(check({ leafHash: new Uint8Array(3) })).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyInclusionPromise(hasher, promise, { verifiers: [verifier], origin: 'suitrust.example/other' })).toMatchObject({ ok: false, reason: 'ORIGIN_MISMATCH' });
    const stranger = createNoteVerifier({ suite, name: ORIGIN, publicKey: suite.generateKeyPair().publicKey });
    expect(verifyInclusionPromise(hasher, promise, { verifiers: [stranger] })).toMatchObject({ ok: false, reason: 'UNKNOWN_KEY' });
  });
});
