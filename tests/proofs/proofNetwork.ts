/**
 * An embedded network set up for proofs: a client acting as the judge, a commit witness per
 * organisation (each as its peer's identity, from its peer's MSP folder) and the channel's trust
 * anchors read from the organisations' MSP folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@grpc/grpc-js';
import type { Gateway, Network } from '@hyperledger/fabric-gateway';
import { contracts } from '@suitrust/chaincode';
import { startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import type { suitrust } from '@suitrust/proto';
import { connectPeerWitness, readOrganisationCertificates, trustAnchorsFor, type CommitWitness, type ConnectedWitness } from '@suitrust/gateway';
import { gatewayAs, grpcClient, readConnectionProfile } from '../shared/profileClient';

/** A running network and what proofs need of it. */
export interface ProofNetwork {
  readonly embedded: EmbeddedNetwork;
  readonly profile: ConnectionProfile;
  /** The channel, as the judge of the internet court. */
  readonly network: Network;
  readonly witnesses: readonly CommitWitness[];
  readonly trust: suitrust.proofs.v1.TrustAnchors;
  close(): Promise<void>;
}

/** Starts the embedded network (blocks cut at 10 transactions or 50 ms) in a temporary folder. */
export async function startProofNetwork(): Promise<ProofNetwork> {
  const directory = mkdtempSync(join(tmpdir(), 'suitrust-proofs-'));
  let embedded: EmbeddedNetwork | undefined;
  let client: Client | undefined;
  let judge: Gateway | undefined;
  const witnesses: ConnectedWitness[] = [];
  const close = async (): Promise<void> => {
    for (const connected of witnesses) connected.close();
    judge?.close();
    client?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    embedded = await startEmbeddedNetwork({ directory, contracts, port: 0, limits: { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 50 } });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    client = grpcClient(profile);
    judge = gatewayAs(profile, client, 'judge');
    for (const organisation of embedded.material.organisations) {
      witnesses.push(
        await connectPeerWitness({
          mspId: organisation.mspId,
          mspDirectory: organisation.peer.mspDirectory,
          endpoint: embedded.endpoint,
          tlsRootCertPath: profile.peer.tlsRootCertPath,
          ...(profile.peer.hostnameOverride ? { hostnameOverride: profile.peer.hostnameOverride } : {}),
          channel: profile.channel,
        }),
      );
    }
    const trust = trustAnchorsFor({
      application: await Promise.all(embedded.material.organisations.map((organisation) => readOrganisationCertificates(organisation.mspId, organisation.mspDirectory))),
      orderer: [{ mspId: embedded.material.ordererOrganisation.mspId, caCertificatePems: [embedded.material.ordererOrganisation.caCertificatePem] }],
      endorsementPolicy: 'any',
    });
    return { embedded, profile, network: judge.getNetwork(profile.channel), witnesses: witnesses.map((connected) => connected.witness), trust, close };
  } catch (error) {
    await close();
    throw error;
  }
}
