/**
 * Mutual TLS as an alternative to bearer tokens: a department's client certificate, signed by
 * the CA the gateway is configured to trust, stands for the connection-profile identity its
 * subject is mapped to. The mapping is a JSON file the operator writes:
 *
 * ```json
 * [{ "subject": "CN=tax-client, O=tax.city.gov.cn", "identity": "tax-officer@databureau.suitrust.local" }]
 * ```
 *
 * A subject is written as Node's `X509Certificate.subject` shows it, its lines joined by `, `.
 */
import type { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConnectionProfile } from '@suitrust/network';
import { callerOfIdentity, type Caller } from './callerCredentials';

/** One entry of the mapping file. */
export interface ClientCertificateMapping {
  readonly subject: string;
  /** The connection-profile identity the certificate's holder acts as. */
  readonly identity: string;
}

/** Looks callers up by client certificate. */
export interface ClientCertificateCallers {
  /** The caller a verified client certificate stands for, or `undefined` when its subject is not mapped. */
  callerFor(certificate: X509Certificate): Caller | undefined;
}

/** A certificate's subject as the mapping names it: Node's lines joined by `, `. */
export function certificateSubject(certificate: X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}

/**
 * Builds the lookup from mappings, each naming an identity of the profile.
 * @throws {Error} naming the entry whose identity the profile does not have, or a subject mapped twice
 */
export function clientCertificateCallers(mappings: readonly ClientCertificateMapping[], profile: ConnectionProfile): ClientCertificateCallers {
  const bySubject = new Map<string, Caller>();
  mappings.forEach((mapping, index) => {
    const identity = profile.identities.find((candidate) => candidate.name === mapping.identity);
    if (!identity) throw new Error(`client certificates[${index}].identity: the connection profile has no identity ${JSON.stringify(mapping.identity)}`);
    if (bySubject.has(mapping.subject)) throw new Error(`client certificates[${index}].subject: ${JSON.stringify(mapping.subject)} is mapped twice`);
    bySubject.set(mapping.subject, callerOfIdentity(identity));
  });
  return { callerFor: (certificate) => bySubject.get(certificateSubject(certificate)) };
}

/**
 * Reads the mapping file.
 * @throws {Error} naming the entry at fault
 */
export async function loadClientCertificateCallers(path: string, profile: ConnectionProfile): Promise<ClientCertificateCallers> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected an array of {subject, identity}`);
  const mappings = parsed.map((entry: unknown, index): ClientCertificateMapping => {
    const { subject, identity } = (entry ?? {}) as Record<string, unknown>;
    if (typeof subject !== 'string' || subject.length === 0) throw new Error(`${path}[${index}].subject: expected a non-empty string`);
    if (typeof identity !== 'string' || identity.length === 0) throw new Error(`${path}[${index}].identity: expected a non-empty string`);
    return { subject, identity };
  });
  return clientCertificateCallers(mappings, profile);
}
