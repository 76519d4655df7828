/**
 * Electronic certificate identifier (电子证照标识), GB/T 36904-2018 as public implementations
 * read it: `1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>`, where the type
 * code is the defining agency's credit code plus a 3-digit sequence, the issuer code is the
 * issuing department's credit code, the version has 3 digits and the check character is
 * ISO/IEC 7064 MOD 37,36 over the four middle parts without dots.
 */
import { mod37_36 } from './iso7064';

/** The fixed object-identifier arc every certificate identifier starts with. */
export const CERTIFICATE_ID_PREFIX = '1.2.156.3005.2.';

/** The parts of a well-formed certificate identifier. */
export interface CertificateIdParts {
  /** Defining agency's credit code + 3-digit sequence (21 characters). */
  readonly typeCode: string;
  /** The defining agency's credit code (first 18 characters of the type code). */
  readonly definingAgency: string;
  /** The issuing department's credit code. */
  readonly issuerCode: string;
  /** Serial number; its format varies by province (1-40 characters of 0-9A-Z). */
  readonly serial: string;
  /** 3-digit version. */
  readonly version: string;
  readonly check: string;
}

/** A parsed identifier, or why it could not be. */
export type CertificateIdResult =
  | { readonly ok: true; readonly parts: CertificateIdParts }
  | { readonly ok: false; readonly reason: 'malformed' | 'check-mismatch' };

const SHAPE =
  /^1\.2\.156\.3005\.2\.([0-9A-HJ-NPQRTUWXY]{18}\d{3})\.([0-9A-HJ-NPQRTUWXY]{18})\.([0-9A-Z]{1,40})\.(\d{3})\.([0-9A-Z])$/;

/**
 * Parses a certificate identifier and checks its check character. The credit codes inside are
 * only shape-checked here; callers check their own check characters where they need to.
 */
export function parseCertificateId(id: string): CertificateIdResult {
  const match = SHAPE.exec(id);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, typeCode, issuerCode, serial, version, check] = match as unknown as [string, string, string, string, string, string];
  if (mod37_36(typeCode + issuerCode + serial + version) !== check) return { ok: false, reason: 'check-mismatch' };
  return { ok: true, parts: { typeCode, definingAgency: typeCode.slice(0, 18), issuerCode, serial, version, check } };
}

/**
 * Builds a certificate identifier with its check character.
 * @throws {RangeError} when a part is outside its alphabet
 */
export function formatCertificateId(parts: Omit<CertificateIdParts, 'check' | 'definingAgency'>): string {
  const body = parts.typeCode + parts.issuerCode + parts.serial + parts.version;
  return `${CERTIFICATE_ID_PREFIX}${parts.typeCode}.${parts.issuerCode}.${parts.serial}.${parts.version}.${mod37_36(body)}`;
}
