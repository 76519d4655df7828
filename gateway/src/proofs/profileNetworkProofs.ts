/**
 * Proofs on the network a connection profile describes — the embedded one or a real Fabric
 * network alike: a ledger proof source whose witnesses are the organisations' peers (each read
 * through its own endpoint and signing with its own identity, from the profile's
 * `organisations`), and the channel's trust anchors (the organisations' and the ordering
 * organisation's CA certificates, and the chaincode's endorsement policy).
 */
import type { ConnectionProfile } from '@suitrust/network';
import type { suitrust } from '@suitrust/proto';
import type { EndorsementRule } from '@suitrust/verifier';
import { connectLedgerProofSource, type ConnectedLedgerProofSource } from './ledgerProofSource';
import { readOrganisationCertificates, trustAnchorsFor } from './trustAnchors';

/** What the proof routes need of a network. */
export interface NetworkProofs {
  readonly source: ConnectedLedgerProofSource;
  /** The channel's anchors, without the gateway's receipt key. */
  readonly channelTrust: suitrust.proofs.v1.TrustAnchors;
}

/**
 * Connects the proof source and reads the trust anchors of the profile's network.
 *
 * @param profile - a profile with `organisations` and `ordererOrganisation`
 * @param identity - the profile identity that reads blocks
 * @param endorsementPolicy - the chaincode's endorsement policy, as its definition on the channel states it
 * @returns the source (close it on shutdown) and the channel's trust anchors, or `undefined`
 *   when the profile does not describe the organisations
 */
export async function profileNetworkProofs(profile: ConnectionProfile, identity: string, endorsementPolicy: EndorsementRule): Promise<NetworkProofs | undefined> {
  const { organisations, ordererOrganisation } = profile;
  if (organisations === undefined || ordererOrganisation === undefined) return undefined;
  const channelTrust = trustAnchorsFor({
    application: await Promise.all(organisations.map((organisation) => readOrganisationCertificates(organisation.mspId, organisation.mspDirectory))),
    orderer: [await readOrganisationCertificates(ordererOrganisation.mspId, ordererOrganisation.mspDirectory)],
    endorsementPolicy,
  });
  const source = await connectLedgerProofSource({
    profile,
    identity,
    witnesses: organisations.map((organisation) => ({
      mspId: organisation.mspId,
      mspDirectory: organisation.peer.mspDirectory,
      endpoint: organisation.peer.endpoint,
      tlsRootCertPath: organisation.peer.tlsRootCertPath,
      ...(organisation.peer.hostnameOverride ? { hostnameOverride: organisation.peer.hostnameOverride } : {}),
      channel: profile.channel,
    })),
  });
  return { source, channelTrust };
}
