/**
 * The channel's organisations (MSPs) and the checks a committing peer makes on an identity, as
 * Fabric 2.5's X.509 MSP does them:
 *
 * - `msp/mspmgrimpl.go` `DeserializeIdentity`: the `msp.SerializedIdentity`'s MSP ID must be one
 *   of the channel's;
 * - `msp/mspimpl.go` `deserializeIdentityInternal`: `id_bytes` holds a PEM certificate (the first
 *   PEM block is read) whose key the BCCSP can import (ECDSA);
 * - `msp/mspimplvalidate.go` `validateIdentity`: the certificate is not a CA's and chains to one
 *   of the MSP's root certificates, possibly through its intermediates; with NodeOUs enabled it
 *   carries exactly one of the OUs client, peer, admin, orderer (`validateIdentityOUsV142`);
 * - `msp/identities.go` `Verify` with `bccsp/sw/ecdsa.go`: ECDSA over SHA-256, low S (see
 *   {@link verifyEcdsaSignature}).
 *
 * Time: Fabric's MSP verifies the chain as of the certificate's own notBefore + 1 s
 * (`getValidityOptsForCert`, FAB-3678), so an expired certificate still validates and a block
 * validates the same whenever it is replayed. That is the default here; pass `at` to check the
 * whole chain's validity period at another time (e.g. the orderer's expiration check at
 * submission). Not implemented: CRLs, OU identifiers, Idemix MSPs.
 *
 * Verified identities are cached by their serialised bytes (Fabric's MSP caches deserialisation
 * and validation too, `msp/cache`), since the same creators and endorsers recur in every block.
 */
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import { X509Certificate, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { msp } from '@hyperledger/fabric-protos';
import { verifyEcdsaSignature, type EcdsaCurve, type SignatureRefusal } from './ecdsaSignature';

/** An organisation of the channel: its MSP ID and the CA certificates its members chain to. */
export interface MspOrganisation {
  readonly mspId: string;
  /** PEM root CA certificates. */
  readonly rootCertificates: readonly string[];
  /** PEM intermediate CA certificates, each chaining to a root. */
  readonly intermediateCertificates?: readonly string[];
  /** Fabric's NodeOUs.Enable: identities must carry exactly one of the OUs client, peer, admin, orderer. */
  readonly nodeOUs?: boolean;
}

/** Options of {@link mspRegistry}. */
export interface MspRegistryOptions {
  readonly organisations: readonly MspOrganisation[];
  /** Identities kept verified (least recently used dropped first); defaults to 1,000. */
  readonly cacheSize?: number;
}

/** Why an identity was refused. */
export type IdentityRefusal =
  /** The bytes are not an `msp.SerializedIdentity`. */
  | 'MALFORMED_IDENTITY'
  /** The MSP ID is not one of the channel's organisations. */
  | 'UNKNOWN_MSP'
  /** `id_bytes` holds no parsable PEM certificate. */
  | 'MALFORMED_CERTIFICATE'
  /** The certificate's key is not ECDSA on P-256 or P-384. */
  | 'UNSUPPORTED_KEY'
  /** A CA certificate cannot be used as an identity. */
  | 'CA_CERTIFICATE'
  /** The certificate does not chain to the MSP's roots. */
  | 'UNTRUSTED_CERTIFICATE'
  /** A certificate of the chain is not valid at the time checked. */
  | 'OUTSIDE_VALIDITY'
  /** NodeOUs are enabled and the certificate has not exactly one node OU. */
  | 'NODE_OU';

/** An identity that passed every check. */
export interface VerifiedIdentity {
  readonly mspId: string;
  /** The certificate, re-encoded as PEM from its DER. */
  readonly certificatePem: string;
  readonly publicKey: KeyObject;
  readonly curve: EcdsaCurve;
}

/** Outcome of {@link MspRegistry.identify}. */
export type IdentityCheck = ({ readonly ok: true } & VerifiedIdentity) | { readonly ok: false; readonly code: IdentityRefusal; readonly reason: string };

/** Outcome of {@link MspRegistry.verifySignature}. */
export type SignatureCheck =
  | { readonly ok: true; readonly identity: VerifiedIdentity }
  | { readonly ok: false; readonly code: IdentityRefusal | SignatureRefusal; readonly reason: string };

/** Options of an identity check. */
export interface IdentityCheckOptions {
  /** Check the chain's validity period at this time instead of Fabric's notBefore + 1 s. */
  readonly at?: Date;
}

/** The channel's MSPs. */
export interface MspRegistry {
  /** MSP IDs of the organisations, in configuration order. */
  readonly mspIds: readonly string[];
  /**
   * Checks a serialised identity.
   * @param serializedIdentity - `msp.SerializedIdentity` bytes (a creator or an endorser)
   * @param options - the time to check validity at
   * @returns the verified identity, or the refusal
   */
  identify(serializedIdentity: Uint8Array, options?: Readonly<IdentityCheckOptions>): IdentityCheck;
  /**
   * Checks an identity and its ECDSA signature over SHA-256 of `message`.
   * @param serializedIdentity - `msp.SerializedIdentity` bytes
   * @param message - the signed bytes
   * @param signature - DER signature, low S
   * @param options - the time to check validity at
   * @returns the verified identity, or the refusal of the identity or of the signature
   */
  verifySignature(serializedIdentity: Uint8Array, message: Uint8Array, signature: Uint8Array, options?: Readonly<IdentityCheckOptions>): SignatureCheck;
}

/**
 * Creates the registry of a channel's organisations.
 *
 * @param options - the organisations and the cache size
 * @returns the registry
 * @throws {Error} when an MSP ID repeats, an organisation has no root, a certificate does not
 *   parse or is not a CA, or an intermediate does not chain to the organisation's roots
 * @example
 * ```ts
 * const msps = mspRegistry({ organisations: [{ mspId: 'Org1MSP', rootCertificates: [ca.certificatePem] }] });
 * const creator = msps.verifySignature(signatureHeader.creator, envelope.payload, envelope.signature);
 * if (!creator.ok) console.log(creator.code, creator.reason);
 * ```
 */
export function mspRegistry(options: Readonly<MspRegistryOptions>): MspRegistry {
  return new Registry(options);
}

const NODE_OUS = new Set(['client', 'peer', 'admin', 'orderer']);
const CURVES: Readonly<Record<string, EcdsaCurve>> = { prime256v1: 'P-256', secp384r1: 'P-384' };
const MAX_CHAIN_LENGTH = 8;

interface Organisation {
  readonly mspId: string;
  readonly roots: readonly X509Certificate[];
  readonly intermediates: readonly X509Certificate[];
  readonly nodeOUs: boolean;
}

/** What is known of an identity whatever the time: its chain, and when all of it is valid. */
type CachedCheck =
  | { readonly ok: true; readonly identity: VerifiedIdentity; readonly leafNotBefore: number; readonly notBefore: number; readonly notAfter: number }
  | { readonly ok: false; readonly code: IdentityRefusal; readonly reason: string };

class Registry implements MspRegistry {
  readonly mspIds: readonly string[];
  readonly #organisations = new Map<string, Organisation>();
  readonly #cache = new Map<string, CachedCheck>();
  readonly #cacheSize: number;

  constructor(options: Readonly<MspRegistryOptions>) {
    this.#cacheSize = options.cacheSize ?? 1000;
    if (!Number.isInteger(this.#cacheSize) || this.#cacheSize < 0) throw new Error(`mspRegistry: cacheSize must be a non-negative integer, got ${options.cacheSize}`);
    for (const organisation of options.organisations) {
      if (this.#organisations.has(organisation.mspId)) throw new Error(`mspRegistry: MSP ID "${organisation.mspId}" appears twice`);
      if (organisation.rootCertificates.length === 0) throw new Error(`mspRegistry: organisation "${organisation.mspId}" has no root certificate`);
      const roots = organisation.rootCertificates.map((pem, i) => caCertificate(pem, `${organisation.mspId} root ${i}`));
      const intermediates = (organisation.intermediateCertificates ?? []).map((pem, i) => caCertificate(pem, `${organisation.mspId} intermediate ${i}`));
      const parsed: Organisation = { mspId: organisation.mspId, roots, intermediates, nodeOUs: organisation.nodeOUs ?? false };
      intermediates.forEach((intermediate, i) => {
        const chain = chainOf(intermediate, parsed);
        if (typeof chain === 'string') throw new Error(`mspRegistry: ${organisation.mspId} intermediate ${i} does not chain to its roots: ${chain}`);
      });
      this.#organisations.set(organisation.mspId, parsed);
    }
    this.mspIds = [...this.#organisations.keys()];
  }

  identify(serializedIdentity: Uint8Array, options: Readonly<IdentityCheckOptions> = {}): IdentityCheck {
    const check = this.#check(serializedIdentity);
    if (!check.ok) return check;
    // Fabric's MSP checks the chain as of the leaf's notBefore + 1 s, never the wall clock.
    const at = options.at?.getTime() ?? check.leafNotBefore + 1000;
    if (at < check.notBefore || at > check.notAfter) {
      return { ok: false, code: 'OUTSIDE_VALIDITY', reason: `the certificate chain is valid from ${iso(check.notBefore)} to ${iso(check.notAfter)}, not at ${iso(at)}` };
    }
    return { ok: true, ...check.identity };
  }

  verifySignature(serializedIdentity: Uint8Array, message: Uint8Array, signature: Uint8Array, options: Readonly<IdentityCheckOptions> = {}): SignatureCheck {
    const identity = this.identify(serializedIdentity, options);
    if (!identity.ok) return identity;
    const { ok: _ok, ...verified } = identity;
    const result = verifyEcdsaSignature(verified.publicKey, verified.curve, message, signature);
    return result.ok ? { ok: true, identity: verified } : result;
  }

  /** The time-independent checks, cached (failures too: a bad identity recurs as easily as a good one). */
  #check(serializedIdentity: Uint8Array): CachedCheck {
    const key = Buffer.from(serializedIdentity).toString('base64');
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      // Refresh its place: the Map's insertion order is the eviction order.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const check = this.#checkUncached(serializedIdentity);
    if (this.#cacheSize > 0) {
      if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(key, check);
    }
    return check;
  }

  #checkUncached(serializedIdentity: Uint8Array): CachedCheck {
    let serialized: msp.SerializedIdentity;
    try {
      serialized = msp.SerializedIdentity.deserializeBinary(serializedIdentity);
    } catch (error) {
      return refuse('MALFORMED_IDENTITY', `not a SerializedIdentity: ${describe(error)}`);
    }
    const mspId = serialized.getMspid();
    const organisation = this.#organisations.get(mspId);
    if (organisation === undefined) return refuse('UNKNOWN_MSP', `MSP "${mspId}" is not defined on the channel`);
    const der = firstPemBlock(Buffer.from(serialized.getIdBytes_asU8()).toString('latin1'));
    if (der === undefined) return refuse('MALFORMED_CERTIFICATE', 'could not decode the PEM structure');
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(der);
    } catch (error) {
      return refuse('MALFORMED_CERTIFICATE', `the certificate does not parse: ${describe(error)}`);
    }
    const publicKey = certificate.publicKey;
    const curve = publicKey.asymmetricKeyType === 'ec' ? CURVES[publicKey.asymmetricKeyDetails?.namedCurve ?? ''] : undefined;
    if (curve === undefined) return refuse('UNSUPPORTED_KEY', `the certificate's key (${publicKey.asymmetricKeyType}) is not ECDSA P-256 or P-384`);
    if (certificate.ca) return refuse('CA_CERTIFICATE', 'a CA certificate cannot be used as an identity');
    const chain = chainOf(certificate, organisation);
    if (typeof chain === 'string') return refuse('UNTRUSTED_CERTIFICATE', `the certificate does not chain to ${mspId}'s roots: ${chain}`);
    const parsedChain = chain.map((c) => new x509.X509Certificate(c.raw));
    const leaf = parsedChain[0] as x509.X509Certificate;
    if (organisation.nodeOUs) {
      const nodeOUs = leaf.subjectName.getField('OU').filter((ou) => NODE_OUS.has(ou));
      if (nodeOUs.length !== 1) return refuse('NODE_OU', `the identity must have exactly one of the OUs client, peer, admin, orderer; it has [${nodeOUs.join(', ')}]`);
    }
    return {
      ok: true,
      identity: { mspId, certificatePem: certificate.toString(), publicKey, curve },
      leafNotBefore: leaf.notBefore.getTime(),
      notBefore: Math.max(...parsedChain.map((c) => c.notBefore.getTime())),
      notAfter: Math.min(...parsedChain.map((c) => c.notAfter.getTime())),
    };
  }
}

/**
 * The chain from `certificate` to one of the organisation's roots, each link checked by issuer
 * name and key identifiers (OpenSSL's check_issued) and by signature.
 */
function chainOf(certificate: X509Certificate, organisation: Organisation): X509Certificate[] | string {
  const chain = [certificate];
  let current = certificate;
  while (chain.length <= MAX_CHAIN_LENGTH) {
    const root = organisation.roots.find((candidate) => issued(current, candidate));
    if (root !== undefined) {
      if (current !== root) chain.push(root);
      return chain;
    }
    const intermediate = organisation.intermediates.find((candidate) => candidate !== current && !chain.includes(candidate) && issued(current, candidate));
    if (intermediate === undefined) return `no CA of the MSP issued "${current.subject.replace(/\n/g, ', ')}"`;
    chain.push(intermediate);
    current = intermediate;
  }
  return `chain longer than ${MAX_CHAIN_LENGTH} certificates`;
}

function issued(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function caCertificate(pem: string, name: string): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new Error(`mspRegistry: ${name} does not parse: ${describe(error)}`, { cause: error });
  }
  if (!certificate.ca) throw new Error(`mspRegistry: ${name} is not a CA certificate`);
  return certificate;
}

/** The DER of the first PEM block, whatever its label, as Go's `pem.Decode` finds it. */
function firstPemBlock(text: string): Buffer | undefined {
  const match = /(?:^|\n)-----BEGIN ([^\n]*?)-----\r?\n([\s\S]*?)\r?\n-----END \1-----/.exec(text);
  if (match === null) return undefined;
  const der = Buffer.from((match[2] as string).replace(/\s+/g, ''), 'base64');
  return der.length === 0 ? undefined : der;
}

function refuse(code: IdentityRefusal, reason: string): CachedCheck {
  return { ok: false, code, reason };
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
