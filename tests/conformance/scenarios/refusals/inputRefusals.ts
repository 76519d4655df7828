/** Refusals of a request's shape and of identifiers with check characters, as the client sees them. */
import { failingCreditCode, freshDigest } from '../freshIdentifiers';
import { authorisationRequest } from '../ledgerWorld';
import { request, type RefusalCase } from './refusalCase';

const sm3 = (value: string) => ({ algorithm: 'sm3', value });

/** Input-shape and identifier refusals. */
export const INPUT_REFUSALS: readonly RefusalCase[] = [
  { rule: 'INPUT_JSON', field: '', identity: 'judge', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: () => request('{not json') },
  { rule: 'INPUT_UNKNOWN_FIELD', field: 'extra', identity: 'judge', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: ({ fixture }) => request({ algorithm: 'sm3', digest: freshDigest(fixture.runTag, 'unknown-field'), extra: 1 }) },
  { rule: 'INPUT_REQUIRED', field: 'digest', identity: 'judge', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: () => request({ algorithm: 'sm3' }) },
  { rule: 'INPUT_TYPE', field: 'digest', identity: 'judge', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: () => request({ algorithm: 'sm3', digest: 5 }) },
  {
    rule: 'INPUT_LENGTH', field: 'caseReference', identity: 'judge', contract: 'evidence', transaction: 'notarise', kind: 'submit',
    args: ({ fixture }) => request({ algorithm: 'sm3', digest: freshDigest(fixture.runTag, 'long-case'), caseReference: 'x'.repeat(129) }),
  },
  {
    rule: 'INPUT_FORMAT', field: 'matterCode', identity: 'officer@market', contract: 'certificates', transaction: 'recordUse', kind: 'submit',
    args: async ({ world }) => request({ certificateId: (await world.validCertificate()).certificateId, matterCode: 'not a code!', purpose: 'x' }),
  },
  { rule: 'INPUT_ENUM', field: 'grantorKind', identity: 'officer@market', contract: 'authorisations', transaction: 'grant', kind: 'submit', args: ({ fixture }) => request(authorisationRequest(fixture.departments.market, fixture.departments.tax, { grantorKind: 'anyone' })) },
  { rule: 'INPUT_TIME', field: 'asOf', identity: 'auditor', contract: 'credit', transaction: 'getProfile', kind: 'evaluate', args: ({ fixture }) => [fixture.departments.market, 'yesterday'] },
  { rule: 'INPUT_DATE', field: 'day', identity: 'officer@market', contract: 'certificates', transaction: 'reportMattersHandled', kind: 'submit', args: () => request({ day: '2026-02-30', mattersHandled: 3 }) },
  {
    rule: 'INPUT_PERIOD', field: 'validUntil', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) =>
      request({ certificateId: await world.certificateId('PERIOD'), holderPseudonym: freshDigest(fixture.runTag, 'h'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' }),
  },
  {
    rule: 'INPUT_DUPLICATE_ITEM', field: 'fields', identity: 'officer@market', contract: 'authorisations', transaction: 'grant', kind: 'submit',
    args: ({ fixture }) => request(authorisationRequest(fixture.departments.market, fixture.departments.tax, { fields: ['creditCode', 'creditCode'] })),
  },
  { rule: 'CREDIT_CODE_FORMAT', field: 'creditCode', identity: 'auditor', contract: 'credit', transaction: 'getProfile', kind: 'evaluate', args: () => ['91310000ABC', ''] },
  { rule: 'CREDIT_CODE_CHECK', field: 'creditCode', identity: 'auditor', contract: 'credit', transaction: 'getProfile', kind: 'evaluate', args: ({ fixture }) => [failingCreditCode(fixture.runTag, 'not-listed'), ''] },
  {
    rule: 'CERTIFICATE_ID_FORMAT', field: 'certificateId', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: ({ fixture }) => request({ certificateId: '1.2.156.3005.2.nonsense', holderPseudonym: freshDigest(fixture.runTag, 'h'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-01-01T00:00:00Z' }),
  },
  {
    rule: 'CERTIFICATE_ID_CHECK', field: 'certificateId', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) => {
      const id = await world.certificateId('CHECKCHAR');
      const wrong = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
      return request({ certificateId: wrong, holderPseudonym: freshDigest(fixture.runTag, 'h'), contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-01-01T00:00:00Z' });
    },
  },
  { rule: 'DIGEST_ALGORITHM', field: 'algorithm', identity: 'judge', contract: 'evidence', transaction: 'get', kind: 'evaluate', args: ({ fixture }) => ['md5', freshDigest(fixture.runTag, 'md5')] },
  { rule: 'DIGEST_FORMAT', field: 'digest', identity: 'judge', contract: 'evidence', transaction: 'notarise', kind: 'submit', args: () => request({ algorithm: 'sm3', digest: 'ABCDEF' }) },
  {
    rule: 'PSEUDONYM_FORMAT', field: 'holderPseudonym', identity: 'issuer', contract: 'certificates', transaction: 'issue', kind: 'submit',
    args: async ({ fixture, world }) => request({ certificateId: await world.certificateId('PSEUDONYM'), holderPseudonym: '310101199001011234', contentDigest: sm3(freshDigest(fixture.runTag, 'c')), validFrom: '2026-01-01T00:00:00Z' }),
  },
  { rule: 'TRANSACTION_UNKNOWN', field: 'function', identity: 'judge', contract: 'evidence', transaction: 'shred', kind: 'submit', args: () => request({}) },
];

