/**
 * A commit witness for one organisation: it reads blocks through that organisation's own peer,
 * acting as the peer's identity, and signs with the peer's key (ECDSA P-256 over SHA-256,
 * low-S as Fabric requires). The key comes from the peer's local MSP folder (the embedded
 * network's material and network.sh write the same layout) and is never logged.
 */
import { createHash, createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Network } from '@hyperledger/fabric-gateway';
import { msp } from '@hyperledger/fabric-protos';
import { signatureToLowS } from '@suitrust/network';
import { WITNESS_SIGNATURE_ALGORITHM, blockHeaderHash, encodeCommitStatement } from '@suitrust/verifier';
import { commitHash, proofHeader, transactionsFilter } from './blockParts';
import type { CommitQuestion, CommitTestimony, CommitWitness } from './commitWitness';
import { blockByNumber } from './ledgerQueries';
import { LedgerProofError } from './ledgerProofError';

/** A peer's signing identity. */
export interface PeerSigningIdentity {
  readonly mspId: string;
  readonly certificatePem: string;
  /** PKCS#8 PEM; held in memory only. */
  readonly privateKeyPem: string;
}

/** Options of {@link peerCommitWitness}. */
export interface PeerCommitWitnessOptions {
  readonly identity: PeerSigningIdentity;
  /** The channel, reached through the organisation's own peer. */
  readonly network: Network;
}

/**
 * A witness over a connection it is given.
 *
 * @param options - the peer's identity and the channel through its peer
 * @returns the witness
 */
export function peerCommitWitness(options: Readonly<PeerCommitWitnessOptions>): CommitWitness {
  return new PeerCommitWitness(options);
}

/** Where an organisation's peer is and which of its folders holds the peer's identity. */
export interface PeerWitnessConnection {
  readonly mspId: string;
  /** The peer's local MSP folder (`peers/peer0.<domain>/msp`): `signcerts/` and `keystore/`. */
  readonly mspDirectory: string;
  /** `host:port` of the organisation's peer. */
  readonly endpoint: string;
  readonly tlsRootCertPath: string;
  readonly hostnameOverride?: string;
  readonly channel: string;
}

/** A witness with the connection it opened. */
export interface ConnectedWitness {
  readonly witness: CommitWitness;
  /** Closes the gateway and its gRPC connection. */
  close(): void;
}

/**
 * Opens a connection to an organisation's peer as that peer's identity, and a witness over it.
 *
 * @param connection - the peer's endpoint, TLS root and MSP folder
 * @returns the witness and a way to close its connection
 * @throws {Error} when the MSP folder holds no certificate or key
 * @example
 * ```ts
 * const { witness, close } = await connectPeerWitness({ mspId: 'DataBureauMSP', mspDirectory, endpoint: 'localhost:7051', tlsRootCertPath, channel: 'suitrust' });
 * try { await assembleLedgerProof({ network, txId, witnesses: [witness] }); } finally { close(); }
 * ```
 */
export async function connectPeerWitness(connection: Readonly<PeerWitnessConnection>): Promise<ConnectedWitness> {
  const identity = await readPeerSigningIdentity(connection.mspDirectory, connection.mspId);
  const client = new grpc.Client(connection.endpoint, grpc.credentials.createSsl(await readFile(connection.tlsRootCertPath)), {
    ...(connection.hostnameOverride ? { 'grpc.ssl_target_name_override': connection.hostnameOverride } : {}),
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
  });
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKeyPem)),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
  });
  return {
    witness: peerCommitWitness({ identity, network: gateway.getNetwork(connection.channel) }),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

/**
 * Reads a peer's identity from its local MSP folder: the first certificate in `signcerts/` and the
 * first key in `keystore/`.
 *
 * @param mspDirectory - the peer's `msp` folder
 * @param mspId - its organisation
 * @returns the identity
 * @throws {Error} when either file is missing
 */
export async function readPeerSigningIdentity(mspDirectory: string, mspId: string): Promise<PeerSigningIdentity> {
  const first = async (folder: string): Promise<string> => {
    const names = (await readdir(join(mspDirectory, folder))).filter((name) => !name.startsWith('.')).sort();
    if (!names[0]) throw new Error(`the MSP folder ${mspDirectory} has nothing in ${folder}/`);
    return readFile(join(mspDirectory, folder, names[0]), 'utf8');
  };
  return { mspId, certificatePem: await first('signcerts'), privateKeyPem: await first('keystore') };
}

class PeerCommitWitness implements CommitWitness {
  readonly mspId: string;
  readonly #network: Network;
  readonly #key: KeyObject;
  readonly #identity: Uint8Array;
  readonly #keyId: Uint8Array;

  constructor(options: Readonly<PeerCommitWitnessOptions>) {
    this.mspId = options.identity.mspId;
    this.#network = options.network;
    this.#key = createPrivateKey(options.identity.privateKeyPem);
    const serialized = new msp.SerializedIdentity();
    serialized.setMspid(options.identity.mspId);
    serialized.setIdBytes(Buffer.from(options.identity.certificatePem, 'utf8'));
    this.#identity = serialized.serializeBinary();
    const spki = new X509Certificate(options.identity.certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    this.#keyId = createHash('sha256').update(spki).digest();
  }

  async attest(question: Readonly<CommitQuestion>): Promise<CommitTestimony> {
    if (question.channelId !== this.#network.getName()) throw new LedgerProofError('WITNESS_DISAGREES', `the witness of ${this.mspId} reads channel ${this.#network.getName()}, not ${question.channelId}`);
    const block = await blockByNumber(this.#network, question.blockNumber);
    const header = proofHeader(block);
    const headerHash = blockHeaderHash({ number: question.blockNumber, previousHash: header.previousHash ?? new Uint8Array(), dataHash: header.dataHash ?? new Uint8Array() });
    if (!Buffer.from(headerHash).equals(question.blockHeaderHash)) {
      throw new LedgerProofError('WITNESS_DISAGREES', `the peer of ${this.mspId} holds another block ${question.blockNumber}`);
    }
    const statement = { channelId: question.channelId, blockNumber: question.blockNumber, blockHeaderHash: headerHash, transactionsFilter: transactionsFilter(block), commitHash: commitHash(block) };
    const body = encodeCommitStatement(statement);
    const signature = signatureToLowS(sign('sha256', body, { key: this.#key, dsaEncoding: 'der' }), 'P-256');
    return {
      identity: this.#identity,
      signed: { body, algorithm: WITNESS_SIGNATURE_ALGORITHM, keyId: this.#keyId, signature },
      transactionsFilter: statement.transactionsFilter,
      commitHash: statement.commitHash,
    };
  }
}
