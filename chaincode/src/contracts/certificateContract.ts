/**
 * Electronic certificates (电子证照): issuance by an authorised department, the issuer's status
 * changes, every use by a department for an administrative matter, and verification.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { STATE } from '../ledger/stateKeys';
import { canonicalJson } from '../ledger/canonicalJson';
import { RequestReader } from '../rules/request';
import { Refusal } from '../rules/refusal';
import { parseCertificateId } from '../rules/certificateId';
import { effectiveStatus, statusAfter, type CertificateChange } from '../rules/certificateStatus';
import { authorisationInForce } from '../rules/authorisationRules';
import { dateOf, timestampOf } from '../rules/time';
import type { AuthorisationRecord, CertificateRecord, CertificateTypeRecord, CertificateUseRecord, MattersHandledRecord } from '../model/records';

const CHANGES = {
  suspend: { pastTense: 'suspended', event: 'certificateSuspended' },
  reinstate: { pastTense: 'reinstated', event: 'certificateReinstated' },
  revoke: { pastTense: 'revoked', event: 'certificateRevoked' },
  cancel: { pastTense: 'cancelled', event: 'certificateCancelled' },
} as const satisfies Record<CertificateChange, { pastTense: string; event: string }>;

/** More than a department could handle in a day: a typo, not a count (uint32 in the event). */
const MAX_MATTERS_PER_DAY = 10_000_000;
const CODE = { max: 64, pattern: /^[0-9A-Za-z._-]+$/, patternName: 'letters, digits, dot, underscore or hyphen' };

@Info({ title: 'Certificates', description: 'Issuance, status, use and verification of electronic certificates' })
export class CertificateContract extends SuiTrustContract {
  constructor() {
    super('certificates');
  }

  /**
   * Issues a certificate. The identifier's issuer code must be the caller's department, which
   * must be authorised for the identifier's type.
   * Request: `{ certificateId, holderPseudonym, contentDigest: { algorithm, value }, validFrom,
   * validUntil?, previousCertificateId? }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { certificateId, holderPseudonym, contentDigest, validFrom, validUntil?, previousCertificateId? }')
  @Returns('string')
  async issue(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('issuer');
    const body = RequestReader.parse(
      request,
      ['certificateId', 'holderPseudonym', 'contentDigest', 'validFrom', 'validUntil', 'previousCertificateId'],
      ctx.isLegacyCreditCode,
    );
    const certificateId = body.text('certificateId', { max: 128 });
    const parsed = parseCertificateId(certificateId);
    if (!parsed.ok) throw new Refusal(parsed.reason === 'malformed' ? 'CERTIFICATE_ID_FORMAT' : 'CERTIFICATE_ID_CHECK', 'certificateId');
    const { typeCode, issuerCode } = parsed.parts;
    const holderPseudonym = body.pseudonym('holderPseudonym');
    const contentDigest = body.digest('contentDigest');
    const validFrom = body.instant('validFrom');
    const validUntil = body.optionalInstant('validUntil');
    if (validUntil !== undefined && validUntil <= validFrom) throw new Refusal('INPUT_PERIOD', 'validUntil');
    const previousCertificateId = body.optionalText('previousCertificateId', { max: 128 });

    if (issuerCode !== caller.department) throw new Refusal('CERTIFICATE_ISSUER_MISMATCH', 'certificateId');
    const type = await ctx.read<CertificateTypeRecord>(STATE.certificateType, typeCode);
    if (!type) throw new Refusal('CERTIFICATE_TYPE_UNKNOWN', 'certificateId', `no certificate type ${typeCode}`);
    if (!type.issuers.includes(caller.department)) throw new Refusal('ACCESS_NOT_AUTHORISED_ISSUER', 'dept');
    if (await ctx.read(STATE.certificate, certificateId)) throw new Refusal('CERTIFICATE_EXISTS', 'certificateId');
    if (previousCertificateId !== undefined) {
      const previous = await ctx.read<CertificateRecord>(STATE.certificate, previousCertificateId);
      if (!previous) throw new Refusal('CERTIFICATE_UNKNOWN', 'previousCertificateId');
      if (previous.typeCode !== typeCode || previous.holderPseudonym !== holderPseudonym) {
        throw new Refusal('CERTIFICATE_PREVIOUS_MISMATCH', 'previousCertificateId');
      }
    }

    const stamp = { txId: ctx.txId, at: ctx.txTime };
    const record: CertificateRecord = {
      certificateId,
      typeCode,
      issuer: caller.department,
      holderPseudonym,
      contentDigest,
      validFrom,
      ...(validUntil === undefined ? {} : { validUntil }),
      ...(previousCertificateId === undefined ? {} : { previousCertificateId }),
      status: 'valid',
      issued: stamp,
      updated: stamp,
    };
    await ctx.write(STATE.certificate, [certificateId], record);
    ctx.emit({
      aggregateType: 'certificate',
      aggregateId: certificateId,
      certificateIssued: {
        certificateId,
        typeCode,
        issuer: caller.department,
        holderPseudonym,
        contentDigestAlgorithm: contentDigest.algorithm,
        contentDigest: contentDigest.value,
        validity: { from: timestampOf(validFrom), until: validUntil === undefined ? null : timestampOf(validUntil) },
        previousCertificateId: previousCertificateId ?? '',
      },
    });
    return canonicalJson(record);
  }

  /** Suspends a valid certificate (暂扣). Request: `{ certificateId, reason }`. */
  @Transaction()
  @Param('request', 'string', 'JSON { certificateId, reason }')
  @Returns('string')
  async suspend(ctx: SuiTrustContext, request: string): Promise<string> {
    return this.#change(ctx, request, 'suspend');
  }

  /** Reinstates a suspended certificate. Request: `{ certificateId, reason }`. */
  @Transaction()
  @Param('request', 'string', 'JSON { certificateId, reason }')
  @Returns('string')
  async reinstate(ctx: SuiTrustContext, request: string): Promise<string> {
    return this.#change(ctx, request, 'reinstate');
  }

  /** Revokes a certificate for good (撤销), with a reason. Request: `{ certificateId, reason }`. */
  @Transaction()
  @Param('request', 'string', 'JSON { certificateId, reason }')
  @Returns('string')
  async revoke(ctx: SuiTrustContext, request: string): Promise<string> {
    return this.#change(ctx, request, 'revoke');
  }

  /** Cancels a certificate (注销), for instance at the holder's request. Request: `{ certificateId, reason }`. */
  @Transaction()
  @Param('request', 'string', 'JSON { certificateId, reason }')
  @Returns('string')
  async cancel(ctx: SuiTrustContext, request: string): Promise<string> {
    return this.#change(ctx, request, 'cancel');
  }

  /**
   * Records a use of a certificate by the caller's department for an administrative matter;
   * refused unless the certificate is valid at the transaction time. An authorisation named by
   * the use must be in force and name the caller's department as consumer.
   * Request: `{ certificateId, matterCode, purpose, authorisationId?, annotation?: { reason, expires } }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { certificateId, matterCode, purpose, authorisationId?, annotation? }')
  @Returns('string')
  async recordUse(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(request, ['certificateId', 'matterCode', 'purpose', 'authorisationId', 'annotation']);
    const certificateId = body.text('certificateId', { max: 128 });
    const matterCode = body.text('matterCode', CODE);
    const purpose = body.text('purpose', { max: 256 });
    const authorisationId = body.optionalText('authorisationId', { max: 128 });
    let annotation: CertificateUseRecord['annotation'];
    if (body.has('annotation')) {
      const nested = body.object('annotation', ['reason', 'expires']);
      annotation = { reason: nested.text('reason', { max: 256 }), expires: nested.instant('expires') };
    }

    const certificate = await this.#requireCertificate(ctx, certificateId);
    const status = effectiveStatus(certificate, ctx.txTimeMs);
    if (status !== 'valid') throw new Refusal('CERTIFICATE_NOT_VALID', 'certificateId', `the certificate is ${status} at ${ctx.txTime}`);
    if (annotation !== undefined && annotation.expires <= ctx.txTime) throw new Refusal('INPUT_PERIOD', 'annotation.expires');
    if (authorisationId !== undefined) {
      const authorisation = await ctx.read<AuthorisationRecord>(STATE.authorisation, authorisationId);
      if (!authorisation) throw new Refusal('AUTHORISATION_UNKNOWN', 'authorisationId');
      const inForce = authorisationInForce(authorisation, ctx.txTimeMs);
      if (!inForce.ok) throw new Refusal(inForce.rule, inForce.field, inForce.detail);
      if (authorisation.consumer !== caller.department) throw new Refusal('AUTHORISATION_CONSUMER_MISMATCH', 'authorisationId');
    }

    const record: CertificateUseRecord = {
      certificateId,
      usingDepartment: caller.department,
      matterCode,
      purpose,
      ...(authorisationId === undefined ? {} : { authorisationId }),
      ...(annotation === undefined ? {} : { annotation }),
      used: { txId: ctx.txId, at: ctx.txTime },
    };
    // Each use has its own key: concurrent uses of one certificate never conflict, while a
    // concurrent status change (which writes the certificate this read) invalidates the use.
    await ctx.write(STATE.certificateUse, [certificateId, ctx.operationId], record);
    ctx.emit({
      aggregateType: 'certificate',
      aggregateId: certificateId,
      certificateUsed: {
        certificateId,
        typeCode: certificate.typeCode,
        holderPseudonym: certificate.holderPseudonym,
        usingDepartment: caller.department,
        matterCode,
        purpose,
        authorisationId: authorisationId ?? '',
        annotationReason: annotation?.reason ?? '',
        annotationExpires: annotation === undefined ? null : timestampOf(annotation.expires),
      },
    });
    return canonicalJson(record);
  }

  /**
   * Reports how many administrative matters the caller's own department handled on a day (the
   * denominator of its certificate-use rate). A later report for the same day replaces the
   * earlier one; a day that has not yet begun (China Standard Time) cannot be reported.
   * Request: `{ day, mattersHandled }` (day `YYYY-MM-DD`).
   */
  @Transaction()
  @Param('request', 'string', 'JSON { day, mattersHandled }')
  @Returns('string')
  async reportMattersHandled(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(request, ['day', 'mattersHandled']);
    const day = body.date('day');
    if (!body.has('mattersHandled')) throw new Refusal('INPUT_REQUIRED', 'mattersHandled');
    const mattersHandled = body.count('mattersHandled', 0, MAX_MATTERS_PER_DAY);
    if (day > dateOf(ctx.txTimeMs)) throw new Refusal('MATTERS_DAY_IN_FUTURE', 'day', `${day} has not begun at ${ctx.txTime}`);

    const record: MattersHandledRecord = { department: caller.department, day, mattersHandled, reported: { txId: ctx.txId, at: ctx.txTime } };
    await ctx.write(STATE.mattersHandled, [caller.department, day], record);
    ctx.emit({ aggregateType: 'department', aggregateId: caller.department, mattersHandledReported: { department: caller.department, day, mattersHandled } });
    return canonicalJson(record);
  }

  /**
   * Verifies a certificate before acting on it: its status at the transaction time and whether
   * the presented content digest is the one issued.
   */
  @Transaction(false)
  @Param('certificateId', 'string', 'the certificate identifier')
  @Param('contentDigest', 'string', 'lower-case hex digest of the presented content')
  @Returns('string')
  async verify(ctx: SuiTrustContext, certificateId: string, contentDigest: string): Promise<string> {
    const certificate = await this.#requireCertificate(ctx, certificateId);
    const status = effectiveStatus(certificate, ctx.txTimeMs);
    const digestMatches = contentDigest === certificate.contentDigest.value;
    return canonicalJson({
      certificateId,
      checkedAt: ctx.txTime,
      status,
      digestMatches,
      trustworthy: status === 'valid' && digestMatches,
      certificate,
    });
  }

  /** A certificate's current record. */
  @Transaction(false)
  @Param('certificateId', 'string', 'the certificate identifier')
  @Returns('string')
  async get(ctx: SuiTrustContext, certificateId: string): Promise<string> {
    return canonicalJson(await this.#requireCertificate(ctx, certificateId));
  }

  /** Every version of a certificate's record, oldest first. */
  @Transaction(false)
  @Param('certificateId', 'string', 'the certificate identifier')
  @Returns('string')
  async getHistory(ctx: SuiTrustContext, certificateId: string): Promise<string> {
    await this.#requireCertificate(ctx, certificateId);
    return canonicalJson(await ctx.history<CertificateRecord>(STATE.certificate, certificateId));
  }

  /** Every recorded use of a certificate, in transaction-id order. */
  @Transaction(false)
  @Param('certificateId', 'string', 'the certificate identifier')
  @Returns('string')
  async listUses(ctx: SuiTrustContext, certificateId: string): Promise<string> {
    await this.#requireCertificate(ctx, certificateId);
    return canonicalJson(await ctx.list<CertificateUseRecord>(STATE.certificateUse, certificateId));
  }

  async #change(ctx: SuiTrustContext, request: string, change: CertificateChange): Promise<string> {
    const caller = await ctx.requireRole('issuer');
    const body = RequestReader.parse(request, ['certificateId', 'reason']);
    const certificateId = body.text('certificateId', { max: 128 });
    const reason = body.text('reason', { max: 512 });
    const certificate = await this.#requireCertificate(ctx, certificateId);
    if (certificate.issuer !== caller.department) throw new Refusal('ACCESS_NOT_ISSUER', 'dept');
    const status = statusAfter(certificate.status, change);
    if (status === undefined) {
      throw new Refusal('CERTIFICATE_STATUS_TRANSITION', 'certificateId', `a ${certificate.status} certificate cannot be ${CHANGES[change].pastTense}`);
    }

    const record: CertificateRecord = { ...certificate, status, statusReason: reason, updated: { txId: ctx.txId, at: ctx.txTime } };
    await ctx.write(STATE.certificate, [certificateId], record);
    ctx.emit({ aggregateType: 'certificate', aggregateId: certificateId, [CHANGES[change].event]: { certificateId, reason } });
    return canonicalJson(record);
  }

  async #requireCertificate(ctx: SuiTrustContext, certificateId: string): Promise<CertificateRecord> {
    const certificate = await ctx.read<CertificateRecord>(STATE.certificate, certificateId);
    if (!certificate) throw new Refusal('CERTIFICATE_UNKNOWN', 'certificateId');
    return certificate;
  }
}
