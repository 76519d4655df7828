/**
 * The embedded network's proof material: one commit witness per organisation, each signing as its
 * organisation's peer through the one embedded endpoint, and the trust anchors from the
 * organisations' MSP folders.
 */
import type { ConnectionProfile, EmbeddedNetwork } from '@suitrust/network';
import { readOrganisationCertificates, trustAnchorsFor } from '@suitrust/gateway';
import type { ProofMaterial } from './conformanceScenarios';

/**
 * @param embedded - the running embedded network
 * @param profile - its connection profile
 * @param endorsementPolicy - the policy the network was started with
 */
export async function embeddedProofMaterial(embedded: EmbeddedNetwork, profile: ConnectionProfile, endorsementPolicy: 'any' | 'majority' | 'all'): Promise<ProofMaterial> {
  const { organisations, ordererOrganisation } = embedded.material;
  return {
    witnesses: organisations.map((organisation) => ({
      mspId: organisation.mspId,
      mspDirectory: organisation.peer.mspDirectory,
      endpoint: embedded.endpoint,
      tlsRootCertPath: profile.peer.tlsRootCertPath,
      ...(profile.peer.hostnameOverride ? { hostnameOverride: profile.peer.hostnameOverride } : {}),
    })),
    trust: trustAnchorsFor({
      application: await Promise.all(organisations.map((organisation) => readOrganisationCertificates(organisation.mspId, organisation.mspDirectory))),
      orderer: [{ mspId: ordererOrganisation.mspId, caCertificatePems: [ordererOrganisation.caCertificatePem] }],
      endorsementPolicy,
    }),
  };
}
