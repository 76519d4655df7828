/**
 * Transparency logs for the anchor contract's tests: an in-memory RFC 9162 tree of numbered
 * records, signed with a fresh key of either suite, that hands out checkpoints and consistency
 * proofs as a real log would, and can be rewritten to make a forked history.
 */
import { signingSuite, toHex, type SigningSuite, type SuiteName } from '@suitrust/crypto';
import { createMerkleHasher, createNoteSigner, formatVerifierKey, memoryMerkleTree, signCheckpoint, type MerkleHasher, type SuiteNoteSigner } from '@suitrust/proofs';

/** A log held in memory, and the key that signs its checkpoints. */
export interface TestLog {
  readonly origin: string;
  readonly hashAlgorithm: 'sm3' | 'sha256';
  readonly suite: SigningSuite;
  readonly hasher: MerkleHasher;
  readonly signer: SuiteNoteSigner;
  /** The key text to register. */
  readonly verifierKey: string;
  /** The records (leaves) so far. */
  readonly records: Uint8Array[];
  /** Appends `count` records whose text starts with `label`. */
  append(count: number, label?: string): void;
  /** The signed checkpoint of the first `size` records (all by default). */
  note(size?: number): string;
  /** The consistency proof from `from` to `to` records, as hex. */
  proof(from: number, to?: number): string[];
  /** The root of the first `size` records, as hex. */
  rootHex(size?: number): string;
}

/**
 * A log of the named suite with a fresh signing key.
 * @param suiteName - `sm` (SM3, SM2) or `std` (SHA-256, Ed25519).
 * @param origin - the log's origin and key name.
 */
export function testLog(suiteName: SuiteName, origin: string): TestLog {
  const suite = signingSuite(suiteName);
  const hasher = createMerkleHasher(suite);
  // A fixed-looking but fresh key: 32 bytes from the suite's hash of the origin and a counter.
  const privateKey = suite.hash(new TextEncoder().encode(`test key of ${origin} ${keyCounter++}`));
  const signer = createNoteSigner({ suite, name: origin, privateKey });
  const records: Uint8Array[] = [];
  const tree = (size: number) => memoryMerkleTree(hasher, records.slice(0, size).map((record) => hasher.leafHash(record)));
  return {
    origin,
    hashAlgorithm: suite.hashAlgorithm,
    suite,
    hasher,
    signer,
    verifierKey: formatVerifierKey(signer),
    records,
    append(count, label = 'record') {
      for (let i = 0; i < count; i++) records.push(new TextEncoder().encode(`${label} ${records.length}`));
    },
    note(size = records.length) {
      return signCheckpoint({ origin, size, root: tree(size).root() }, [signer]);
    },
    proof(from, to = records.length) {
      return tree(to).consistencyPath(from, to).map(toHex);
    },
    rootHex(size = records.length) {
      return toHex(tree(size).root());
    },
  };
}

let keyCounter = 0;
