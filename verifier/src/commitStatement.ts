/**
 * The statement a peer's witness signs in a commit attestation: the channel, the block's number
 * and header hash, and what its own peer committed for it (TRANSACTIONS_FILTER and COMMIT_HASH,
 * which neither the header hash nor the orderer's signature cover). Encoded as the protobuf
 * `suitrust.proofs.v1.CommitStatement`; the signature covers the bytes as carried, and the
 * verifier decodes them and compares every field with the attestation's.
 */
import { suitrust } from '@suitrust/proto';
import { bytesEqual } from './bytes';
import { MalformedInputError } from './malformedInputError';

/** The fields of a commit statement. */
export interface CommitStatementFields {
  readonly channelId: string;
  readonly blockNumber: number;
  readonly blockHeaderHash: Uint8Array;
  readonly transactionsFilter: Uint8Array;
  readonly commitHash: Uint8Array;
}

/**
 * Encodes a statement for a witness to sign.
 *
 * @param statement - what the witness's peer committed
 * @returns the `CommitStatement` bytes
 */
export function encodeCommitStatement(statement: Readonly<CommitStatementFields>): Uint8Array {
  return suitrust.proofs.v1.CommitStatement.encode({ ...statement }).finish();
}

/**
 * Which field of a signed statement differs from the attestation, if any.
 *
 * @param body - the signed `CommitStatement` bytes
 * @param attested - the attestation's fields
 * @returns the name of the first differing field, or `undefined` when all agree
 * @throws {MalformedInputError} when the body is not a `CommitStatement`
 */
export function statementMismatch(body: Uint8Array, attested: Readonly<CommitStatementFields>): string | undefined {
  let statement: suitrust.proofs.v1.CommitStatement;
  try {
    statement = suitrust.proofs.v1.CommitStatement.decode(body);
  } catch {
    throw new MalformedInputError('the signed body is not a CommitStatement');
  }
  if (statement.channelId !== attested.channelId) return 'channel_id';
  if (Number(statement.blockNumber) !== attested.blockNumber) return 'block_number';
  if (!bytesEqual(statement.blockHeaderHash, attested.blockHeaderHash)) return 'block_header_hash';
  if (!bytesEqual(statement.transactionsFilter, attested.transactionsFilter)) return 'transactions_filter';
  if (!bytesEqual(statement.commitHash, attested.commitHash)) return 'commit_hash';
  return undefined;
}
