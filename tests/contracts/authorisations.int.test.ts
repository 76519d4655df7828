import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { startCity, DEPT, pseudonym, sm3Like, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';

const departmentGrant = (extra: object = {}) => ({
  grantorKind: 'department',
  provider: DEPT.market,
  consumer: DEPT.tax,
  resourceCode: 'MR.ENTERPRISE.BASIC',
  sharingClass: 'conditional',
  purpose: '纳税人登记核验',
  fields: ['name', 'legalRepresentative', 'address'],
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
  ...extra,
});
const exchange = (authorisationId: string, extra: object = {}) => ({
  authorisationId,
  consumer: DEPT.tax,
  resourceCode: 'MR.ENTERPRISE.BASIC',
  purpose: '纳税人登记核验',
  fields: ['name', 'address'],
  ...extra,
});

describe('authorisations contract: grants, revocation and approval of exchanges', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const grant = (who: keyof CityMembers, body: object) => ledger.submit(m[who], 'authorisations:grant', [req(body)]);
  const approve = (who: keyof CityMembers, body: object, at?: string) =>
    ledger.submit(m[who], 'authorisations:approveExchange', [req(body)], at === undefined ? {} : { at });

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  it('lets a providing department grant, with the transaction id as the authorisation id', async () => {
    const outcome = await grant('marketOfficer', departmentGrant());
    const record = accepted(outcome);
    expect(record).toMatchObject({ authorisationId: outcome.txId, grantor: DEPT.market, status: 'active', useLimit: 0, uses: 0 });
    expect(record['fields']).toEqual(['address', 'legalRepresentative', 'name']);
    const event = singleEvent(outcome);
    expect(event.aggregateType).toBe('authorisation');
    expect(event.authorisationGranted).toMatchObject({ authorisationId: outcome.txId, grantorKind: 'department', consumer: DEPT.tax, sharingClass: 'conditional' });
  });

  it('refuses a department grant by any department but the provider', async () => {
    expectRefused(await grant('taxOfficer', departmentGrant()), 'ACCESS_NOT_PROVIDER', 'dept');
    expectRefused(await grant('auditor', departmentGrant()), 'ACCESS_ROLE', 'role');
  });

  it('records a data subject\'s grant by either party, only with a consent digest', async () => {
    const subject = {
      grantorKind: 'subject',
      subjectPseudonym: pseudonym('alice'),
      provider: DEPT.health,
      consumer: DEPT.tax,
      resourceCode: 'HL.VACCINATION',
      sharingClass: 'conditional',
      purpose: '个税专项附加扣除',
      fields: ['vaccinated'],
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-12-31T00:00:00Z',
    };
    expectRefused(await grant('taxOfficer', subject), 'CONSENT_REQUIRED', 'consentDigest');
    const withConsent = { ...subject, consentDigest: { algorithm: 'sm3', value: sm3Like('consent form') } };
    expectRefused(await grant('marketOfficer', withConsent), 'ACCESS_NOT_PARTY', 'dept');
    const record = accepted(await grant('taxOfficer', withConsent));
    expect(record).toMatchObject({ grantorKind: 'subject', grantor: pseudonym('alice'), recordedBy: { department: DEPT.tax } });
    expectRefused(await grant('marketOfficer', { ...departmentGrant(), subjectPseudonym: pseudonym('alice') }), 'INPUT_UNKNOWN_FIELD', 'subjectPseudonym');
  });

  it('refuses a resource classed not shared, bad codes, an inverted period and repeated fields', async () => {
    expectRefused(await grant('marketOfficer', departmentGrant({ sharingClass: 'not-shared' })), 'RESOURCE_NOT_SHAREABLE', 'sharingClass');
    expectRefused(await grant('marketOfficer', departmentGrant({ sharingClass: 'open' })), 'INPUT_ENUM', 'sharingClass');
    const badConsumer = DEPT.tax.slice(0, 17) + (DEPT.tax.endsWith('0') ? '1' : '0');
    expectRefused(await grant('marketOfficer', departmentGrant({ consumer: badConsumer })), 'CREDIT_CODE_CHECK', 'consumer');
    expectRefused(await grant('marketOfficer', departmentGrant({ validUntil: '2025-01-01T00:00:00Z' })), 'INPUT_PERIOD', 'validUntil');
    expectRefused(await grant('marketOfficer', departmentGrant({ fields: ['name', 'name'] })), 'INPUT_DUPLICATE_ITEM', 'fields');
    expectRefused(await grant('marketOfficer', departmentGrant({ fields: [] })), 'INPUT_LENGTH', 'fields');
    expectRefused(await grant('marketOfficer', departmentGrant({ useLimit: -1 })), 'INPUT_FORMAT', 'useLimit');
  });

  it('approves a matching exchange without writing to an unlimited authorisation', async () => {
    const granted = accepted<{ authorisationId: string }>(await grant('marketOfficer', departmentGrant()));
    const outcome = await approve('marketOfficer', exchange(granted.authorisationId, { payloadDigest: { algorithm: 'sm3', value: sm3Like('rows') } }));
    expect(accepted(outcome)).toMatchObject({ exchangeId: outcome.txId, authorisationId: granted.authorisationId, useNumber: 0 });
    expect(singleEvent(outcome).exchangeApproved).toMatchObject({ exchangeId: outcome.txId, consumer: DEPT.tax, fields: ['address', 'name'] });
    // Read (so a concurrent revocation invalidates it) but not written (so approvals never conflict).
    expect(outcome.readWriteSet.writes.size).toBe(0);
    expect(outcome.readWriteSet.reads.size).toBeGreaterThan(0);
  });

  it('refuses exchanges that do not match, naming the rule, and writes nothing', async () => {
    const { authorisationId } = accepted<{ authorisationId: string }>(await grant('marketOfficer', departmentGrant()));
    expectRefused(await approve('taxOfficer', exchange(authorisationId)), 'ACCESS_NOT_PROVIDER', 'dept');
    expectRefused(await approve('marketOfficer', exchange(authorisationId, { consumer: DEPT.health })), 'AUTHORISATION_CONSUMER_MISMATCH', 'consumer');
    expectRefused(await approve('marketOfficer', exchange(authorisationId, { resourceCode: 'MR.OTHER' })), 'AUTHORISATION_RESOURCE_MISMATCH', 'resourceCode');
    expectRefused(await approve('marketOfficer', exchange(authorisationId, { purpose: '营销' })), 'AUTHORISATION_PURPOSE_MISMATCH', 'purpose');
    expectRefused(await approve('marketOfficer', exchange(authorisationId, { fields: ['name', 'idNumber'] })), 'AUTHORISATION_SCOPE_EXCEEDED', 'fields');
    expectRefused(await approve('marketOfficer', exchange(authorisationId), '2025-12-31T23:59:59Z'), 'AUTHORISATION_NOT_YET_VALID');
    expectRefused(await approve('marketOfficer', exchange(authorisationId), '2027-01-01T00:00:00Z'), 'AUTHORISATION_EXPIRED');
    expectRefused(await approve('marketOfficer', exchange('no-such-authorisation')), 'AUTHORISATION_UNKNOWN', 'authorisationId');
  });

  it('counts uses on a limited authorisation and refuses the one past the limit', async () => {
    const { authorisationId } = accepted<{ authorisationId: string }>(await grant('marketOfficer', departmentGrant({ useLimit: 2 })));
    const first = await approve('marketOfficer', exchange(authorisationId));
    expect(accepted(first)).toMatchObject({ useNumber: 1 });
    expect(first.readWriteSet.writes.size).toBe(1);
    expect(accepted(await approve('marketOfficer', exchange(authorisationId)))).toMatchObject({ useNumber: 2 });
    expectRefused(await approve('marketOfficer', exchange(authorisationId)), 'AUTHORISATION_USE_LIMIT', 'authorisationId');
    expect(accepted(await ledger.evaluate(m.auditor, 'authorisations:get', [authorisationId]))).toMatchObject({ uses: 2 });
  });

  it('lets the provider or the recorder revoke, once, after which exchanges are refused', async () => {
    const { authorisationId } = accepted<{ authorisationId: string }>(await grant('marketOfficer', departmentGrant()));
    expectRefused(await ledger.submit(m.healthOfficer, 'authorisations:revoke', [req({ authorisationId, reason: 'x' })]), 'ACCESS_NOT_GRANTOR', 'dept');
    const revoked = await ledger.submit(m.marketOfficer, 'authorisations:revoke', [req({ authorisationId, reason: '目的已实现' })]);
    expect(accepted(revoked)).toMatchObject({ status: 'revoked', revocationReason: '目的已实现' });
    expect(singleEvent(revoked).authorisationRevoked).toMatchObject({ authorisationId, reason: '目的已实现' });
    expectRefused(await ledger.submit(m.marketOfficer, 'authorisations:revoke', [req({ authorisationId, reason: 'again' })]), 'AUTHORISATION_REVOKED');
    expectRefused(await approve('marketOfficer', exchange(authorisationId)), 'AUTHORISATION_REVOKED');
    const history = accepted<{ record: { status: string } }[]>(await ledger.evaluate(m.auditor, 'authorisations:getHistory', [authorisationId]));
    expect(history.map((entry) => entry.record.status)).toEqual(['active', 'revoked']);
  });
});
