/** Refusals of who the caller is, read from its own certificate. */
import { formatCertificateId } from '@suitrust/chaincode';
import { freshDigest } from '../freshIdentifiers';
import { authorisationRequest, creditRequest } from '../ledgerWorld';
import { request, type RefusalCase } from './refusalCase';

/** Access refusals the profile's identities can provoke. */
export const ACCESS_REFUSALS: readonly RefusalCase[] = [
  {
    rule: 'ACCESS_ROLE', field: 'role', identity: 'tax-officer', contract: 'registry', transaction: 'registerCertificateType', kind: 'submit',
    args: async ({ world }) => request({ typeCode: await world.certificateType(), name: 'x', issuers: [] }),
  },
  { rule: 'ACCESS_ROLE', field: 'role', identity: 'auditor', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: ({ fixture }) => request({ algorithm: 'sm3', digest: freshDigest(fixture.runTag, 'auditor') }) },
  {
    rule: 'ACCESS_ADMIN_ORGANISATION', field: 'mspId', identity: 'issuer', contract: 'registry', transaction: 'registerCertificateType', kind: 'submit',
    args: async ({ fixture, world }) => request({ typeCode: await world.certificateType(), name: 'x', issuers: [fixture.departments.market] }),
  },
  {
    rule: 'ACCESS_NOT_AUTHORISED_ISSUER', field: 'dept', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) => {
      const certificateId = formatCertificateId({ typeCode: await world.taxOnlyType(), issuerCode: fixture.departments.market, serial: 'NOTAUTHORISED', version: '001' });
      return request({ certificateId, holderPseudonym: freshDigest(fixture.runTag, 'h'), contentDigest: { algorithm: 'sm3', value: freshDigest(fixture.runTag, 'c') }, validFrom: '2026-01-01T00:00:00Z' });
    },
  },
  { rule: 'ACCESS_NOT_PROVIDER', field: 'dept', identity: 'officer@market', contract: 'authorisations', transaction: 'grant', kind: 'submit', args: ({ fixture }) => request(authorisationRequest(fixture.departments.tax, fixture.departments.market)) },
  {
    rule: 'ACCESS_NOT_PROVIDER', field: 'dept', identity: 'tax-officer', contract: 'authorisations', transaction: 'approveExchange', kind: 'submit',
    args: async ({ fixture, world }) => {
      const granted = await world.activeAuthorisation();
      return request({ authorisationId: granted.authorisationId, consumer: fixture.departments.tax, resourceCode: granted.resourceCode, purpose: granted.purpose, fields: ['creditCode'] });
    },
  },
  {
    rule: 'ACCESS_NOT_PARTY', field: 'dept', identity: 'officer@market', contract: 'authorisations', transaction: 'grant', kind: 'submit',
    args: ({ fixture }) =>
      request(authorisationRequest(fixture.departments.tax, fixture.departments.court, { grantorKind: 'subject', subjectPseudonym: freshDigest(fixture.runTag, 'subject'), consentDigest: { algorithm: 'sm3', value: freshDigest(fixture.runTag, 'consent') } })),
  },
  { rule: 'ACCESS_NOT_GRANTOR', field: 'dept', identity: 'tax-officer', contract: 'authorisations', transaction: 'revoke', kind: 'submit', args: async ({ world }) => request({ authorisationId: (await world.activeAuthorisation()).authorisationId, reason: 'x' }) },
  {
    rule: 'ACCESS_NOT_SOURCE', field: 'dept', identity: 'tax-officer', contract: 'credit', transaction: 'correct', kind: 'submit',
    args: async ({ world }) => {
      const entry = await world.recentPenalty();
      return request({ creditCode: entry.creditCode, eventId: entry.eventId, reason: 'not mine to correct' });
    },
  },
  {
    rule: 'ACCESS_ROLE', field: 'role', identity: 'judge', contract: 'credit', transaction: 'record', kind: 'submit',
    args: ({ fixture }) => request(creditRequest(fixture.departments.market, `CONF-${fixture.runTag}-judge`)),
  },
];
