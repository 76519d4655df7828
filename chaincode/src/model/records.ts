/**
 * The records the chaincode keeps in world state, one JSON document per key, serialised by
 * {@link canonicalJson}. Instants are canonical ISO 8601 UTC strings; dates are `YYYY-MM-DD`
 * (China Standard Time); department and enterprise codes are unified social credit codes.
 */
import type { CreditCategory, CreditSeverity } from '../rules/creditRules';
import type { DigestAlgorithm } from '../rules/digest';

/** A digest and its algorithm. */
export interface Digest {
  readonly algorithm: DigestAlgorithm;
  readonly value: string;
}

/** Who did something: the caller's organisation and department, from its certificate. */
export interface ActorRef {
  readonly mspId: string;
  readonly department: string;
}

/** Where a record stands in the ledger. */
export interface Stamp {
  readonly txId: string;
  readonly at: string;
}

/** A certificate type and the departments that may issue it. */
export interface CertificateTypeRecord {
  readonly typeCode: string;
  readonly name: string;
  readonly definingAgency: string;
  /** Sorted, unique. */
  readonly issuers: readonly string[];
  readonly registered: Stamp;
  readonly updated: Stamp;
}

/** Stored certificate status; `expired` and `not-yet-valid` are derived from the validity window. */
export type CertificateStatus = 'valid' | 'suspended' | 'revoked' | 'cancelled';

/** An electronic certificate. */
export interface CertificateRecord {
  readonly certificateId: string;
  readonly typeCode: string;
  readonly issuer: string;
  readonly holderPseudonym: string;
  readonly contentDigest: Digest;
  readonly validFrom: string;
  /** Absent for a certificate valid without end (长期). */
  readonly validUntil?: string;
  readonly previousCertificateId?: string;
  readonly status: CertificateStatus;
  readonly statusReason?: string;
  readonly issued: Stamp;
  readonly updated: Stamp;
}

/** One use of a certificate by a department for an administrative matter. */
export interface CertificateUseRecord {
  readonly certificateId: string;
  readonly usingDepartment: string;
  readonly matterCode: string;
  readonly purpose: string;
  readonly authorisationId?: string;
  readonly annotation?: { readonly reason: string; readonly expires: string };
  readonly used: Stamp;
}

/** A department's count of the administrative matters it handled on one day (China Standard Time). */
export interface MattersHandledRecord {
  readonly department: string;
  readonly day: string;
  readonly mattersHandled: number;
  readonly reported: Stamp;
}

/** Who granted a data-sharing authorisation. */
export type GrantorKind = 'subject' | 'department';

/** How a data resource may be shared (国务院政务信息资源共享管理暂行办法). */
export type SharingClass = 'unconditional' | 'conditional';

/** A data-sharing authorisation. */
export interface AuthorisationRecord {
  readonly authorisationId: string;
  readonly grantorKind: GrantorKind;
  /** The subject's pseudonym, or the providing department's code. */
  readonly grantor: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resourceCode: string;
  readonly sharingClass: SharingClass;
  readonly purpose: string;
  /** Sorted, unique field names in scope. */
  readonly fields: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
  /** 0: no limit. */
  readonly useLimit: number;
  /** Counted only when there is a limit, so unlimited authorisations have no hot key. */
  readonly uses: number;
  readonly consentDigest?: Digest;
  readonly status: 'active' | 'revoked';
  readonly revocationReason?: string;
  readonly recordedBy: ActorRef;
  readonly granted: Stamp;
  readonly updated: Stamp;
}

/** A business-environment credit entry. History is never deleted: corrections and repairs add to it. */
export interface CreditEntryRecord {
  readonly creditCode: string;
  readonly eventId: string;
  readonly category: CreditCategory;
  readonly severity: CreditSeverity;
  readonly legalBasis: string;
  readonly sourceDepartment: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string;
  readonly ruleVersion: string;
  readonly published: boolean;
  readonly displayFrom: string;
  readonly displayUntil?: string;
  readonly repairableFrom?: string;
  readonly documentDigest: Digest;
  readonly repair?: { readonly reason: string; readonly documentDigest: Digest; readonly at: string; readonly txId: string };
  readonly corrections: readonly { readonly reason: string; readonly at: string; readonly txId: string }[];
  readonly recorded: Stamp;
  readonly updated: Stamp;
}

/** How a piece of evidence came to be, which a court does not presume (SPC rules 2021, art. 16-19). */
export interface Provenance {
  readonly source?: string;
  readonly method?: string;
  readonly witness?: string;
}

/** A notarised digest. */
export interface EvidenceRecord {
  readonly algorithm: DigestAlgorithm;
  readonly digest: string;
  readonly submitter: ActorRef;
  readonly caseReference?: string;
  readonly provenance: Provenance;
  /** Sorted by key. */
  readonly metadata: readonly { readonly key: string; readonly value: string }[];
  readonly notarised: Stamp;
}

/** A pilot-era credit code accepted although its check character fails. */
export interface LegacyCreditCodeRecord {
  readonly creditCode: string;
  readonly reason: string;
  readonly accepted: Stamp;
}
