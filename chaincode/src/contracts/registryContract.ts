/**
 * Certificate types and who may issue them, and the list of pilot-era credit codes accepted
 * although their check character fails. Written only by the administrator organisation.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { STATE } from '../ledger/stateKeys';
import { canonicalJson } from '../ledger/canonicalJson';
import { RequestReader, creditCodeOrRefuse } from '../rules/request';
import { Refusal } from '../rules/refusal';
import { checkCreditCode } from '../rules/creditCode';
import type { CertificateTypeRecord, LegacyCreditCodeRecord } from '../model/records';

const TYPE_CODE = { min: 21, max: 21, pattern: /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/, patternName: "the defining agency's credit code and a 3-digit sequence" };

@Info({ title: 'Registry', description: 'Certificate types, their issuers, and accepted pilot-era credit codes' })
export class RegistryContract extends SuiTrustContract {
  constructor() {
    super('registry');
  }

  /**
   * Registers a certificate type and the departments that may issue it.
   * Request: `{ typeCode, name, issuers: [creditCode] }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { typeCode, name, issuers }')
  @Returns('string')
  async registerCertificateType(ctx: SuiTrustContext, request: string): Promise<string> {
    await ctx.requireAdministrator();
    const body = RequestReader.parse(request, ['typeCode', 'name', 'issuers'], ctx.isLegacyCreditCode);
    const typeCode = body.text('typeCode', TYPE_CODE);
    const definingAgency = await creditCodeOrRefuse(typeCode.slice(0, 18), 'typeCode', ctx.isLegacyCreditCode);
    const name = body.text('name', { max: 128 });
    const issuers = await body.creditCodeSet('issuers');
    if (await ctx.read(STATE.certificateType, typeCode)) throw new Refusal('CERTIFICATE_TYPE_EXISTS', 'typeCode');

    const stamp = { txId: ctx.txId, at: ctx.txTime };
    const record: CertificateTypeRecord = { typeCode, name, definingAgency, issuers, registered: stamp, updated: stamp };
    await ctx.write(STATE.certificateType, [typeCode], record);
    ctx.emit({
      aggregateType: 'certificate-type',
      aggregateId: typeCode,
      certificateTypeRegistered: { typeCode, name, definingAgency, issuers },
    });
    return canonicalJson(record);
  }

  /**
   * Authorises one more department to issue a certificate type.
   * Request: `{ typeCode, issuer }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { typeCode, issuer }')
  @Returns('string')
  async authoriseIssuer(ctx: SuiTrustContext, request: string): Promise<string> {
    await ctx.requireAdministrator();
    const body = RequestReader.parse(request, ['typeCode', 'issuer'], ctx.isLegacyCreditCode);
    const typeCode = body.text('typeCode', TYPE_CODE);
    const issuer = await body.creditCode('issuer');
    const type = await this.#requireType(ctx, typeCode);
    if (type.issuers.includes(issuer)) throw new Refusal('ISSUER_ALREADY_AUTHORISED', 'issuer');

    const record: CertificateTypeRecord = {
      ...type,
      issuers: [...type.issuers, issuer].sort(),
      updated: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.certificateType, [typeCode], record);
    ctx.emit({ aggregateType: 'certificate-type', aggregateId: typeCode, certificateIssuerAuthorised: { typeCode, issuer } });
    return canonicalJson(record);
  }

  /**
   * Withdraws a department's authority to issue a certificate type. Certificates it already
   * issued stay as they are; it can still suspend, reinstate and revoke them.
   * Request: `{ typeCode, issuer, reason }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { typeCode, issuer, reason }')
  @Returns('string')
  async withdrawIssuer(ctx: SuiTrustContext, request: string): Promise<string> {
    await ctx.requireAdministrator();
    const body = RequestReader.parse(request, ['typeCode', 'issuer', 'reason'], ctx.isLegacyCreditCode);
    const typeCode = body.text('typeCode', TYPE_CODE);
    const issuer = await body.creditCode('issuer');
    const reason = body.text('reason', { max: 512 });
    const type = await this.#requireType(ctx, typeCode);
    if (!type.issuers.includes(issuer)) throw new Refusal('ISSUER_NOT_AUTHORISED', 'issuer');

    const record: CertificateTypeRecord = {
      ...type,
      issuers: type.issuers.filter((code) => code !== issuer),
      updated: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.certificateType, [typeCode], record);
    ctx.emit({ aggregateType: 'certificate-type', aggregateId: typeCode, certificateIssuerWithdrawn: { typeCode, issuer, reason } });
    return canonicalJson(record);
  }

  /**
   * Accepts a legal pilot-era credit code whose check character fails, so that the enterprise
   * or department it names is not refused. Request: `{ creditCode, reason }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { creditCode, reason }')
  @Returns('string')
  async acceptLegacyCreditCode(ctx: SuiTrustContext, request: string): Promise<string> {
    await ctx.requireAdministrator();
    const body = RequestReader.parse(request, ['creditCode', 'reason']);
    const creditCode = body.text('creditCode', { min: 18, max: 18 });
    const check = checkCreditCode(creditCode);
    if (check === 'malformed') throw new Refusal('CREDIT_CODE_FORMAT', 'creditCode');
    if (check === 'valid') throw new Refusal('LEGACY_CODE_VALID', 'creditCode');
    const reason = body.text('reason', { max: 512 });
    if (await ctx.read(STATE.legacyCreditCode, creditCode)) throw new Refusal('LEGACY_CODE_EXISTS', 'creditCode');

    const record: LegacyCreditCodeRecord = { creditCode, reason, accepted: { txId: ctx.txId, at: ctx.txTime } };
    await ctx.write(STATE.legacyCreditCode, [creditCode], record);
    ctx.emit({ aggregateType: 'enterprise', aggregateId: creditCode, legacyCreditCodeAccepted: { creditCode, reason } });
    return canonicalJson(record);
  }

  /** A certificate type and its issuers. */
  @Transaction(false)
  @Param('typeCode', 'string', 'the 21-character type code')
  @Returns('string')
  async getCertificateType(ctx: SuiTrustContext, typeCode: string): Promise<string> {
    return canonicalJson(await this.#requireType(ctx, typeCode));
  }

  /** Every version of a certificate type's record, oldest first. */
  @Transaction(false)
  @Param('typeCode', 'string', 'the 21-character type code')
  @Returns('string')
  async getCertificateTypeHistory(ctx: SuiTrustContext, typeCode: string): Promise<string> {
    await this.#requireType(ctx, typeCode);
    return canonicalJson(await ctx.history<CertificateTypeRecord>(STATE.certificateType, typeCode));
  }

  async #requireType(ctx: SuiTrustContext, typeCode: string): Promise<CertificateTypeRecord> {
    const type = await ctx.read<CertificateTypeRecord>(STATE.certificateType, typeCode);
    if (!type) throw new Refusal('CERTIFICATE_TYPE_UNKNOWN', 'typeCode');
    return type;
  }
}
