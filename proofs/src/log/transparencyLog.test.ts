/**
 * The transparency log end to end, one behaviour table for both suites: appends return signed
 * promises once durable, concurrent appends share a batch, checkpoints verify with the log's key,
 * inclusion and consistency proofs verify against verified checkpoints, and everything survives
 * reopening.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite, type CryptoSuite, type SuiteName } from '@suitrust/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCheckpoint, type Checkpoint } from './checkpoint';
import { verifyInclusionPromise } from './inclusionPromise';
import { parseVerifierKey } from './suiteNoteKeys';
import { openTransparencyLog, type TransparencyLog } from './transparencyLog';
import { verifyConsistency } from './verifyConsistency';
import { verifyInclusion } from './verifyInclusion';

const ORIGIN = 'suitrust.example/exchanges';
const recordOf = (i: number): Uint8Array => new TextEncoder().encode(JSON.stringify({ exchange: i, authorisation: `auth-${i % 17}` }));
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe.each(['sm', 'std'] as const)('TransparencyLog: %s suite', (name: SuiteName) => {
  let now = 1_750_000_000_000;
  const setUp = async () => {
    const suite: CryptoSuite = await loadSuite(name);
    const directory = await mkdtemp(join(tmpdir(), `suitrust-log-${name}-`));
    directories.push(directory);
    const { privateKey } = suite.generateKeyPair();
    const open = (): Promise<TransparencyLog> => openTransparencyLog({ directory, suite, origin: ORIGIN, signingKey: privateKey, clock: () => now });
    return { suite, directory, privateKey, open, log: await open() };
  };
  const checkpointOf = async (log: TransparencyLog): Promise<Checkpoint> => {
    const { note } = await log.checkpoint();
    const verified = verifyCheckpoint(note, { verifiers: [log.verifier], origin: ORIGIN });
    if (!verified.ok) throw new Error(`${verified.reason}: ${verified.message}`);
    return verified.checkpoint;
  };

  it('appends, promises, checkpoints and proves', async () => {
    const { log } = await setUp();
    expect(log.size).toBe(0);
    const empty = await checkpointOf(log);
    expect(empty.size).toBe(0);
    expect(empty.root).toEqual(log.hasher.emptyRoot());

    now += 1;
    const first = await log.append([0, 1, 2, 3, 4].map(recordOf));
    expect(log.size).toBe(5);
    expect(first.map((p) => [p.leafIndex, p.integratedAt])).toEqual([0, 1, 2, 3, 4].map((i) => [i, now]));
    for (const [i, promise] of first.entries()) {
      expect(verifyInclusionPromise(log.hasher, promise, { verifiers: [log.verifier], origin: ORIGIN, record: recordOf(i) })).toEqual({ ok: true });
    }
    const at5 = await checkpointOf(log);

    // Appends in flight together: all durable, indices in call order, one batch or more.
    const more = await Promise.all(Array.from({ length: 20 }, (_, call) => log.append(Array.from({ length: 10 }, (_, j) => recordOf(5 + call * 10 + j)))));
    expect(more.flat().map((p) => p.leafIndex)).toEqual(Array.from({ length: 200 }, (_, i) => 5 + i));
    expect(new Set(more.flat().map((p) => p.batch.start)).size).toBeLessThan(20);
    expect(log.size).toBe(205);
    const at205 = await checkpointOf(log);

    for (const index of [0, 4, 5, 100, 204]) {
      const proof = await log.inclusionProof(index);
      expect(proof.treeSize).toBe(205);
      expect(verifyInclusion(log.hasher, { ...proof, root: at205.root })).toEqual({ ok: true });
      expect(proof.leafHash).toEqual(log.hasher.leafHash(await log.record(index)));
    }
    const old = await log.inclusionProof(3, 5);
    expect(verifyInclusion(log.hasher, { ...old, root: at5.root })).toEqual({ ok: true });
    const consistency = await log.consistencyProof(5);
    expect(verifyConsistency(log.hasher, { ...consistency, firstRoot: at5.root, secondRoot: at205.root })).toEqual({ ok: true });
    expect(await log.consistencyProof(0, 5)).toEqual({ firstSize: 0, secondSize: 5, proof: [] });
    expect(await log.root(5)).toEqual(at5.root);
    expect(await log.record(150)).toEqual(recordOf(150));
    await log.close();
  });

  it('publishes its key as verifier key text', async () => {
    const { suite, log } = await setUp();
    const parsed = parseVerifierKey(suite, log.verifierKey);
    expect(parsed).toMatchObject({ name: ORIGIN, keyId: log.verifier.keyId });
    const { note } = await log.checkpoint();
    expect(verifyCheckpoint(note, { verifiers: [parsed!] })).toMatchObject({ ok: true });
    await log.close();
  });

  it('reopens with the same tree, and a later checkpoint is consistent with an earlier one', async () => {
    const { open, log } = await setUp();
    await log.append(Array.from({ length: 37 }, (_, i) => recordOf(i)));
    const before = await checkpointOf(log);
    await log.close();
    const reopened = await open();
    expect(reopened.size).toBe(37);
    expect(reopened.recovered).toBeUndefined();
    expect(await checkpointOf(reopened)).toEqual(before);
    await reopened.append(Array.from({ length: 30 }, (_, i) => recordOf(37 + i)));
    const after = await checkpointOf(reopened);
    const proof = await reopened.consistencyProof(before.size, after.size);
    expect(verifyConsistency(reopened.hasher, { ...proof, firstRoot: before.root, secondRoot: after.root })).toEqual({ ok: true });
    await reopened.close();
  });

  it('keeps appending when each append starts from the previous one\'s continuation', async () => {
    const { log } = await setUp();
    for (let i = 0; i < 60; i++) expect((await log.append([recordOf(i)]))[0]?.leafIndex).toBe(i);
    const chained = await new Promise<number>((resolve, reject) => {
      const step = (i: number): void => {
        if (i === 100) return resolve(log.size);
        log.append([recordOf(i)]).then(() => step(i + 1), reject);
      };
      step(60);
    });
    expect(chained).toBe(100);
    await log.close();
  });

  it('refuses a batch stamped by a clock that gives no whole milliseconds, then goes on', async () => {
    const suite = await loadSuite(name);
    const directory = await mkdtemp(join(tmpdir(), `suitrust-log-${name}-clock-`));
    directories.push(directory);
    const readings = [1.5, Number.NaN, 1_750_000_000_000];
    const log = await openTransparencyLog({ directory, suite, origin: ORIGIN, signingKey: suite.generateKeyPair().privateKey, clock: () => readings.shift() ?? 1_750_000_000_001 });
    await expect(log.append([recordOf(0)])).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT', message: expect.stringContaining('clock') });
    await expect(log.append([recordOf(0)])).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT' });
    expect(log.size).toBe(0);
    expect((await log.append([recordOf(0)]))[0]).toMatchObject({ leafIndex: 0, integratedAt: 1_750_000_000_000 });
    await log.close();
  });

  it('copies records when appended, so callers may reuse their buffers', async () => {
    const { log } = await setUp();
    const buffer = new Uint8Array([1, 2, 3]);
    const pending = log.append([buffer]);
    buffer.fill(9);
    const [promise] = await pending;
    expect(await log.record(0)).toEqual(Uint8Array.of(1, 2, 3));
    expect(promise?.leafHash).toEqual(log.hasher.leafHash(Uint8Array.of(1, 2, 3)));
    await log.close();
  });

  it('refuses bad arguments with stable codes, and use after close', async () => {
    const { suite, directory, privateKey, log } = await setUp();
    await log.append([recordOf(0), recordOf(1)]);
    await expect(log.append([new Uint8Array(1), 'text' as unknown as Uint8Array])).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT', message: expect.stringContaining('records[1]') });
    await expect(log.inclusionProof(2)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    await expect(log.inclusionProof(0, 3)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    await expect(log.inclusionProof(-1)).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT' });
    await expect(log.consistencyProof(2, 1)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    await expect(log.consistencyProof(1, 3)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    await expect(log.root(3)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    await expect(log.record(2)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    expect(await log.append([])).toEqual([]);
    await log.close();
    await expect(log.append([recordOf(2)])).rejects.toMatchObject({ code: 'LOG_CLOSED' });
    await expect(openTransparencyLog({ directory, suite, origin: 'has space', signingKey: privateKey })).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT' });
    await expect(openTransparencyLog({ directory, suite, origin: ORIGIN, signingKey: 'not a pem' })).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT' });
    const other = await loadSuite(name === 'sm' ? 'std' : 'sm');
    await expect(openTransparencyLog({ directory, suite: other, origin: ORIGIN, signingKey: other.generateKeyPair().privateKey })).rejects.toMatchObject({ code: 'LOG_MISMATCH' });
  });

  it('takes a PEM signing key and a key name other than the origin', async () => {
    const suite = await loadSuite(name);
    const directory = await mkdtemp(join(tmpdir(), `suitrust-log-${name}-pem-`));
    directories.push(directory);
    const { privateKey } = suite.generateKeyPair();
    const log = await openTransparencyLog({ directory, suite, origin: 'City log 1', keyName: 'city.example/log1', signingKey: suite.exportPrivateKeyPem(privateKey) });
    expect(log.verifier.publicKey).toEqual(suite.publicKeyOf(privateKey));
    const { note, checkpoint } = await log.checkpoint();
    expect(note.startsWith('City log 1\n0\n')).toBe(true);
    expect(verifyCheckpoint(note, { verifiers: [log.verifier] })).toMatchObject({ ok: true, checkpoint });
    await log.close();
  });
});
