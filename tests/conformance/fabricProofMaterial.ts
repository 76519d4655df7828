/**
 * A real Fabric network's proof material, as `network/scripts/network.sh` lays it out: each
 * organisation's `peer0` reached on its own port (the city's port plus the network's offset) and
 * signing with its own MSP folder, and the trust anchors from the organisations' MSP folders.
 */
import { join } from 'node:path';
import { CITY_ORGANISATIONS } from '@suitrust/network';
import { readOrganisationCertificates, trustAnchorsFor } from '@suitrust/gateway';
import type { ProofMaterial } from './conformanceScenarios';

/** Options of {@link fabricProofMaterial}. */
export interface FabricProofMaterialOptions {
  /** The network's state folder (`SUITRUST_FABRIC_HOME`), holding `material/organizations`. */
  readonly home: string;
  /** The ports' offset the network was started with. */
  readonly portOffset: number;
  /** The chaincode's endorsement policy the network was deployed with. */
  readonly endorsement: 'any' | 'majority' | 'all';
}

/**
 * @param options - where the network's material is, its port offset and endorsement policy
 * @returns witnesses for every peer organisation of the default city, and the trust anchors
 */
export async function fabricProofMaterial(options: Readonly<FabricProofMaterialOptions>): Promise<ProofMaterial> {
  const organizations = join(options.home, 'material', 'organizations');
  const { peerOrganisations, ordererOrganisation } = CITY_ORGANISATIONS;
  const peerDirectory = (domain: string): string => join(organizations, 'peerOrganizations', domain, 'peers', `peer0.${domain}`);
  return {
    witnesses: peerOrganisations.map((organisation) => ({
      mspId: organisation.mspId,
      mspDirectory: join(peerDirectory(organisation.domain), 'msp'),
      endpoint: `localhost:${organisation.peer.port + options.portOffset}`,
      tlsRootCertPath: join(peerDirectory(organisation.domain), 'tls', 'ca.crt'),
      hostnameOverride: `peer0.${organisation.domain}`,
    })),
    trust: trustAnchorsFor({
      application: await Promise.all(peerOrganisations.map((organisation) => readOrganisationCertificates(organisation.mspId, join(organizations, 'peerOrganizations', organisation.domain, 'msp')))),
      orderer: [await readOrganisationCertificates(ordererOrganisation.mspId, join(organizations, 'ordererOrganizations', ordererOrganisation.domain, 'msp'))],
      endorsementPolicy: options.endorsement,
    }),
  };
}
