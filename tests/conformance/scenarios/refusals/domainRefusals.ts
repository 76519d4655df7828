/**
 * Refusals of the domain rules: registry, certificates, authorisations, credit and evidence,
 * each against the ledger state that provokes it.
 */
import { formatCertificateId } from '@suitrust/chaincode';
import { freshCreditCode, freshDigest, unusedTypeCode } from '../freshIdentifiers';
import { authorisationRequest, creditRequest } from '../ledgerWorld';
import { request, type RefusalCase } from './refusalCase';

const sm3 = (value: string) => ({ algorithm: 'sm3', value });

const REGISTRY: readonly RefusalCase[] = [
  {
    rule: 'CERTIFICATE_TYPE_EXISTS', field: 'typeCode', identity: 'admin', contract: 'registry', transaction: 'registerCertificateType', kind: 'submit',
    args: async ({ fixture, world }) => request({ typeCode: await world.certificateType(), name: 'again', issuers: [fixture.departments.market] }),
  },
  {
    rule: 'CERTIFICATE_TYPE_UNKNOWN', field: 'typeCode', identity: 'auditor', contract: 'registry', transaction: 'getCertificateType', kind: 'evaluate',
    args: async ({ fixture }) => [await unusedTypeCode(fixture.contract('auditor', 'registry'), fixture.departments.court, fixture.runTag, 'unknown-type')],
  },
  { rule: 'ISSUER_ALREADY_AUTHORISED', field: 'issuer', identity: 'admin', contract: 'registry', transaction: 'authoriseIssuer', kind: 'submit', args: async ({ fixture, world }) => request({ typeCode: await world.certificateType(), issuer: fixture.departments.market }) },
  { rule: 'ISSUER_NOT_AUTHORISED', field: 'issuer', identity: 'admin', contract: 'registry', transaction: 'withdrawIssuer', kind: 'submit', args: async ({ fixture, world }) => request({ typeCode: await world.certificateType(), issuer: fixture.departments.court, reason: 'x' }) },
  { rule: 'LEGACY_CODE_EXISTS', field: 'creditCode', identity: 'admin', contract: 'registry', transaction: 'acceptLegacyCreditCode', kind: 'submit', args: async ({ world }) => request({ creditCode: await world.acceptedLegacyCode(), reason: 'again' }) },
  { rule: 'LEGACY_CODE_VALID', field: 'creditCode', identity: 'admin', contract: 'registry', transaction: 'acceptLegacyCreditCode', kind: 'submit', args: ({ fixture }) => request({ creditCode: fixture.departments.market, reason: 'valid already' }) },
];

const CERTIFICATES: readonly RefusalCase[] = [
  {
    rule: 'CERTIFICATE_EXISTS', field: 'certificateId', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) => request({ certificateId: (await world.validCertificate()).certificateId, holderPseudonym: freshDigest(fixture.runTag, 'other'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-02-01T00:00:00Z' }),
  },
  { rule: 'CERTIFICATE_UNKNOWN', field: 'certificateId', identity: 'auditor', contract: 'certificates', transaction: 'get', kind: 'evaluate', args: async ({ world }) => [await world.certificateId('NEVERISSUED')] },
  {
    rule: 'CERTIFICATE_UNKNOWN', field: 'previousCertificateId', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) =>
      request({ certificateId: await world.certificateId('RENEWNOTHING'), holderPseudonym: freshDigest(fixture.runTag, 'h'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-01-01T00:00:00Z', previousCertificateId: await world.certificateId('NEVERISSUED') }),
  },
  {
    rule: 'CERTIFICATE_ISSUER_MISMATCH', field: 'certificateId', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) =>
      request({ certificateId: formatCertificateId({ typeCode: await world.certificateType(), issuerCode: fixture.departments.tax, serial: 'NOTMINE', version: '001' }), holderPseudonym: freshDigest(fixture.runTag, 'h'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-01-01T00:00:00Z' }),
  },
  {
    rule: 'CERTIFICATE_PREVIOUS_MISMATCH', field: 'previousCertificateId', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) =>
      request({ certificateId: await world.certificateId('OTHERHOLDER'), holderPseudonym: freshDigest(fixture.runTag, 'someone else'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-01-01T00:00:00Z', previousCertificateId: (await world.validCertificate()).certificateId }),
  },
  { rule: 'CERTIFICATE_STATUS_TRANSITION', field: 'certificateId', identity: 'issuer', contract: 'certificates', transaction: 'reinstate', kind: 'submit', args: async ({ world }) => request({ certificateId: (await world.validCertificate()).certificateId, reason: 'not suspended' }) },
  { rule: 'CERTIFICATE_NOT_VALID', field: 'certificateId', identity: 'officer', contract: 'certificates', transaction: 'recordUse', kind: 'submit', args: async ({ world }) => request({ certificateId: await world.revokedCertificate(), matterCode: 'TAX-001', purpose: 'registration' }) },
  { rule: 'MATTERS_DAY_IN_FUTURE', field: 'day', identity: 'officer', contract: 'certificates', transaction: 'reportMattersHandled', kind: 'submit', args: () => request({ day: '2999-01-01', mattersHandled: 3 }) },
];

const exchange = (authorisationId: string, consumer: string, overrides: Record<string, unknown> = {}) =>
  request({ authorisationId, consumer, resourceCode: 'TAX/enterprise-licences', purpose: 'tax registration check', fields: ['creditCode'], ...overrides });

const AUTHORISATIONS: readonly RefusalCase[] = [
  { rule: 'RESOURCE_NOT_SHAREABLE', field: 'sharingClass', identity: 'officer@market', contract: 'authorisations', transaction: 'grant', kind: 'submit', args: ({ fixture }) => request(authorisationRequest(fixture.departments.market, fixture.departments.tax, { sharingClass: 'not-shared' })) },
  {
    rule: 'CONSENT_REQUIRED', field: 'consentDigest', identity: 'officer@market', contract: 'authorisations', transaction: 'grant', kind: 'submit',
    args: ({ fixture }) => request(authorisationRequest(fixture.departments.market, fixture.departments.tax, { grantorKind: 'subject', subjectPseudonym: freshDigest(fixture.runTag, 'subject') })),
  },
  { rule: 'AUTHORISATION_UNKNOWN', field: 'authorisationId', identity: 'auditor', contract: 'authorisations', transaction: 'get', kind: 'evaluate', args: ({ fixture }) => [freshDigest(fixture.runTag, 'no authorisation')] },
  { rule: 'AUTHORISATION_REVOKED', field: 'authorisationId', identity: 'officer@market', contract: 'authorisations', transaction: 'revoke', kind: 'submit', args: async ({ world }) => request({ authorisationId: await world.revokedAuthorisation(), reason: 'twice' }) },
  { rule: 'AUTHORISATION_REVOKED', field: 'authorisationId', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange(await world.revokedAuthorisation(), fixture.departments.tax) },
  { rule: 'AUTHORISATION_NOT_YET_VALID', field: 'authorisationId', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange(await world.futureAuthorisation(), fixture.departments.tax) },
  { rule: 'AUTHORISATION_EXPIRED', field: 'authorisationId', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange(await world.expiredAuthorisation(), fixture.departments.tax) },
  { rule: 'AUTHORISATION_CONSUMER_MISMATCH', field: 'consumer', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange((await world.activeAuthorisation()).authorisationId, fixture.departments.court) },
  {
    rule: 'AUTHORISATION_CONSUMER_MISMATCH', field: 'authorisationId', identity: 'officer', contract: 'certificates', transaction: 'recordUse', kind: 'submit',
    args: async ({ world }) => request({ certificateId: (await world.validCertificate()).certificateId, matterCode: 'DATA-001', purpose: 'check', authorisationId: (await world.activeAuthorisation()).authorisationId }),
  },
  { rule: 'AUTHORISATION_RESOURCE_MISMATCH', field: 'resourceCode', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange((await world.activeAuthorisation()).authorisationId, fixture.departments.tax, { resourceCode: 'TAX/other' }) },
  { rule: 'AUTHORISATION_PURPOSE_MISMATCH', field: 'purpose', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange((await world.activeAuthorisation()).authorisationId, fixture.departments.tax, { purpose: 'marketing' }) },
  { rule: 'AUTHORISATION_SCOPE_EXCEEDED', field: 'fields', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange((await world.activeAuthorisation()).authorisationId, fixture.departments.tax, { fields: ['creditCode', 'legalRepresentative'] }) },
  { rule: 'AUTHORISATION_USE_LIMIT', field: 'authorisationId', identity: 'officer@market', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit', args: async ({ fixture, world }) => exchange(await world.usedUpAuthorisation(), fixture.departments.tax) },
];

const CREDIT: readonly RefusalCase[] = [
  { rule: 'CREDIT_SEVERITY_CATEGORY', field: 'severity', identity: 'officer@market', contract: 'credit', transaction: 'record', kind: 'submit', args: ({ fixture }) => request(creditRequest(freshCreditCode(fixture.runTag, 'x'), `CONF-${fixture.runTag}-sev`, { category: 'licence', severity: 'minor' })) },
  {
    rule: 'CREDIT_DISPLAY_BOUNDS', field: 'displayUntil', identity: 'officer@market', contract: 'credit', transaction: 'record', kind: 'submit',
    args: ({ fixture }) => request(creditRequest(freshCreditCode(fixture.runTag, 'x'), `CONF-${fixture.runTag}-bounds`, { decisionDate: '2026-05-01', displayUntil: '2030-01-01' })),
  },
  {
    rule: 'CREDIT_DECISION_EXISTS', field: 'decisionNumber', identity: 'officer@market', contract: 'credit', transaction: 'record', kind: 'submit',
    args: async ({ fixture, world }) => request(creditRequest(freshCreditCode(fixture.runTag, 'another'), (await world.recentPenalty()).decisionNumber)),
  },
  { rule: 'CREDIT_DECISION_IN_FUTURE', field: 'decisionDate', identity: 'officer@market', contract: 'credit', transaction: 'record', kind: 'submit', args: ({ fixture }) => request(creditRequest(freshCreditCode(fixture.runTag, 'x'), `CONF-${fixture.runTag}-future`, { decisionDate: '2999-01-01' })) },
  { rule: 'CREDIT_EVENT_UNKNOWN', field: 'eventId', identity: 'auditor', contract: 'credit', transaction: 'getHistory', kind: 'evaluate', args: ({ fixture }) => [freshCreditCode(fixture.runTag, 'x'), 'no-such-event'] },
  ...(['licenceEntry', 'repairedPenalty', 'recentPenalty'] as const).map(
    (entry): RefusalCase => ({
      rule: entry === 'licenceEntry' ? 'CREDIT_NOT_REPAIRABLE' : entry === 'repairedPenalty' ? 'CREDIT_ALREADY_REPAIRED' : 'CREDIT_REPAIR_TOO_EARLY',
      field: 'eventId',
      identity: 'officer@market',
      contract: 'credit',
      transaction: 'repair',
      kind: 'submit',
      args: async ({ fixture, world }) => {
        const { creditCode, eventId } = await world[entry]();
        return request({ creditCode, eventId, reason: 'rectified', documentDigest: sm3(freshDigest(fixture.runTag, 'repair again')) });
      },
    }),
  ),
];

const EVIDENCE: readonly RefusalCase[] = [
  { rule: 'EVIDENCE_DUPLICATE', field: 'digest', identity: 'officer', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: async ({ world }) => request({ algorithm: 'sm3', digest: await world.notarisedDigest() }) },
  { rule: 'EVIDENCE_UNKNOWN', field: 'digest', identity: 'auditor', contract: 'evidence', transaction: 'get', kind: 'evaluate', args: ({ fixture }) => ['sm3', freshDigest(fixture.runTag, 'never notarised')] },
];

/** The domain refusals. */
export const DOMAIN_REFUSALS: readonly RefusalCase[] = [...REGISTRY, ...CERTIFICATES, ...AUTHORISATIONS, ...CREDIT, ...EVIDENCE];
