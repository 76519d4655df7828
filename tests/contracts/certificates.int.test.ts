import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { formatCertificateId, STATE } from '@suitrust/chaincode';
import { startCity, DEPT, LICENCE_TYPE, licenceId, pseudonym, sm3Like, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';

const ALICE = pseudonym('alice');
const issueBody = (certificateId: string, extra: object = {}) => ({
  certificateId,
  holderPseudonym: ALICE,
  contentDigest: { algorithm: 'sm3', value: sm3Like(certificateId) },
  validFrom: '2026-01-01T00:00:00+08:00',
  validUntil: '2031-01-01T00:00:00+08:00',
  ...extra,
});

describe('certificates contract: issuance, status, use and verification', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const issue = (who: keyof CityMembers, body: object) => ledger.submit(m[who], 'certificates:issue', [req(body)]);
  const change = (who: keyof CityMembers, fn: string, certificateId: string, reason = 'inspection') =>
    ledger.submit(m[who], `certificates:${fn}`, [req({ certificateId, reason })]);
  const use = (who: keyof CityMembers, body: object, at?: string) =>
    ledger.submit(m[who], 'certificates:recordUse', [req(body)], at === undefined ? {} : { at });

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
    accepted(await ledger.submit(m.admin, 'registry:registerCertificateType', [req({ typeCode: LICENCE_TYPE, name: '营业执照', issuers: [DEPT.market] })]));
  });
  afterAll(() => ledger.close());

  it('issues a certificate from an authorised department and emits CertificateIssued', async () => {
    const id = licenceId('SH0001');
    const outcome = await issue('marketIssuer', issueBody(id));
    expect(accepted(outcome)).toMatchObject({ certificateId: id, typeCode: LICENCE_TYPE, issuer: DEPT.market, status: 'valid', validFrom: '2025-12-31T16:00:00.000Z' });
    const event = singleEvent(outcome);
    expect(event.body).toBe('certificateIssued');
    expect(event.aggregateId).toBe(id);
    expect(event.certificateIssued).toMatchObject({ certificateId: id, holderPseudonym: ALICE, issuer: DEPT.market, contentDigestAlgorithm: 'sm3' });
    expect(event.certificateIssued?.validity?.from?.seconds).toBe(Date.parse('2026-01-01T00:00:00+08:00') / 1000);
  });

  it('refuses a second certificate with the same identifier', async () => {
    expectRefused(await issue('marketIssuer', issueBody(licenceId('SH0001'))), 'CERTIFICATE_EXISTS', 'certificateId');
  });

  it('refuses identifiers that are malformed or fail their check character', async () => {
    const good = licenceId('SH0002');
    const badCheck = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    expectRefused(await issue('marketIssuer', issueBody(badCheck)), 'CERTIFICATE_ID_CHECK', 'certificateId');
    expectRefused(await issue('marketIssuer', issueBody(good.replace('1.2.156.3005.2.', '1.2.156.3005.9.'))), 'CERTIFICATE_ID_FORMAT', 'certificateId');
    expectRefused(await issue('marketIssuer', issueBody(`${good}.0`)), 'CERTIFICATE_ID_FORMAT');
  });

  it('refuses a caller without the issuer role, or issuing in another department\'s name', async () => {
    expectRefused(await issue('marketOfficer', issueBody(licenceId('SH0003'))), 'ACCESS_ROLE', 'role');
    expectRefused(await issue('plainClient', issueBody(licenceId('SH0003'))), 'ACCESS_ROLE', 'role');
    const inTaxName = formatCertificateId({ typeCode: LICENCE_TYPE, issuerCode: DEPT.tax, serial: 'SH0003', version: '001' });
    expectRefused(await issue('marketIssuer', issueBody(inTaxName)), 'CERTIFICATE_ISSUER_MISMATCH', 'certificateId');
  });

  it('refuses a department not authorised for the type, and an unknown type', async () => {
    const byTax = formatCertificateId({ typeCode: LICENCE_TYPE, issuerCode: DEPT.tax, serial: 'T0001', version: '001' });
    expectRefused(await issue('taxIssuer', issueBody(byTax)), 'ACCESS_NOT_AUTHORISED_ISSUER', 'dept');
    const unknownType = formatCertificateId({ typeCode: `${DEPT.market}009`, issuerCode: DEPT.market, serial: 'X1', version: '001' });
    expectRefused(await issue('marketIssuer', issueBody(unknownType)), 'CERTIFICATE_TYPE_UNKNOWN', 'certificateId');
  });

  it('refuses a holder identifier in clear, a malformed digest and an inverted validity window', async () => {
    const id = licenceId('SH0004');
    expectRefused(await issue('marketIssuer', issueBody(id, { holderPseudonym: '11010519491231002X' })), 'PSEUDONYM_FORMAT', 'holderPseudonym');
    expectRefused(await issue('marketIssuer', issueBody(id, { contentDigest: { algorithm: 'sm3', value: 'ABCD' } })), 'DIGEST_FORMAT', 'contentDigest.value');
    expectRefused(await issue('marketIssuer', issueBody(id, { contentDigest: { algorithm: 'md5', value: 'ab' } })), 'DIGEST_ALGORITHM', 'contentDigest.algorithm');
    expectRefused(await issue('marketIssuer', issueBody(id, { validUntil: '2025-01-01T00:00:00Z' })), 'INPUT_PERIOD', 'validUntil');
    expectRefused(await issue('marketIssuer', issueBody(id, { validFrom: '2026-01-01' })), 'INPUT_TIME', 'validFrom');
  });

  it('links a renewal to a certificate of the same type and holder only', async () => {
    const renewal = licenceId('SH0001', '002');
    expectRefused(await issue('marketIssuer', issueBody(renewal, { previousCertificateId: licenceId('NOPE') })), 'CERTIFICATE_UNKNOWN', 'previousCertificateId');
    expectRefused(
      await issue('marketIssuer', issueBody(renewal, { holderPseudonym: pseudonym('bob'), previousCertificateId: licenceId('SH0001') })),
      'CERTIFICATE_PREVIOUS_MISMATCH',
    );
    expect(accepted(await issue('marketIssuer', issueBody(renewal, { previousCertificateId: licenceId('SH0001') })))).toMatchObject({
      previousCertificateId: licenceId('SH0001'),
    });
  });

  it('records a use by any department while the certificate is valid, under its own key', async () => {
    const id = licenceId('SH0001');
    const outcome = await use('taxOfficer', { certificateId: id, matterCode: 'TAX-REG-01', purpose: '税务登记', annotation: { reason: '税务登记核验', expires: '2026-12-31T00:00:00Z' } });
    expect(accepted(outcome)).toMatchObject({ certificateId: id, usingDepartment: DEPT.tax, matterCode: 'TAX-REG-01' });
    const event = singleEvent(outcome).certificateUsed;
    expect(event).toMatchObject({ certificateId: id, typeCode: LICENCE_TYPE, holderPseudonym: ALICE, usingDepartment: DEPT.tax, annotationReason: '税务登记核验' });
    // The use reads the certificate (a concurrent status change conflicts) and writes only its own key.
    const keys = [...outcome.readWriteSet.writes.keys()];
    expect(keys).toEqual([`\u0000${STATE.certificateUse}\u0000${id}\u0000${outcome.txId}\u0000`]);
    expect(outcome.readWriteSet.reads.has(`\u0000${STATE.certificate}\u0000${id}\u0000`)).toBe(true);
  });

  it('refuses a use outside the validity window, by the transaction time', async () => {
    const id = licenceId('SH0001');
    expectRefused(await use('taxOfficer', { certificateId: id, matterCode: 'M1', purpose: 'p' }, '2025-06-01T00:00:00Z'), 'CERTIFICATE_NOT_VALID', 'certificateId');
    expectRefused(await use('taxOfficer', { certificateId: id, matterCode: 'M1', purpose: 'p' }, '2031-01-01T00:00:00+08:00'), 'CERTIFICATE_NOT_VALID');
    expectRefused(await use('taxOfficer', { certificateId: licenceId('NONE1'), matterCode: 'M1', purpose: 'p' }), 'CERTIFICATE_UNKNOWN');
    expectRefused(await use('auditor', { certificateId: id, matterCode: 'M1', purpose: 'p' }), 'ACCESS_ROLE');
  });

  it('lets only the issuing department change status, along the allowed transitions', async () => {
    const id = licenceId('SH0005');
    accepted(await issue('marketIssuer', issueBody(id)));
    expectRefused(await change('taxIssuer', 'suspend', id), 'ACCESS_NOT_ISSUER', 'dept');
    expectRefused(await change('marketOfficer', 'suspend', id), 'ACCESS_ROLE');
    expectRefused(await change('marketIssuer', 'reinstate', id), 'CERTIFICATE_STATUS_TRANSITION', 'certificateId');
    expectRefused(await ledger.submit(m.marketIssuer, 'certificates:suspend', [req({ certificateId: id })]), 'INPUT_REQUIRED', 'reason');

    const suspended = await change('marketIssuer', 'suspend', id, '暂扣: 检查');
    expect(accepted(suspended)).toMatchObject({ status: 'suspended', statusReason: '暂扣: 检查' });
    expect(singleEvent(suspended).body).toBe('certificateSuspended');
    expectRefused(await use('taxOfficer', { certificateId: id, matterCode: 'M1', purpose: 'p' }), 'CERTIFICATE_NOT_VALID');

    expect(singleEvent(await change('marketIssuer', 'reinstate', id)).body).toBe('certificateReinstated');
    accepted(await use('taxOfficer', { certificateId: id, matterCode: 'M2', purpose: 'p' }));
    const revoked = await change('marketIssuer', 'revoke', id, '撤销: 虚假材料');
    expect(singleEvent(revoked).certificateRevoked).toMatchObject({ certificateId: id, reason: '撤销: 虚假材料' });
    for (const fn of ['suspend', 'reinstate', 'revoke', 'cancel']) {
      expectRefused(await change('marketIssuer', fn, id), 'CERTIFICATE_STATUS_TRANSITION');
    }
    expectRefused(await use('taxOfficer', { certificateId: id, matterCode: 'M3', purpose: 'p' }), 'CERTIFICATE_NOT_VALID');

    const history = accepted<{ record: { status: string } }[]>(await ledger.evaluate(m.auditor, 'certificates:getHistory', [id]));
    expect(history.map((entry) => entry.record.status)).toEqual(['valid', 'suspended', 'valid', 'revoked']);
    const uses = accepted<{ matterCode: string }[]>(await ledger.evaluate(m.auditor, 'certificates:listUses', [id]));
    expect(uses.map((entry) => entry.matterCode)).toEqual(['M2']);
  });

  it('cancels a certificate at the holder\'s request', async () => {
    const id = licenceId('SH0006');
    accepted(await issue('marketIssuer', issueBody(id)));
    expect(singleEvent(await change('marketIssuer', 'cancel', id, '注销: 申请人申请')).body).toBe('certificateCancelled');
  });

  it('verifies status at the transaction time and whether the presented content matches', async () => {
    const id = licenceId('SH0001');
    const good = accepted(await ledger.evaluate(m.taxOfficer, 'certificates:verify', [id, sm3Like(id)]));
    expect(good).toMatchObject({ status: 'valid', digestMatches: true, trustworthy: true });
    const forged = accepted(await ledger.evaluate(m.taxOfficer, 'certificates:verify', [id, sm3Like('forged')]));
    expect(forged).toMatchObject({ status: 'valid', digestMatches: false, trustworthy: false });
    const later = accepted(await ledger.evaluate(m.taxOfficer, 'certificates:verify', [id, sm3Like(id)], { at: '2031-02-01T00:00:00Z' }));
    expect(later).toMatchObject({ status: 'expired', trustworthy: false, checkedAt: '2031-02-01T00:00:00.000Z' });
    expectRefused(await ledger.evaluate(m.taxOfficer, 'certificates:verify', [licenceId('NONE2'), sm3Like('x')]), 'CERTIFICATE_UNKNOWN');
  });

  it('checks an authorisation named by a use: it must exist, be in force and name the user', async () => {
    const id = licenceId('SH0001');
    expectRefused(await use('taxOfficer', { certificateId: id, matterCode: 'M4', purpose: 'p', authorisationId: 'missing' }), 'AUTHORISATION_UNKNOWN', 'authorisationId');
    const grant = accepted<{ authorisationId: string }>(
      await ledger.submit(m.marketOfficer, 'authorisations:grant', [
        req({
          grantorKind: 'department',
          provider: DEPT.market,
          consumer: DEPT.tax,
          resourceCode: 'MR.LICENCE',
          sharingClass: 'conditional',
          purpose: '税务登记',
          fields: ['name', 'address'],
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2027-01-01T00:00:00Z',
        }),
      ]),
    );
    expectRefused(await use('healthOfficer', { certificateId: id, matterCode: 'M4', purpose: 'p', authorisationId: grant.authorisationId }), 'AUTHORISATION_CONSUMER_MISMATCH');
    expect(accepted(await use('taxOfficer', { certificateId: id, matterCode: 'M4', purpose: 'p', authorisationId: grant.authorisationId }))).toMatchObject({
      authorisationId: grant.authorisationId,
    });
  });
});
