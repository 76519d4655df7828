/**
 * The CA certificates of the trust anchors, by organisation and role, and the identity check a
 * Fabric MSP makes against them (`msp/mspimplvalidate.go`): the identity's certificate is not a
 * CA's, holds a P-256 key, and is signed by one of its organisation's CA certificates whose
 * subject is its issuer; like Fabric, validity is judged at the certificate's notBefore + 1 s
 * (FAB-3678), so a proof keeps verifying after certificates expire. Not covered: intermediate
 * CAs, CRLs, NodeOU roles.
 */
import type { suitrust } from '@suitrust/proto';
import { sha256 } from '@noble/hashes/sha2';
import { bytesEqual, toHex } from './bytes';
import { ECDSA_WITH_SHA256_OID, nobleP256Engine, P256_CURVE_OID, verifyP256Signature, type P256Engine } from './ecdsaP256';
import { parseSerializedIdentity } from './fabricMessages';
import { certificateDerFromPem } from './pem';
import { parseCertificate, type X509Certificate } from './x509Certificate';

/** The roles of trusted CA certificates: an application organisation's, an ordering organisation's. */
export type CaRole = 'ca' | 'orderer';

/** An identity that chains to a trusted CA. */
export interface TrustedIdentity {
  readonly mspId: string;
  readonly certificate: X509Certificate;
}

/** Outcome of {@link TrustIndex.identify}. */
export type IdentityCheck = ({ readonly ok: true } & TrustedIdentity) | { readonly ok: false; readonly reason: string };

interface TrustedCa {
  readonly mspId: string;
  readonly role: string;
  readonly certificate: X509Certificate;
}

/** The trust anchors, parsed once. */
export class TrustIndex {
  readonly #cas: readonly TrustedCa[];
  /** Why some anchors were unusable; empty when every anchor is sound. */
  readonly problems: readonly string[];
  /** MSP IDs of the application organisations (those with a `ca` certificate), sorted. */
  readonly applicationOrganisations: readonly string[];
  /** The P-256 arithmetic every check against these anchors uses. */
  readonly p256: P256Engine;
  /**
   * Identities already judged, by role and serialised identity: one proof names the same orderer,
   * peer or client several times (block and last block, endorser and witness), and each judgement
   * costs a CA signature check.
   */
  readonly #judged = new Map<string, IdentityCheck>();

  /**
   * @param anchors - the trust anchors; unusable certificates are set aside and named in {@link problems}
   * @param p256 - the P-256 arithmetic; plain JavaScript unless told
   */
  constructor(anchors: suitrust.proofs.v1.ITrustAnchors, p256: P256Engine = nobleP256Engine) {
    this.p256 = p256;
    const cas: TrustedCa[] = [];
    const problems: string[] = [];
    (anchors.certificates ?? []).forEach((anchor, index) => {
      const der = anchor.der ?? new Uint8Array();
      const name = `certificates[${index}] (${anchor.mspId ?? ''} ${anchor.role ?? ''})`;
      if (!bytesEqual(sha256(der), anchor.fingerprintSha256 ?? new Uint8Array())) problems.push(`${name}: fingerprint is not SHA-256 of the DER`);
      try {
        const certificate = parseCertificate(der, name);
        if (!certificate.isCa) problems.push(`${name}: not a CA certificate`);
        else cas.push({ mspId: anchor.mspId ?? '', role: anchor.role ?? '', certificate });
      } catch (error) {
        problems.push((error as Error).message);
      }
    });
    this.#cas = cas;
    this.problems = problems;
    this.applicationOrganisations = [...new Set(cas.filter((ca) => ca.role === 'ca').map((ca) => ca.mspId))].sort();
  }

  /**
   * Checks a serialised identity against its organisation's trusted CAs of a role.
   *
   * @param serializedIdentity - `msp.SerializedIdentity` bytes
   * @param role - `ca` for members of application organisations, `orderer` for orderers
   * @returns the identity, or why it is not trusted
   */
  identify(serializedIdentity: Uint8Array, role: CaRole): IdentityCheck {
    const key = `${role}:${toHex(serializedIdentity)}`;
    let judged = this.#judged.get(key);
    if (judged === undefined) {
      judged = this.#judge(serializedIdentity, role);
      this.#judged.set(key, judged);
    }
    return judged;
  }

  #judge(serializedIdentity: Uint8Array, role: CaRole): IdentityCheck {
    try {
      const { mspId, idBytes } = parseSerializedIdentity(serializedIdentity);
      const der = certificateDerFromPem(new TextDecoder().decode(idBytes));
      if (!der) return { ok: false, reason: `${mspId}: the identity holds no PEM certificate` };
      const certificate = parseCertificate(der, `certificate of ${mspId}`);
      if (certificate.isCa) return { ok: false, reason: `${mspId}: a CA certificate cannot sign as an identity` };
      if (certificate.namedCurve !== P256_CURVE_OID) return { ok: false, reason: `${mspId}: the certificate's key is not ECDSA P-256` };
      const candidates = this.#cas.filter((ca) => ca.mspId === mspId && ca.role === role);
      if (candidates.length === 0) return { ok: false, reason: `no trusted ${role} certificate for MSP ${mspId}` };
      const reasons = candidates.map((ca) => issuedBy(certificate, ca.certificate, this.p256));
      if (reasons.includes(undefined)) return { ok: true, mspId, certificate };
      return { ok: false, reason: `${mspId}: not issued by a trusted ${role} certificate (${reasons.join('; ')})` };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }
}

/** Why `certificate` was not issued by `ca`, or `undefined` when it was. */
function issuedBy(certificate: X509Certificate, ca: X509Certificate, p256: P256Engine): string | undefined {
  if (!bytesEqual(certificate.issuer, ca.subject)) return 'issuer is not the CA\'s subject';
  if (certificate.signatureAlgorithm !== ECDSA_WITH_SHA256_OID || ca.namedCurve !== P256_CURVE_OID) return `unsupported signature algorithm ${certificate.signatureAlgorithm}`;
  const signature = verifyP256Signature(ca.publicKey, certificate.tbs, certificate.signature, { requireLowS: false }, p256);
  if (!signature.ok) return `the CA's signature: ${signature.reason}`;
  const at = certificate.notBefore + 1000;
  if (at > certificate.notAfter || at < ca.notBefore || at > ca.notAfter) return 'not valid within the CA\'s validity period';
  return undefined;
}
