import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { startCity, DEPT, LICENCE_TYPE, creditCode, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';

describe('registry contract: certificate types and issuers', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  const register = (who: keyof CityMembers, body: object) => ledger.submit(m[who], 'registry:registerCertificateType', [req(body)]);

  it('lets the administrator organisation register a type with its issuers, and emits the fact', async () => {
    const outcome = await register('admin', { typeCode: LICENCE_TYPE, name: '营业执照', issuers: [DEPT.market] });
    const record = accepted(outcome);
    expect(record).toMatchObject({ typeCode: LICENCE_TYPE, definingAgency: DEPT.market, issuers: [DEPT.market], name: '营业执照' });
    const event = singleEvent(outcome);
    expect(event.body).toBe('certificateTypeRegistered');
    expect(event.aggregateType).toBe('certificate-type');
    expect(event.aggregateId).toBe(LICENCE_TYPE);
    expect(event.certificateTypeRegistered?.issuers).toEqual([DEPT.market]);
  });

  it('refuses a second registration of the same type', async () => {
    expectRefused(await register('admin', { typeCode: LICENCE_TYPE, name: 'again', issuers: [DEPT.market] }), 'CERTIFICATE_TYPE_EXISTS', 'typeCode');
  });

  it('refuses an administrator of another organisation', async () => {
    expectRefused(await register('marketAdmin', { typeCode: `${DEPT.market}002`, name: 'x', issuers: [DEPT.market] }), 'ACCESS_ADMIN_ORGANISATION');
  });

  it('refuses a member of the administrator organisation without the admin role', async () => {
    expectRefused(await register('dataOfficer', { typeCode: `${DEPT.market}002`, name: 'x', issuers: [DEPT.market] }), 'ACCESS_ROLE', 'role');
  });

  it('refuses a type code whose defining agency fails its check character', async () => {
    const wrong = DEPT.market.slice(0, 17) + (DEPT.market.endsWith('0') ? '1' : '0');
    expectRefused(await register('admin', { typeCode: `${wrong}003`, name: 'x', issuers: [DEPT.market] }), 'CREDIT_CODE_CHECK', 'typeCode');
  });

  it('refuses an issuer list naming a malformed code, pointing at the item', async () => {
    expectRefused(await register('admin', { typeCode: `${DEPT.market}004`, name: 'x', issuers: [DEPT.market, 'I1310000MB000000X'] }), 'INPUT_LENGTH');
    expectRefused(await register('admin', { typeCode: `${DEPT.market}004`, name: 'x', issuers: [DEPT.market, 'I1310000MB0000001X'] }), 'CREDIT_CODE_FORMAT', 'issuers[1]');
  });

  it('refuses unknown fields and missing fields by name', async () => {
    expectRefused(await register('admin', { typeCode: `${DEPT.market}005`, name: 'x', issuers: [DEPT.market], colour: 'red' }), 'INPUT_UNKNOWN_FIELD', 'colour');
    expectRefused(await register('admin', { typeCode: `${DEPT.market}005`, issuers: [DEPT.market] }), 'INPUT_REQUIRED', 'name');
    expectRefused(await ledger.submit(m.admin, 'registry:registerCertificateType', ['{not json']), 'INPUT_JSON');
  });

  it('authorises and withdraws issuers, keeping every version in the history', async () => {
    accepted(await ledger.submit(m.admin, 'registry:authoriseIssuer', [req({ typeCode: LICENCE_TYPE, issuer: DEPT.tax })]));
    expectRefused(await ledger.submit(m.admin, 'registry:authoriseIssuer', [req({ typeCode: LICENCE_TYPE, issuer: DEPT.tax })]), 'ISSUER_ALREADY_AUTHORISED', 'issuer');
    const withdrawn = await ledger.submit(m.admin, 'registry:withdrawIssuer', [req({ typeCode: LICENCE_TYPE, issuer: DEPT.tax, reason: 'reorganised' })]);
    expect(accepted(withdrawn)).toMatchObject({ issuers: [DEPT.market] });
    expect(singleEvent(withdrawn).certificateIssuerWithdrawn).toMatchObject({ issuer: DEPT.tax, reason: 'reorganised' });
    expectRefused(await ledger.submit(m.admin, 'registry:withdrawIssuer', [req({ typeCode: LICENCE_TYPE, issuer: DEPT.tax, reason: 'again' })]), 'ISSUER_NOT_AUTHORISED');
    expectRefused(await ledger.submit(m.admin, 'registry:authoriseIssuer', [req({ typeCode: `${DEPT.tax}001`, issuer: DEPT.tax })]), 'CERTIFICATE_TYPE_UNKNOWN');

    const history = accepted<{ record: { issuers: string[] } }[]>(await ledger.evaluate(m.auditor, 'registry:getCertificateTypeHistory', [LICENCE_TYPE]));
    expect(history.map((entry) => entry.record.issuers)).toEqual([[DEPT.market], [DEPT.market, DEPT.tax].sort(), [DEPT.market]]);
  });

  it('accepts a pilot-era code that fails its check only through the explicit list', async () => {
    const valid = creditCode('91310000MA1K0PLT8');
    const pilot = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    const typeCode = `${pilot}001`;
    expectRefused(await register('admin', { typeCode, name: 'pilot', issuers: [DEPT.market] }), 'CREDIT_CODE_CHECK');
    expectRefused(await ledger.submit(m.admin, 'registry:acceptLegacyCreditCode', [req({ creditCode: valid, reason: 'x' })]), 'LEGACY_CODE_VALID');
    expectRefused(await ledger.submit(m.dataOfficer, 'registry:acceptLegacyCreditCode', [req({ creditCode: pilot, reason: 'x' })]), 'ACCESS_ROLE');
    const accept = await ledger.submit(m.admin, 'registry:acceptLegacyCreditCode', [req({ creditCode: pilot, reason: 'registered 2015 pilot' })]);
    expect(singleEvent(accept).legacyCreditCodeAccepted?.creditCode).toBe(pilot);
    expectRefused(await ledger.submit(m.admin, 'registry:acceptLegacyCreditCode', [req({ creditCode: pilot, reason: 'again' })]), 'LEGACY_CODE_EXISTS');
    accepted(await register('admin', { typeCode, name: 'pilot', issuers: [DEPT.market] }));
  });

  it('answers unknown functions with a rule code', async () => {
    expectRefused(await ledger.submit(m.admin, 'registry:dropEverything', []), 'TRANSACTION_UNKNOWN', 'function');
  });
});
