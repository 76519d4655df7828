/**
 * Fabric 2.5's block hashes (`protoutil/blockutils.go`): the header's DER is
 * SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash } (X.690 §8.3,
 * §8.7, §8.9, as Go's `encoding/asn1` marshals it) and its SHA-256 is the block's hash; the data
 * hash is SHA-256 of the envelopes simply concatenated (no length prefix, no Merkle tree).
 */
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from './bytes';
import { DerTag, encodeDer, encodeDerInteger } from './der';

/** A block header's three hashed fields. */
export interface HeaderFields {
  readonly number: number;
  readonly previousHash: Uint8Array;
  readonly dataHash: Uint8Array;
}

/**
 * The DER bytes Fabric hashes and the orderer signs (`protoutil.BlockHeaderBytes`).
 *
 * @param header - number, previous hash, data hash
 * @returns the DER SEQUENCE
 */
export function blockHeaderBytes(header: HeaderFields): Uint8Array {
  return encodeDer(DerTag.SEQUENCE, concatBytes(encodeDerInteger(BigInt(header.number)), encodeDer(DerTag.OCTET_STRING, header.previousHash), encodeDer(DerTag.OCTET_STRING, header.dataHash)));
}

/**
 * A block's hash, what the next block carries as previous hash (`protoutil.BlockHeaderHash`).
 *
 * @param header - number, previous hash, data hash
 * @returns SHA-256 of {@link blockHeaderBytes}
 */
export function blockHeaderHash(header: HeaderFields): Uint8Array {
  return sha256(blockHeaderBytes(header));
}

/**
 * A block's data hash (`protoutil.ComputeBlockDataHash`).
 *
 * @param envelopes - the block's envelopes in order
 * @returns SHA-256 of their concatenation
 */
export function blockDataHash(envelopes: readonly Uint8Array[]): Uint8Array {
  const hash = sha256.create();
  for (const envelope of envelopes) hash.update(envelope);
  return hash.digest();
}
