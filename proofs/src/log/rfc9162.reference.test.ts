/**
 * The engine against an independent reference for every tree size 1..257: every leaf's audit
 * path and every consistency proof between sizes 0 ≤ m ≤ n ≤ 257 must equal what the RFC 9162
 * §2.1 definitions produce when written out naively (recursion on D[0:k] and D[k:n]), every one
 * must verify, and tampered ones must not. 257 = 2^8 + 1 takes every shape past a full
 * eight-level tree. SHA-256 from node:crypto: the engine is generic, and this is about shapes.
 *
 * The same exhaustive comparison runs against the durable log, which answers from stored nodes,
 * in-memory upper levels, cached tiles and right edges rather than from a tree in memory: its
 * store with tiles of 4 leaves (reopened, so the upper levels come back from the file) and of
 * 256 leaves, and the transparency log itself, all filled in batches of growing sizes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@suitrust/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileLogStore } from './fileLogStore';
import { createMerkleHasher } from './merkleHasher';
import { consistencyPath, inclusionPath } from './merkleTree';
import { memoryMerkleTree } from './memoryMerkleTree';
import { openTransparencyLog } from './transparencyLog';
import { verifyConsistency } from './verifyConsistency';
import { verifyInclusion } from './verifyInclusion';

const MAX_SIZE = 257;

// ---- The reference: RFC 9162 §2.1.1, §2.1.3.1, §2.1.4.1 as written, over D = data[offset : offset + n].
const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};
const data = Array.from({ length: MAX_SIZE }, (_, i) => new Uint8Array([i & 0xff, i >> 8, 0x5a]));
/** The largest power of two smaller than n, counted up as the RFC says it: k < n ≤ 2k. */
const kOf = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
// MTH is a pure function of (offset, n); remembering its values keeps 66,000 proofs fast
// without changing what it computes.
const memo = new Map<string, Uint8Array>();
function mth(offset: number, n: number): Uint8Array {
  if (n === 0) return sha256();
  if (n === 1) return sha256(new Uint8Array([0x00]), data[offset] as Uint8Array);
  const key = `${offset}:${n}`;
  let value = memo.get(key);
  if (value === undefined) {
    const k = kOf(n);
    value = sha256(new Uint8Array([0x01]), mth(offset, k), mth(offset + k, n - k));
    memo.set(key, value);
  }
  return value;
}
function path(m: number, offset: number, n: number): Uint8Array[] {
  if (n === 1) return [];
  const k = kOf(n);
  return m < k ? [...path(m, offset, k), mth(offset + k, n - k)] : [...path(m - k, offset + k, n - k), mth(offset, k)];
}
function subproof(m: number, offset: number, n: number, b: boolean): Uint8Array[] {
  if (m === n) return b ? [] : [mth(offset, n)];
  const k = kOf(n);
  return m <= k ? [...subproof(m, offset, k, b), mth(offset + k, n - k)] : [...subproof(m - k, offset + k, n - k, false), mth(offset, k)];
}
const proof = (m: number, n: number): Uint8Array[] => (m === 0 ? [] : subproof(m, 0, n, true));

// ---- The engine under test.
const hasher = createMerkleHasher({ hashLength: 32, hash: (bytes) => sha256(bytes) });
const tree = memoryMerkleTree(
  hasher,
  data.map((d) => hasher.leafHash(d)),
);
const hex = (list: readonly Uint8Array[]): string[] => list.map((bytes) => Buffer.from(bytes).toString('hex'));
const flipped = (list: readonly Uint8Array[], at: number): Uint8Array[] =>
  list.map((bytes, i) => {
    if (i !== at) return bytes;
    const copy = bytes.slice();
    copy[i % copy.length] = (copy[i % copy.length] as number) ^ 0x01;
    return copy;
  });

describe('RFC 9162 engine against a naive reference, sizes 1..257', () => {
  it('computes every tree head as MTH does', () => {
    for (let n = 0; n <= MAX_SIZE; n++) expect(hex([tree.root(n)])).toEqual(hex([mth(0, n)]));
  });

  it('generates, verifies and refuses tampered copies of every audit path', () => {
    let checked = 0;
    for (let n = 1; n <= MAX_SIZE; n++) {
      const root = mth(0, n);
      for (let i = 0; i < n; i++) {
        const generated = tree.inclusionPath(i, n);
        const expected = path(i, 0, n);
        if (hex(generated).join() !== hex(expected).join()) expect({ i, n, path: hex(generated) }).toEqual({ i, n, path: hex(expected) });
        const leafHash = mth(i, 1);
        const claim = { leafIndex: i, treeSize: n, leafHash, path: generated, root };
        const verify = (changes: object) => verifyInclusion(hasher, { ...claim, ...changes });
        if (!verify({}).ok) expect({ i, n, result: verify({}) }).toEqual({ i, n, result: { ok: true } });
        const refusals = [
          verify({ root: mth(0, n + 1 <= MAX_SIZE ? n + 1 : n - 1) }).ok === false,
          verify({ path: [...generated, root] }).ok === false,
          verify({ leafIndex: n }).ok === false,
        ];
        if (generated.length > 0) {
          refusals.push(verify({ path: flipped(generated, (i + n) % generated.length) }).ok === false);
          refusals.push(verify({ path: generated.slice(0, -1) }).ok === false);
        }
        if (n > 1) refusals.push(verify({ leafHash: mth((i + 1) % n, 1) }).ok === false);
        if ((i ^ 1) < n) refusals.push(verify({ leafIndex: i ^ 1 }).ok === false);
        if (!refusals.every(Boolean)) expect({ i, n, refusals }).toEqual({ i, n, refusals: refusals.map(() => true) });
        checked++;
      }
    }
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
  });

  it('names the failed step of a refused audit path', () => {
    const n = 13;
    const i = 6;
    const claim = { leafIndex: i, treeSize: n, leafHash: mth(i, 1), path: tree.inclusionPath(i, n), root: mth(0, n) };
    expect(verifyInclusion(hasher, { ...claim, path: [...claim.path, mth(0, 1)] })).toMatchObject({ ok: false, reason: 'PATH_TOO_LONG' });
    expect(verifyInclusion(hasher, { ...claim, path: claim.path.slice(1) })).toMatchObject({ ok: false, reason: 'PATH_TOO_SHORT' });
    expect(verifyInclusion(hasher, { ...claim, root: mth(0, n - 1) })).toMatchObject({ ok: false, reason: 'ROOT_MISMATCH' });
    expect(verifyInclusion(hasher, { ...claim, leafIndex: n })).toMatchObject({ ok: false, reason: 'INDEX_OUT_OF_RANGE' });
    expect(verifyInclusion(hasher, { ...claim, leafIndex: -1 })).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyInclusion(hasher, { ...claim, leafHash: new Uint8Array(31) })).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyInclusion(hasher, { ...claim, path: [new Uint8Array(33)] })).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });

  it('generates, verifies and refuses tampered copies of every consistency proof', () => {
    let checked = 0;
    for (let n = 1; n <= MAX_SIZE; n++) {
      const secondRoot = mth(0, n);
      for (let m = 0; m <= n; m++) {
        const generated = tree.consistencyPath(m, n);
        const expected = proof(m, n);
        if (hex(generated).join() !== hex(expected).join()) expect({ m, n, proof: hex(generated) }).toEqual({ m, n, proof: hex(expected) });
        const claim = { firstSize: m, secondSize: n, firstRoot: mth(0, m), secondRoot, proof: generated };
        const verify = (changes: object) => verifyConsistency(hasher, { ...claim, ...changes });
        if (!verify({}).ok) expect({ m, n, result: verify({}) }).toEqual({ m, n, result: { ok: true } });
        const refusals = [verify({ proof: [...generated, secondRoot] }).ok === false, verify({ firstRoot: mth(0, m < MAX_SIZE ? m + 1 : m - 1) }).ok === false];
        // Every tree extends the empty one: for m = 0 the second root is not constrained.
        if (m > 0 && m < n) refusals.push(verify({ secondRoot: mth(0, n - 1) }).ok === false);
        if (m > 0 && m < n) refusals.push(verify({ firstSize: n, secondSize: m }).ok === false);
        if (generated.length > 0) {
          // Two positions per proof (one varying, and the last) rather than all: 33,000 proofs × all
          // positions took ≈ 10 s (measured) and exercised no further branch of the verifier.
          refusals.push(verify({ proof: flipped(generated, (m + n) % generated.length) }).ok === false);
          refusals.push(verify({ proof: flipped(generated, generated.length - 1) }).ok === false);
          refusals.push(verify({ proof: generated.slice(0, -1) }).ok === false);
        }
        if (!refusals.every(Boolean)) expect({ m, n, refusals }).toEqual({ m, n, refusals: refusals.map(() => true) });
        checked++;
      }
    }
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 3)) / 2);
  });

  it('names the failed step of a refused consistency proof', () => {
    const claim = { firstSize: 6, secondSize: 13, firstRoot: mth(0, 6), secondRoot: mth(0, 13), proof: tree.consistencyPath(6, 13) };
    expect(verifyConsistency(hasher, { ...claim, proof: [] })).toMatchObject({ ok: false, reason: 'EMPTY_PROOF' });
    expect(verifyConsistency(hasher, { ...claim, proof: [...claim.proof, mth(0, 1)] })).toMatchObject({ ok: false, reason: 'PROOF_TOO_LONG' });
    expect(verifyConsistency(hasher, { ...claim, proof: claim.proof.slice(0, -1) })).toMatchObject({ ok: false, reason: 'PROOF_TOO_SHORT' });
    expect(verifyConsistency(hasher, { ...claim, firstRoot: mth(0, 5) })).toMatchObject({ ok: false, reason: 'FIRST_ROOT_MISMATCH' });
    expect(verifyConsistency(hasher, { ...claim, secondRoot: mth(0, 12) })).toMatchObject({ ok: false, reason: 'SECOND_ROOT_MISMATCH' });
    expect(verifyConsistency(hasher, { ...claim, firstSize: 13, secondSize: 6 })).toMatchObject({ ok: false, reason: 'SIZES_OUT_OF_ORDER' });
    expect(verifyConsistency(hasher, { ...claim, firstSize: 13, firstRoot: mth(0, 13), proof: [mth(0, 1)] })).toMatchObject({ ok: false, reason: 'UNEXPECTED_PROOF' });
    expect(verifyConsistency(hasher, { ...claim, firstSize: 13, firstRoot: mth(0, 12), proof: [] })).toMatchObject({ ok: false, reason: 'FIRST_ROOT_MISMATCH' });
    expect(verifyConsistency(hasher, { ...claim, firstSize: 0, firstRoot: mth(0, 1), proof: [] })).toMatchObject({ ok: false, reason: 'FIRST_ROOT_MISMATCH' });
    expect(verifyConsistency(hasher, { ...claim, firstSize: 1.5 })).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });
});

/** What a durable tree answers, for one size at a time. */
interface DurableTree {
  root(n: number): Promise<Uint8Array>;
  leafHash(i: number, n: number): Promise<Uint8Array>;
  inclusionPath(i: number, n: number): Promise<readonly Uint8Array[]>;
  consistencyPath(m: number, n: number): Promise<readonly Uint8Array[]>;
}

const joined = (list: readonly Uint8Array[]): Buffer => Buffer.concat(list);
/** Batches of 1, 2, 3, … records, then the rest: 22 appends reach 253, one more 257. */
const batches = (): Uint8Array[][] => {
  const out: Uint8Array[][] = [];
  for (let from = 0, size = 1; from < MAX_SIZE; from += size, size++) out.push(data.slice(from, Math.min(MAX_SIZE, from + size)));
  return out;
};

describe('RFC 9162 durable log against the naive reference, sizes 1..257', () => {
  const directories: string[] = [];
  const fresh = async (): Promise<string> => {
    const directory = await mkdtemp(join(tmpdir(), 'suitrust-rfc9162-'));
    directories.push(directory);
    return directory;
  };
  afterAll(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  /** Every root, leaf hash, audit path and consistency proof of every size, against the reference. */
  async function expectEveryProof(tree: DurableTree): Promise<void> {
    let inclusions = 0;
    let consistencies = 0;
    for (let n = 1; n <= MAX_SIZE; n++) {
      expect(hex([await tree.root(n)]), `root(${n})`).toEqual(hex([mth(0, n)]));
      for (let i = 0; i < n; i++) {
        const generated = joined([await tree.leafHash(i, n), ...(await tree.inclusionPath(i, n))]);
        const expected = joined([mth(i, 1), ...path(i, 0, n)]);
        if (!generated.equals(expected)) expect({ i, n, path: generated.toString('hex') }).toEqual({ i, n, path: expected.toString('hex') });
        inclusions++;
      }
      for (let m = 0; m <= n; m++) {
        const generated = joined(await tree.consistencyPath(m, n));
        const expected = joined(proof(m, n));
        if (!generated.equals(expected)) expect({ m, n, proof: generated.toString('hex') }).toEqual({ m, n, proof: expected.toString('hex') });
        consistencies++;
      }
    }
    expect(inclusions).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
    expect(consistencies).toBe((MAX_SIZE * (MAX_SIZE + 3)) / 2);
  }

  it.each([
    [2, true],
    [8, false],
  ])('the file store with tiles of 2^%i leaves (reopened: %s)', async (tileHeight, reopen) => {
    const directory = await fresh();
    const options = { directory, hasher, hashAlgorithm: 'sha256', origin: 'test.example/rfc9162', tileHeight };
    let store = await openFileLogStore(options);
    for (const batch of batches()) await store.append(batch, batch.map((d) => hasher.leafHash(d)));
    if (reopen) {
      await store.close();
      store = await openFileLogStore(options);
    }
    const opened = store;
    try {
      expect(opened.size).toBe(MAX_SIZE);
      await expectEveryProof({
        root: async (n) => opened.root(n),
        leafHash: async (i) => opened.leafHash(i),
        inclusionPath: async (i, n) => inclusionPath(opened.reader(n), i, n),
        consistencyPath: async (m, n) => (m === 0 ? [] : consistencyPath(opened.reader(n), m, n)),
      });
    } finally {
      await opened.close();
    }
  });

  it('the transparency log', async () => {
    const suite = await loadSuite('std');
    const log = await openTransparencyLog({ directory: await fresh(), suite, origin: 'test.example/rfc9162', signingKey: suite.generateKeyPair().privateKey });
    try {
      for (const batch of batches()) await log.append(batch);
      expect(log.size).toBe(MAX_SIZE);
      await expectEveryProof({
        root: (n) => log.root(n),
        leafHash: async (i, n) => (await log.inclusionProof(i, n)).leafHash,
        inclusionPath: async (i, n) => (await log.inclusionProof(i, n)).path,
        consistencyPath: async (m, n) => (await log.consistencyProof(m, n)).proof,
      });
    } finally {
      await log.close();
    }
  });
});
