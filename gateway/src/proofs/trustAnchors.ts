/**
 * Trust anchors from the organisations' MSP material: each organisation's signing CA
 * certificates (its channel MSP folder's `cacerts/`), role `ca` for application organisations and
 * `orderer` for ordering organisations, each with its fingerprint, SHA-256 of the DER, so a
 * verifier can compare them with a list published out of band. The endorsement policy and the
 * attestation threshold are stated beside them (see `@suitrust/verifier`).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suitrust } from '@suitrust/proto';
import type { EndorsementRule } from '@suitrust/verifier';

/** An organisation's CA certificates. */
export interface OrganisationCertificates {
  readonly mspId: string;
  /** PEM certificates of the organisation's signing CAs. */
  readonly caCertificatePems: readonly string[];
}

/** What {@link trustAnchorsFor} needs. */
export interface TrustAnchorsRequest {
  readonly application: readonly OrganisationCertificates[];
  readonly orderer: readonly OrganisationCertificates[];
  readonly endorsementPolicy: EndorsementRule;
  /** Organisations whose peers must attest a commit; 0 (the default) means a majority. */
  readonly attestationThreshold?: number;
}

/**
 * Builds the trust anchors of a channel.
 *
 * @param request - the organisations' CA certificates, the policy and the threshold
 * @returns the trust anchors
 * @throws {Error} when a certificate is not PEM
 */
export function trustAnchorsFor(request: Readonly<TrustAnchorsRequest>): suitrust.proofs.v1.TrustAnchors {
  const certificates = [
    ...request.application.flatMap((organisation) => organisation.caCertificatePems.map((pem) => trustedCertificate(organisation.mspId, 'ca', pem))),
    ...request.orderer.flatMap((organisation) => organisation.caCertificatePems.map((pem) => trustedCertificate(organisation.mspId, 'orderer', pem))),
  ];
  return suitrust.proofs.v1.TrustAnchors.create({ certificates, endorsementPolicy: request.endorsementPolicy, attestationThreshold: request.attestationThreshold ?? 0 });
}

/**
 * Reads an organisation's CA certificates from its MSP folder's `cacerts/`.
 *
 * @param mspId - the organisation
 * @param mspDirectory - its channel MSP folder
 * @returns the organisation's certificates
 */
export async function readOrganisationCertificates(mspId: string, mspDirectory: string): Promise<OrganisationCertificates> {
  const folder = join(mspDirectory, 'cacerts');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.pem')).sort();
  return { mspId, caCertificatePems: await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8'))) };
}

function trustedCertificate(mspId: string, role: 'ca' | 'orderer', pem: string): suitrust.proofs.v1.ITrustedCertificate {
  const der = new X509Certificate(pem).raw;
  return { mspId, role, der, fingerprintSha256: createHash('sha256').update(der).digest() };
}
