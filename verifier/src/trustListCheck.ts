/**
 * A bundle carries the trust anchors it was made with; a verifier trusts them only as far as they
 * appear in a list it got out of band (the organisations' published fingerprints). Every
 * certificate and key of the bundle must be in that list, and the list, not the bundle, states
 * the endorsement policy and the attestation threshold.
 */
import type { suitrust } from '@suitrust/proto';
import { bytesEqual, toHex } from './bytes';
import { failed, passed, type Check } from './check';

/**
 * `trust.list`: whether the bundle's anchors are all in the trusted list.
 *
 * @param bundled - the bundle's anchors
 * @param trusted - the verifier's list, if it has one
 * @returns the check
 */
export function trustListCheck(bundled: suitrust.proofs.v1.ITrustAnchors, trusted: suitrust.proofs.v1.ITrustAnchors | undefined): Check {
  if (!trusted) return failed('trust.list', 'no trusted list was supplied: the bundle\'s own anchors prove nothing');
  const missing: string[] = [];
  for (const certificate of bundled.certificates ?? []) {
    const fingerprint = certificate.fingerprintSha256 ?? new Uint8Array();
    const found = (trusted.certificates ?? []).some((candidate) => candidate.mspId === certificate.mspId && candidate.role === certificate.role && bytesEqual(candidate.fingerprintSha256 ?? new Uint8Array(), fingerprint) && bytesEqual(candidate.der ?? new Uint8Array(), certificate.der ?? new Uint8Array()));
    if (!found) missing.push(`${certificate.role ?? ''} certificate of ${certificate.mspId ?? ''} (${toHex(fingerprint)})`);
  }
  const keys = (kind: string, bundledKeys: readonly suitrust.proofs.v1.ITrustedKey[] | null | undefined, trustedKeys: readonly suitrust.proofs.v1.ITrustedKey[] | null | undefined): void => {
    for (const key of bundledKeys ?? []) {
      const found = (trustedKeys ?? []).some((candidate) => candidate.name === key.name && candidate.algorithm === key.algorithm && bytesEqual(candidate.fingerprint ?? new Uint8Array(), key.fingerprint ?? new Uint8Array()) && bytesEqual(candidate.publicKey ?? new Uint8Array(), key.publicKey ?? new Uint8Array()));
      if (!found) missing.push(`${kind} key ${key.name ?? ''}`);
    }
  };
  keys('log', bundled.logKeys, trusted.logKeys);
  keys('receipt', bundled.receiptKeys, trusted.receiptKeys);
  return missing.length === 0 ? passed('trust.list', 'every anchor of the bundle is in the trusted list') : failed('trust.list', `not in the trusted list: ${missing.join('; ')}`);
}
