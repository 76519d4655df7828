/**
 * An inclusion promise in a bundle, signed by the log as `@suitrust/proofs` signs promises, with
 * each suite: it verifies against the trusted log key, and a changed field fails the named check.
 */
import { describe, expect, it } from 'vitest';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { createMerkleHasher, createNoteSigner, inclusionPromiseMessage, signInclusionPromises, type InclusionPromise } from '@suitrust/proofs';
import { suitrust } from '@suitrust/proto';
import { portableBundleCrypto } from './bundleCrypto';
import { promiseChecks } from './promiseChecks';

const ORIGIN = 'promises.suitrust.local/records';

async function signedPromise(suiteName: SuiteName) {
  const suite = await loadSuite(suiteName);
  const { privateKey, publicKey } = suite.generateKeyPair();
  const signer = createNoteSigner({ suite, name: ORIGIN, privateKey });
  const records = ['first', 'second', 'third'].map((text) => new TextEncoder().encode(text));
  const hasher = createMerkleHasher(suite);
  const promises = signInclusionPromises({ hasher, signer, origin: ORIGIN, start: 10, leafHashes: records.map((record) => hasher.leafHash(record)), integratedAt: 1_780_000_000_123 });
  const spki = new Uint8Array(Buffer.from(suite.exportPublicKeyPem(publicKey).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
  const fingerprint = suite.hash(spki);
  const trust = suitrust.proofs.v1.TrustAnchors.create({ logKeys: [{ name: ORIGIN, algorithm: suite.signatureAlgorithm, publicKey: spki, fingerprint }] });
  const promise = promises[1] as InclusionPromise;
  const carried = suitrust.proofs.v1.InclusionPromise.create({
    origin: promise.origin,
    leafIndex: promise.leafIndex,
    leafHash: promise.leafHash,
    integratedAt: { seconds: Math.floor(promise.integratedAt / 1000), nanos: (promise.integratedAt % 1000) * 1_000_000 },
    batchStart: promise.batch.start,
    batchSize: promise.batch.size,
    batchRoot: promise.batch.root,
    batchPath: [...promise.batchPath],
    signature: { body: inclusionPromiseMessage(promise), algorithm: suite.signatureAlgorithm, keyId: fingerprint, signature: promise.signature },
  });
  return { carried, trust, leaf: records[1] as Uint8Array };
}

const failedNames = (checks: ReturnType<typeof promiseChecks>): string[] => checks.filter((check) => !check.ok).map((check) => check.name);
const copy = (promise: suitrust.proofs.v1.InclusionPromise) => suitrust.proofs.v1.InclusionPromise.decode(suitrust.proofs.v1.InclusionPromise.encode(promise).finish());

describe.each<SuiteName>(['sm', 'std'])('promise checks with the %s suite', (suiteName) => {
  it('verifies a promise against the trusted log key, with its leaf', async () => {
    const { carried, trust, leaf } = await signedPromise(suiteName);
    const checks = promiseChecks(carried, leaf, trust, portableBundleCrypto);
    expect(checks.map((check) => [check.name, check.ok])).toEqual([['promise.signature', true], ['promise.batch', true], ['promise.leaf', true]]);
  });

  it('names the check a changed field fails', async () => {
    const { carried, trust, leaf } = await signedPromise(suiteName);
    const path = copy(carried);
    (path.batchPath[0] as Uint8Array)[0] ^= 1;
    expect(failedNames(promiseChecks(path, leaf, trust, portableBundleCrypto))).toEqual(['promise.batch']);
    expect(failedNames(promiseChecks(carried, new TextEncoder().encode('another'), trust, portableBundleCrypto))).toEqual(['promise.leaf']);
    const time = copy(carried);
    time.integratedAt = { seconds: Number(carried.integratedAt?.seconds) + 1, nanos: carried.integratedAt?.nanos ?? 0 };
    expect(failedNames(promiseChecks(time, leaf, trust, portableBundleCrypto))).toEqual(['promise.signature']);
    const signature = copy(carried);
    (signature.signature?.signature as Uint8Array)[8] ^= 1;
    expect(failedNames(promiseChecks(signature, leaf, trust, portableBundleCrypto))).toEqual(['promise.signature']);
    const untrusted = suitrust.proofs.v1.TrustAnchors.create({ logKeys: [] });
    expect(promiseChecks(carried, leaf, untrusted, portableBundleCrypto)).toEqual([{ name: 'promise.signature', ok: false, reason: 'no trusted log key has the signature\'s key_id' }]);
  });
});
