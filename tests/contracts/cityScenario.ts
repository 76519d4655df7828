/**
 * One pass through every contract operation, successful and refused, with fixed times and
 * nonces: the same scenario must produce byte-identical results wherever it runs.
 */
import { createHash } from 'node:crypto';
import type { ChaincodeSandbox, TransactionOutcome } from '@suitrust/network';
import { DEPT, ENTERPRISE, LICENCE_TYPE, licenceId, pseudonym, sm3Like, type CityMembers } from './cityNetwork';
import { testLog } from '../shared/testLogs';

type Step = { who: keyof CityMembers; fn: string; args: (previous: TransactionOutcome[]) => string[]; at: string; evaluate?: boolean };

const body = (value: object): string => JSON.stringify(value);
/** A field of an earlier step's JSON result. */
const resultField = (outcome: TransactionOutcome | undefined, field: string): string => String((JSON.parse(outcome?.payload ?? '{}') as Record<string, unknown>)[field]);
const CERT = licenceId('DET0001');
/** A log of records whose notes are signed once (SM2 signatures are randomised), so every run sends the same. */
const LOG = testLog('sm', 'city.example/determinism');
LOG.append(8);
const ANCHOR = {
  origin: LOG.origin,
  first: LOG.note(3),
  second: LOG.note(8),
  proof: LOG.proof(3, 8),
  /** Size 8 again: refused as not newer. */
  again: LOG.note(8),
};

const STEPS: Step[] = [
  { who: 'admin', fn: 'registry:registerCertificateType', at: '2026-06-01T00:00:01Z', args: () => [body({ typeCode: LICENCE_TYPE, name: '营业执照', issuers: [DEPT.market, DEPT.tax] })] },
  { who: 'admin', fn: 'registry:withdrawIssuer', at: '2026-06-01T00:00:02Z', args: () => [body({ typeCode: LICENCE_TYPE, issuer: DEPT.tax, reason: 'r' })] },
  {
    who: 'marketIssuer',
    fn: 'certificates:issue',
    at: '2026-06-01T00:00:03Z',
    args: () => [body({ certificateId: CERT, holderPseudonym: pseudonym('a'), contentDigest: { algorithm: 'sm3', value: sm3Like('c') }, validFrom: '2026-01-01T00:00:00Z' })],
  },
  { who: 'taxOfficer', fn: 'certificates:recordUse', at: '2026-06-01T00:00:04Z', args: () => [body({ certificateId: CERT, matterCode: 'M', purpose: 'p' })] },
  { who: 'marketIssuer', fn: 'certificates:suspend', at: '2026-06-01T00:00:05Z', args: () => [body({ certificateId: CERT, reason: 'r' })] },
  { who: 'taxOfficer', fn: 'certificates:recordUse', at: '2026-06-01T00:00:06Z', args: () => [body({ certificateId: CERT, matterCode: 'M', purpose: 'p' })] },
  { who: 'taxOfficer', fn: 'certificates:verify', at: '2026-06-01T00:00:07Z', evaluate: true, args: () => [CERT, sm3Like('c')] },
  { who: 'marketIssuer', fn: 'certificates:getHistory', at: '2026-06-01T00:00:08Z', evaluate: true, args: () => [CERT] },
  {
    who: 'marketOfficer',
    fn: 'authorisations:grant',
    at: '2026-06-01T00:00:09Z',
    args: () => [
      body({
        grantorKind: 'department', provider: DEPT.market, consumer: DEPT.tax, resourceCode: 'R', sharingClass: 'unconditional',
        purpose: 'p', fields: ['b', 'a'], validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z', useLimit: 1,
      }),
    ],
  },
  { who: 'marketOfficer', fn: 'authorisations:approveExchange', at: '2026-06-01T00:00:10Z', args: (p) => [body({ authorisationId: resultField(p[8], 'authorisationId'), consumer: DEPT.tax, resourceCode: 'R', purpose: 'p', fields: ['a'] })] },
  { who: 'marketOfficer', fn: 'authorisations:approveExchange', at: '2026-06-01T00:00:11Z', args: (p) => [body({ authorisationId: resultField(p[8], 'authorisationId'), consumer: DEPT.tax, resourceCode: 'R', purpose: 'p', fields: ['a'] })] },
  { who: 'marketOfficer', fn: 'authorisations:revoke', at: '2026-06-01T00:00:12Z', args: (p) => [body({ authorisationId: resultField(p[8], 'authorisationId'), reason: 'done' })] },
  {
    who: 'marketOfficer',
    fn: 'credit:record',
    at: '2026-06-01T00:00:13Z',
    args: () => [body({ creditCode: ENTERPRISE.acme, category: 'penalty', severity: 'ordinary', legalBasis: 'l', decisionNumber: 'n1', decisionDate: '2026-01-10', documentDigest: { algorithm: 'sm3', value: sm3Like('d') } })],
  },
  { who: 'marketOfficer', fn: 'credit:correct', at: '2026-06-01T00:00:14Z', args: (p) => [body({ creditCode: ENTERPRISE.acme, eventId: resultField(p[12], 'eventId'), reason: 'c', severity: 'serious' })] },
  { who: 'marketOfficer', fn: 'credit:repair', at: '2026-06-01T00:00:15Z', args: (p) => [body({ creditCode: ENTERPRISE.acme, eventId: resultField(p[12], 'eventId'), reason: 'r', documentDigest: { algorithm: 'sm3', value: sm3Like('r') } })] },
  { who: 'auditor', fn: 'credit:getProfile', at: '2026-06-01T00:00:16Z', evaluate: true, args: () => [ENTERPRISE.acme, ''] },
  { who: 'judge', fn: 'evidence:notarise', at: '2026-06-01T00:00:17Z', args: () => [body({ algorithm: 'sm3', digest: sm3Like('e'), metadata: { z: '1', a: '2' } })] },
  { who: 'judge', fn: 'evidence:notarise', at: '2026-06-01T00:00:18Z', args: () => [body({ algorithm: 'sm3', digest: sm3Like('e') })] },
  { who: 'auditor', fn: 'evidence:get', at: '2026-06-01T00:00:19Z', evaluate: true, args: () => ['sm3', sm3Like('e')] },
  { who: 'admin', fn: 'anchors:registerLog', at: '2026-06-01T00:00:20Z', args: () => [body({ origin: ANCHOR.origin, hashAlgorithm: 'sm3', verifierKey: LOG.verifierKey })] },
  { who: 'dataOfficer', fn: 'anchors:anchorCheckpoint', at: '2026-06-01T00:00:21Z', args: () => [body({ origin: ANCHOR.origin, note: ANCHOR.first })] },
  { who: 'judge', fn: 'anchors:anchorCheckpoint', at: '2026-06-01T00:00:22Z', args: () => [body({ origin: ANCHOR.origin, note: ANCHOR.second, consistencyProof: ANCHOR.proof })] },
  { who: 'judge', fn: 'anchors:anchorCheckpoint', at: '2026-06-01T00:00:23Z', args: () => [body({ origin: ANCHOR.origin, note: ANCHOR.again })] },
  { who: 'auditor', fn: 'anchors:anchorHistory', at: '2026-06-01T00:00:24Z', evaluate: true, args: () => [ANCHOR.origin] },
];

/** Runs the scenario and returns every outcome, in order. */
export async function runCityScenario(ledger: ChaincodeSandbox, members: CityMembers): Promise<TransactionOutcome[]> {
  const outcomes: TransactionOutcome[] = [];
  for (const [index, step] of STEPS.entries()) {
    const options = { at: step.at, nonce: createHash('sha256').update(`nonce-${index}`).digest() };
    const run = step.evaluate ? ledger.evaluate.bind(ledger) : ledger.submit.bind(ledger);
    outcomes.push(await run(members[step.who], step.fn, step.args(outcomes), options));
  }
  return outcomes;
}
