/**
 * RFC 9162 §2.1.1 Merkle tree hashing, generic over the hash function: the leaf hash is
 * `HASH(0x00 ‖ data)`, an interior node is `HASH(0x01 ‖ left ‖ right)`, the empty tree is
 * `HASH()`. The domain-separation bytes keep a leaf from being passed off as a node (second
 * preimage attack, RFC 9162 §2.1.1 note).
 *
 * This module knows no algorithm: the configured crypto suite (SM3 by default, SHA-256 in the
 * `std` suite) supplies `hash` and `hashLength`. It imports nothing, so the chaincode's anchor
 * contract and the browser verifier can use it as it is.
 */

/** A hash function and its output length: a `CryptoSuite` is one. */
export interface HashFunction {
  /** Digest length in bytes. */
  readonly hashLength: number;
  /** Hashes `data` (never mutates it); returns `hashLength` bytes. */
  hash(data: Uint8Array): Uint8Array;
}

/** The three hashes of an RFC 9162 Merkle tree, with one hash function. */
export interface MerkleHasher {
  /** Length in bytes of every hash this hasher returns. */
  readonly hashLength: number;
  /** `HASH()`: the root of the empty tree (RFC 9162 §2.1.1, MTH({})). */
  emptyRoot(): Uint8Array;
  /** `HASH(0x00 ‖ data)`: the leaf hash of one log entry. */
  leafHash(data: Uint8Array): Uint8Array;
  /** `HASH(0x01 ‖ left ‖ right)`: the hash of an interior node from its children's hashes. */
  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
}

/** RFC 9162 §2.1.1 domain-separation prefix of a leaf. */
export const LEAF_PREFIX = 0x00;
/** RFC 9162 §2.1.1 domain-separation prefix of an interior node. */
export const NODE_PREFIX = 0x01;

/**
 * Builds the RFC 9162 hasher of a hash function.
 * @param hashFunction - the suite's hash (anything with `hash(bytes)` and `hashLength`).
 * @returns the hasher; its `nodeHash` throws a `RangeError` when a child is not `hashLength` bytes.
 * @throws {RangeError} when `hashLength` is not a positive integer.
 * @example
 * ```ts
 * const hasher = createMerkleHasher(await loadSuite('sm'));
 * const leaf = hasher.leafHash(record);
 * ```
 */
export function createMerkleHasher(hashFunction: HashFunction): MerkleHasher {
  const hashLength = hashFunction.hashLength;
  if (!Number.isSafeInteger(hashLength) || hashLength < 1) throw new RangeError(`hashLength: expected a positive integer, got ${hashLength}`);
  // One scratch buffer for interior nodes (1 + 2 × hashLength bytes): nodes are hashed about
  // once per appended record, and a fresh allocation each time costs more than the copy.
  const nodeInput = new Uint8Array(1 + 2 * hashLength);
  nodeInput[0] = NODE_PREFIX;
  const checked = (name: string, digest: Uint8Array): Uint8Array => {
    if (!(digest instanceof Uint8Array) || digest.length !== hashLength) {
      throw new RangeError(`${name}: expected ${hashLength} bytes, got ${digest instanceof Uint8Array ? digest.length : typeof digest}`);
    }
    return digest;
  };
  return {
    hashLength,
    emptyRoot: () => checked('hash()', hashFunction.hash(new Uint8Array(0))),
    leafHash(data: Uint8Array): Uint8Array {
      const input = new Uint8Array(1 + data.length);
      input[0] = LEAF_PREFIX;
      input.set(data, 1);
      return checked('hash(leaf)', hashFunction.hash(input));
    },
    nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
      nodeInput.set(checked('left', left), 1);
      nodeInput.set(checked('right', right), 1 + hashLength);
      return checked('hash(node)', hashFunction.hash(nodeInput));
    },
  };
}
