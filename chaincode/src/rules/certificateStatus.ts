/**
 * A certificate's status at an instant, and which status changes its issuer may make
 * (national exchange vocabulary: valid, suspended 暂扣, revoked 撤销, cancelled 注销, expired 失效).
 */
import type { CertificateRecord, CertificateStatus } from '../model/records';
import { parseInstant } from './time';

/** The status a reader sees: the stored status, or what the validity window makes of `valid`. */
export type EffectiveCertificateStatus = CertificateStatus | 'expired' | 'not-yet-valid';

/** The certificate's status at instant `at` (ms since the epoch). */
export function effectiveStatus(certificate: CertificateRecord, at: number): EffectiveCertificateStatus {
  if (certificate.status !== 'valid') return certificate.status;
  if (at < (parseInstant(certificate.validFrom) as number)) return 'not-yet-valid';
  if (certificate.validUntil !== undefined && at >= (parseInstant(certificate.validUntil) as number)) return 'expired';
  return 'valid';
}

/** The issuer's status changes. */
export type CertificateChange = 'suspend' | 'reinstate' | 'revoke' | 'cancel';

const TRANSITIONS: Readonly<Record<CertificateChange, { readonly from: readonly CertificateStatus[]; readonly to: CertificateStatus }>> = {
  suspend: { from: ['valid'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked' },
  cancel: { from: ['valid', 'suspended'], to: 'cancelled' },
};

/** The status a change leads to from `status`, or `undefined` when it is not allowed. */
export function statusAfter(status: CertificateStatus, change: CertificateChange): CertificateStatus | undefined {
  const transition = TRANSITIONS[change];
  return transition.from.includes(status) ? transition.to : undefined;
}
