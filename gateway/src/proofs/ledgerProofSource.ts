/**
 * The seam through which the proof routes get a transaction's ledger proof, and its one
 * implementation over Fabric: a channel connection as one of the profile's identities (reading
 * blocks through the query system chaincode) and a commit witness per organisation, each
 * reaching its own organisation's peer as that peer's identity.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import type { ConnectionProfile } from '@suitrust/network';
import type { suitrust } from '@suitrust/proto';
import { ProblemError } from '../errors/problemError';
import { assembleLedgerProof } from './assembleLedgerProof';
import { LedgerProofError } from './ledgerProofError';
import { connectPeerWitness, type ConnectedWitness, type PeerWitnessConnection } from './peerCommitWitness';

/** Ledger proofs of transactions. */
export interface LedgerProofSource {
  /**
   * The ledger proof of a transaction, up to the latest block, attested by every witness.
   * @param txId - the transaction
   * @returns the proof
   * @throws {ProblemError} PROOF_TRANSACTION_UNKNOWN, or PROOF_UNAVAILABLE when a peer or witness does not answer or disagrees
   */
  prove(txId: string): Promise<suitrust.proofs.v1.LedgerProof>;
}

/** A proof source with the connections it opened. */
export interface ConnectedLedgerProofSource extends LedgerProofSource {
  /** Closes every connection. */
  close(): void;
}

/** Options of {@link connectLedgerProofSource}. */
export interface LedgerProofSourceOptions {
  readonly profile: ConnectionProfile;
  /** The profile identity that reads blocks (an auditor's, say). */
  readonly identity: string;
  /** One organisation's peer each; every one attests each proof. */
  readonly witnesses: readonly PeerWitnessConnection[];
}

/**
 * Connects to the profile's peer and to each witness's peer.
 *
 * @param options - the profile, the reading identity and the witnesses' peers
 * @returns the source
 * @throws {Error} when the identity is not in the profile or a witness's MSP folder lacks its key
 * @example
 * ```ts
 * const proofs = await connectLedgerProofSource({ profile, identity: 'auditor@databureau', witnesses });
 * try { const proof = await proofs.prove(txId); } finally { proofs.close(); }
 * ```
 */
export async function connectLedgerProofSource(options: Readonly<LedgerProofSourceOptions>): Promise<ConnectedLedgerProofSource> {
  const identity = options.profile.identities.find((candidate) => candidate.name === options.identity);
  if (!identity) throw new Error(`no identity ${options.identity} in the connection profile`);
  const peer = options.profile.peer;
  const client = new grpc.Client(peer.endpoint, grpc.credentials.createSsl(await readFile(peer.tlsRootCertPath)), {
    ...(peer.hostnameOverride ? { 'grpc.ssl_target_name_override': peer.hostnameOverride } : {}),
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
  });
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: await readFile(identity.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(await readFile(identity.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
  });
  const witnesses: ConnectedWitness[] = [];
  const close = (): void => {
    for (const connected of witnesses) connected.close();
    gateway.close();
    client.close();
  };
  try {
    for (const witness of options.witnesses) witnesses.push(await connectPeerWitness(witness));
  } catch (error) {
    close();
    throw error;
  }
  const network = gateway.getNetwork(options.profile.channel);
  return {
    async prove(txId) {
      try {
        return await assembleLedgerProof({ network, txId, witnesses: witnesses.map((connected) => connected.witness) });
      } catch (error) {
        if (error instanceof LedgerProofError && error.code === 'TRANSACTION_NOT_FOUND') throw new ProblemError('PROOF_TRANSACTION_UNKNOWN', `no transaction ${txId} on channel ${network.getName()}`, { field: 'txId', cause: error });
        throw new ProblemError('PROOF_UNAVAILABLE', `the proof of transaction ${txId} cannot be assembled now`, { transactionId: txId, cause: error });
      }
    },
    close,
  };
}
