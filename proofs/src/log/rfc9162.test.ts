/**
 * RFC 9162 §2.1 against the official vectors (test/fixtures/rfc9162-*.json, copied from the
 * shared known-answer vectors; see test/fixtures/README.md): tree heads of sizes 1..8, audit
 * paths and consistency proofs, generated and verified, with SHA-256 (`std` suite) and SM3
 * (`sm` suite).
 */
import { readFileSync } from 'node:fs';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { describe, expect, it } from 'vitest';
import { createMerkleHasher } from './merkleHasher';
import { merkleTreeHash } from './merkleTree';
import { memoryMerkleTree } from './memoryMerkleTree';
import { verifyConsistency } from './verifyConsistency';
import { verifyInclusion } from './verifyInclusion';

interface Vectors {
  readonly hash: 'sha256' | 'sm3';
  readonly leaves: readonly string[];
  readonly roots: readonly { readonly size: number; readonly root: string }[];
  readonly inclusion: readonly { readonly index: number; readonly size: number; readonly path: readonly string[] }[];
  readonly consistency: readonly { readonly from: number; readonly to: number; readonly proof: readonly string[] }[];
}

const fixture = (name: string): Vectors => JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')) as Vectors;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

describe.each([
  ['rfc9162-sha256.json', 'std'],
  ['rfc9162-sm3.json', 'sm'],
] as const)('RFC 9162 vectors %s', (file, suiteName: SuiteName) => {
  const vectors = fixture(file);
  const load = async () => {
    const suite = await loadSuite(suiteName);
    expect(suite.hashAlgorithm).toBe(vectors.hash);
    const hasher = createMerkleHasher(suite);
    const leafHashes = vectors.leaves.map((leaf) => hasher.leafHash(bytes(leaf)));
    return { hasher, tree: memoryMerkleTree(hasher, leafHashes), leafHashes };
  };

  it('has the eight leaves of Certificate Transparency and every size 1..8', () => {
    expect(vectors.leaves).toHaveLength(8);
    expect(vectors.roots.map(({ size }) => size)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reproduces the tree head of every size, level by level and from stored subtrees', async () => {
    const { hasher, tree, leafHashes } = await load();
    for (const { size, root } of vectors.roots) {
      expect(hex(merkleTreeHash(hasher, leafHashes.slice(0, size)))).toBe(root);
      expect(hex(tree.root(size))).toBe(root);
    }
  });

  it('hashes the empty tree as HASH()', async () => {
    const { hasher } = await load();
    const suite = await loadSuite(suiteName);
    expect(hex(merkleTreeHash(hasher, []))).toBe(hex(suite.hash(new Uint8Array(0))));
  });

  it('generates each audit path and verifies it against the vector root', async () => {
    const { hasher, tree, leafHashes } = await load();
    expect(vectors.inclusion.length).toBeGreaterThan(0);
    for (const { index, size, path } of vectors.inclusion) {
      expect(tree.inclusionPath(index, size).map(hex)).toEqual(path);
      const root = bytes(vectors.roots.find((r) => r.size === size)?.root ?? '');
      expect(verifyInclusion(hasher, { leafIndex: index, treeSize: size, leafHash: leafHashes[index] as Uint8Array, path: path.map(bytes), root })).toEqual({ ok: true });
    }
  });

  it('generates each consistency proof and verifies it against the vector roots', async () => {
    const { hasher, tree } = await load();
    expect(vectors.consistency.length).toBeGreaterThan(0);
    const rootOf = (size: number): Uint8Array => bytes(vectors.roots.find((r) => r.size === size)?.root ?? '');
    for (const { from, to, proof } of vectors.consistency) {
      expect(tree.consistencyPath(from, to).map(hex)).toEqual(proof);
      expect(verifyConsistency(hasher, { firstSize: from, secondSize: to, firstRoot: rootOf(from), secondRoot: rootOf(to), proof: proof.map(bytes) })).toEqual({ ok: true });
    }
  });
});
