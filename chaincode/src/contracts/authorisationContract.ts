/**
 * Data-sharing authorisations (数据共享授权): who may receive which data resource from whom,
 * for what purpose, until when; and the provider's approval of each exchange before data moves.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { STATE } from '../ledger/stateKeys';
import { canonicalJson } from '../ledger/canonicalJson';
import { RequestReader } from '../rules/request';
import { Refusal } from '../rules/refusal';
import { EXCHANGE_REPORTER_ROLES, FIELD_NAME, RESOURCE_CODE } from '../rules/logRecordRules';
import { judgeExchange } from '../rules/authorisationRules';
import { timestampOf } from '../rules/time';
import type { AuthorisationRecord, GrantorKind, SharingClass } from '../model/records';


@Info({ title: 'Authorisations', description: 'Data-sharing authorisations and approval of exchanges under them' })
export class AuthorisationContract extends SuiTrustContract {
  constructor() {
    super('authorisations');
  }

  /**
   * Grants an authorisation. A department grant is made by the providing department itself; a
   * data subject's grant is recorded by the providing or consuming department with the digest
   * of the consent document. Its id is the transaction id.
   * Request: `{ grantorKind, subjectPseudonym?, provider, consumer, resourceCode, sharingClass,
   * purpose, fields, validFrom, validUntil, useLimit?, consentDigest? }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { grantorKind, subjectPseudonym?, provider, consumer, resourceCode, sharingClass, purpose, fields, validFrom, validUntil, useLimit?, consentDigest? }')
  @Returns('string')
  async grant(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(
      request,
      ['grantorKind', 'subjectPseudonym', 'provider', 'consumer', 'resourceCode', 'sharingClass', 'purpose', 'fields', 'validFrom', 'validUntil', 'useLimit', 'consentDigest'],
      ctx.isLegacyCreditCode,
    );
    const grantorKind = body.oneOf<GrantorKind>('grantorKind', ['subject', 'department']);
    const subjectPseudonym = grantorKind === 'subject' ? body.pseudonym('subjectPseudonym') : undefined;
    if (grantorKind === 'department' && body.has('subjectPseudonym')) {
      throw new Refusal('INPUT_UNKNOWN_FIELD', 'subjectPseudonym', 'a department grant names no data subject');
    }
    const provider = await body.creditCode('provider');
    const consumer = await body.creditCode('consumer');
    const resourceCode = body.text('resourceCode', RESOURCE_CODE);
    const sharingClass = body.oneOf<SharingClass | 'not-shared'>('sharingClass', ['unconditional', 'conditional', 'not-shared']);
    if (sharingClass === 'not-shared') throw new Refusal('RESOURCE_NOT_SHAREABLE', 'sharingClass');
    const purpose = body.text('purpose', { max: 256 });
    const fields = body.textSet('fields', FIELD_NAME);
    const validFrom = body.instant('validFrom');
    const validUntil = body.instant('validUntil');
    if (validUntil <= validFrom) throw new Refusal('INPUT_PERIOD', 'validUntil');
    const useLimit = body.count('useLimit', 0);
    const consentDigest = body.optionalDigest('consentDigest');
    if (grantorKind === 'subject' && consentDigest === undefined) throw new Refusal('CONSENT_REQUIRED', 'consentDigest');

    if (grantorKind === 'department' && caller.department !== provider) throw new Refusal('ACCESS_NOT_PROVIDER', 'dept');
    if (grantorKind === 'subject' && caller.department !== provider && caller.department !== consumer) {
      throw new Refusal('ACCESS_NOT_PARTY', 'dept');
    }

    const authorisationId = ctx.txId;
    const stamp = { txId: ctx.txId, at: ctx.txTime };
    const record: AuthorisationRecord = {
      authorisationId,
      grantorKind,
      grantor: subjectPseudonym ?? provider,
      provider,
      consumer,
      resourceCode,
      sharingClass,
      purpose,
      fields,
      validFrom,
      validUntil,
      useLimit,
      uses: 0,
      ...(consentDigest === undefined ? {} : { consentDigest }),
      status: 'active',
      recordedBy: { mspId: caller.mspId, department: caller.department },
      granted: stamp,
      updated: stamp,
    };
    await ctx.write(STATE.authorisation, [authorisationId], record);
    ctx.emit({
      aggregateType: 'authorisation',
      aggregateId: authorisationId,
      authorisationGranted: {
        authorisationId,
        grantorKind,
        grantor: record.grantor,
        provider,
        consumer,
        resourceCode,
        purpose,
        fields,
        validity: { from: timestampOf(validFrom), until: timestampOf(validUntil) },
        useLimit,
        consentDigest: consentDigest?.value ?? '',
        sharingClass,
      },
    });
    return canonicalJson(record);
  }

  /**
   * Revokes an authorisation, by the providing department or the department that recorded it.
   * Request: `{ authorisationId, reason }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { authorisationId, reason }')
  @Returns('string')
  async revoke(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(request, ['authorisationId', 'reason']);
    const authorisationId = body.text('authorisationId', { max: 128 });
    const reason = body.text('reason', { max: 512 });
    const authorisation = await this.#requireAuthorisation(ctx, authorisationId);
    if (caller.department !== authorisation.provider && caller.department !== authorisation.recordedBy.department) {
      throw new Refusal('ACCESS_NOT_GRANTOR', 'dept');
    }
    if (authorisation.status === 'revoked') throw new Refusal('AUTHORISATION_REVOKED', 'authorisationId');

    const record: AuthorisationRecord = {
      ...authorisation,
      status: 'revoked',
      revocationReason: reason,
      updated: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.authorisation, [authorisationId], record);
    ctx.emit({ aggregateType: 'authorisation', aggregateId: authorisationId, authorisationRevoked: { authorisationId, reason } });
    return canonicalJson(record);
  }

  /**
   * Approves one exchange before data moves, asked by the providing department. Refused, and
   * nothing written, when the consumer, resource, purpose, fields, time or use limit do not
   * match. Its id is the transaction id.
   * Request: `{ authorisationId, consumer, resourceCode, purpose, fields, payloadDigest? }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { authorisationId, consumer, resourceCode, purpose, fields, payloadDigest? }')
  @Returns('string')
  async approveExchange(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole(...EXCHANGE_REPORTER_ROLES);
    const body = RequestReader.parse(
      request,
      ['authorisationId', 'consumer', 'resourceCode', 'purpose', 'fields', 'payloadDigest'],
      ctx.isLegacyCreditCode,
    );
    const authorisationId = body.text('authorisationId', { max: 128 });
    const consumer = await body.creditCode('consumer');
    const resourceCode = body.text('resourceCode', RESOURCE_CODE);
    const purpose = body.text('purpose', { max: 256 });
    const fields = body.textSet('fields', FIELD_NAME);
    const payloadDigest = body.optionalDigest('payloadDigest');
    const authorisation = await this.#requireAuthorisation(ctx, authorisationId);
    if (caller.department !== authorisation.provider) throw new Refusal('ACCESS_NOT_PROVIDER', 'dept');
    const verdict = judgeExchange(authorisation, { consumer, resourceCode, purpose, fields }, ctx.txTimeMs);
    if (!verdict.ok) throw new Refusal(verdict.rule, verdict.field, verdict.detail);

    const useNumber = authorisation.uses + 1;
    // Only a limited authorisation counts its uses: an unlimited one is read, never written, so
    // its exchanges do not conflict with each other, yet a concurrent revocation invalidates them.
    if (authorisation.useLimit > 0) {
      await ctx.write(STATE.authorisation, [authorisationId], { ...authorisation, uses: useNumber, updated: { txId: ctx.txId, at: ctx.txTime } });
    }
    const exchange = {
      exchangeId: ctx.txId,
      authorisationId,
      provider: authorisation.provider,
      consumer,
      resourceCode,
      purpose,
      fields,
      useNumber: authorisation.useLimit > 0 ? useNumber : 0,
      ...(payloadDigest === undefined ? {} : { payloadDigest }),
      approved: { txId: ctx.txId, at: ctx.txTime },
    };
    ctx.emit({
      aggregateType: 'authorisation',
      aggregateId: authorisationId,
      exchangeApproved: { ...exchange, payloadDigest: payloadDigest?.value ?? '' },
    });
    return canonicalJson(exchange);
  }

  /** An authorisation's current record. */
  @Transaction(false)
  @Param('authorisationId', 'string', 'the authorisation id')
  @Returns('string')
  async get(ctx: SuiTrustContext, authorisationId: string): Promise<string> {
    return canonicalJson(await this.#requireAuthorisation(ctx, authorisationId));
  }

  /** Every version of an authorisation's record, oldest first. */
  @Transaction(false)
  @Param('authorisationId', 'string', 'the authorisation id')
  @Returns('string')
  async getHistory(ctx: SuiTrustContext, authorisationId: string): Promise<string> {
    await this.#requireAuthorisation(ctx, authorisationId);
    return canonicalJson(await ctx.history<AuthorisationRecord>(STATE.authorisation, authorisationId));
  }

  async #requireAuthorisation(ctx: SuiTrustContext, authorisationId: string): Promise<AuthorisationRecord> {
    const authorisation = await ctx.read<AuthorisationRecord>(STATE.authorisation, authorisationId);
    if (!authorisation) throw new Refusal('AUTHORISATION_UNKNOWN', 'authorisationId');
    return authorisation;
  }
}
