/**
 * Proofs on the embedded network, as `npm start` serves them: a ledger proof source whose
 * witnesses are the organisations' peers (their identities from the network material under the
 * data directory), and the channel's trust anchors (the organisations' CA certificates, the
 * ordering organisation's, and the embedded peer's endorsement policy: any one organisation).
 */
import type { ConnectionProfile, EmbeddedNetwork } from '@suitrust/network';
import type { suitrust } from '@suitrust/proto';
import { connectLedgerProofSource, type ConnectedLedgerProofSource } from './ledgerProofSource';
import { readOrganisationCertificates, trustAnchorsFor } from './trustAnchors';

/** What the proof routes need of a network. */
export interface NetworkProofs {
  readonly source: ConnectedLedgerProofSource;
  /** The channel's anchors, without the gateway's receipt key. */
  readonly channelTrust: suitrust.proofs.v1.TrustAnchors;
}

/**
 * Connects the proof source and reads the trust anchors of an embedded network.
 *
 * @param embedded - the running network's endpoint and material
 * @param profile - its connection profile
 * @param identity - the profile identity that reads blocks
 * @returns the source (close it on shutdown) and the channel's trust anchors
 */
export async function embeddedNetworkProofs(embedded: Pick<EmbeddedNetwork, 'endpoint' | 'material'>, profile: ConnectionProfile, identity: string): Promise<NetworkProofs> {
  const organisations = embedded.material.organisations;
  const channelTrust = trustAnchorsFor({
    application: await Promise.all(organisations.map((organisation) => readOrganisationCertificates(organisation.mspId, organisation.mspDirectory))),
    orderer: [{ mspId: embedded.material.ordererOrganisation.mspId, caCertificatePems: [embedded.material.ordererOrganisation.caCertificatePem] }],
    endorsementPolicy: 'any',
  });
  const source = await connectLedgerProofSource({
    profile,
    identity,
    witnesses: organisations.map((organisation) => ({
      mspId: organisation.mspId,
      mspDirectory: organisation.peer.mspDirectory,
      endpoint: embedded.endpoint,
      tlsRootCertPath: profile.peer.tlsRootCertPath,
      ...(profile.peer.hostnameOverride ? { hostnameOverride: profile.peer.hostnameOverride } : {}),
      channel: profile.channel,
    })),
  });
  return { source, channelTrust };
}
