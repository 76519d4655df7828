/**
 * The anchors contract: a transparency log is registered once and its checkpoints anchored only
 * as the log grows, each after the chaincode verified the note's signature and the consistency
 * proof from the last anchor; and every refusal of it, against a log this run registered.
 */
import { expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import type { Contract } from '@hyperledger/fabric-gateway';
import { fromHex } from '@suitrust/crypto';
import { signCheckpoint, signNote } from '@suitrust/proofs';
import { testLog, type TestLog } from '../../shared/testLogs';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { expectEndorseRefusal, rejectionOf } from './gatewayOutcomes';
import { request, type RefusalCase, type RefusalContext } from './refusals/refusalCase';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const json = (value: unknown): string => JSON.stringify(value);

/** A log registered on this run's ledger with one anchor of 6 records, made once per fixture. */
const anchoredLogs = new WeakMap<ConformanceFixture, Promise<TestLog>>();

function anchoredLog(fixture: ConformanceFixture): Promise<TestLog> {
  let log = anchoredLogs.get(fixture);
  if (log === undefined) {
    log = (async () => {
      // A fresh origin per run: a real network keeps earlier runs' logs.
      const made = testLog('sm', `conformance.suitrust.local/${fixture.runTag}-${randomUUID()}`);
      const anchors = fixture.contract('admin', 'anchors');
      await anchors.submitTransaction('registerLog', json({ origin: made.origin, hashAlgorithm: 'sm3', verifierKey: made.verifierKey }));
      made.append(6);
      await anchors.submitTransaction('anchorCheckpoint', json({ origin: made.origin, note: made.note() }));
      return made;
    })();
    anchoredLogs.set(fixture, log);
  }
  return log;
}

/** An anchorCheckpoint request against the run's anchored log. */
const anchorCase = (rule: RefusalCase['rule'], field: string, body: (log: TestLog) => object): RefusalCase => ({
  rule,
  field,
  identity: 'admin',
  contract: 'anchors',
  transaction: 'anchorCheckpoint',
  kind: 'submit',
  args: async ({ fixture }: RefusalContext) => request(body(await anchoredLog(fixture))),
});

/** A signed checkpoint of `log`'s origin and key over another history of `size` records. */
function rewritten(log: TestLog, size: number): string {
  const other = testLog('sm', log.origin);
  other.append(size, 'rewritten');
  return signCheckpoint({ origin: log.origin, size, root: fromHex(other.rootHex()) }, [log.signer]);
}

const ANCHOR_REFUSALS: readonly RefusalCase[] = [
  {
    rule: 'LOG_EXISTS', field: 'origin', identity: 'admin', contract: 'anchors', transaction: 'registerLog', kind: 'submit',
    args: async ({ fixture }) => {
      const log = await anchoredLog(fixture);
      return request({ origin: log.origin, hashAlgorithm: 'sm3', verifierKey: log.verifierKey });
    },
  },
  { rule: 'LOG_UNKNOWN', field: 'origin', identity: 'auditor', contract: 'anchors', transaction: 'latestAnchor', kind: 'evaluate', args: ({ fixture }) => [`conformance.suitrust.local/${fixture.runTag}-never-registered`] },
  {
    rule: 'LOG_VERIFIER_KEY', field: 'verifierKey', identity: 'admin', contract: 'anchors', transaction: 'registerLog', kind: 'submit',
    args: ({ fixture }) => request({ origin: `conformance.suitrust.local/${fixture.runTag}-garbled`, hashAlgorithm: 'sm3', verifierKey: `conformance.suitrust.local/${fixture.runTag}-garbled+00000000+AAAA` }),
  },
  anchorCase('CHECKPOINT_FORMAT', 'note', (log) => ({ origin: log.origin, note: signNote('not a checkpoint\n', [log.signer]) })),
  anchorCase('CHECKPOINT_ORIGIN', 'note', (log) => {
    const other = testLog('sm', `${log.origin}-other`);
    other.append(3);
    return { origin: log.origin, note: signCheckpoint({ origin: other.origin, size: 3, root: fromHex(other.rootHex()) }, [log.signer]) };
  }),
  anchorCase('CHECKPOINT_SIGNATURE', 'note', (log) => {
    const impostor = testLog('sm', log.origin);
    impostor.append(8);
    return { origin: log.origin, note: impostor.note(), consistencyProof: impostor.proof(6) };
  }),
  anchorCase('ANCHOR_SIZE_DECREASED', 'note', (log) => ({ origin: log.origin, note: log.note(4) })),
  anchorCase('ANCHOR_NOT_NEWER', 'note', (log) => ({ origin: log.origin, note: log.note(6) })),
  anchorCase('ANCHOR_ROOT_CONFLICT', 'note', (log) => ({ origin: log.origin, note: rewritten(log, 6) })),
  anchorCase('ANCHOR_INCONSISTENT', 'consistencyProof', (log) => ({ origin: log.origin, note: rewritten(log, 9), consistencyProof: log.proof(6, 6) })),
];

/** The anchors contract's operations and refusals. */
export const anchorScenarios: ScenarioModule = {
  title: 'anchors',
  refusals: ANCHOR_REFUSALS,
  register(fixture: () => ConformanceFixture): void {
    it('anchors a transparency log only as it grows: a rewritten history with a valid signature is refused', async () => {
      const log = testLog('sm', `conformance.suitrust.local/${fixture().runTag}-${randomUUID()}`);
      const anchors: Contract = fixture().contract('admin', 'anchors');
      await anchors.submitTransaction('registerLog', json({ origin: log.origin, hashAlgorithm: 'sm3', verifierKey: log.verifierKey }));
      log.append(4);
      const first = await anchors.submitAsync('anchorCheckpoint', { arguments: [json({ origin: log.origin, note: log.note() })] });
      expect((await first.getStatus()).code).toBe(peer.TxValidationCode.VALID);
      log.append(3);
      // Any member with a SuiTrust role may anchor: the log's signature and the proof are what count.
      const second = await fixture().contract('tax-officer', 'anchors').submitAsync('anchorCheckpoint', { arguments: [json({ origin: log.origin, note: log.note(), consistencyProof: log.proof(4) })] });
      expect(JSON.parse(utf8(second.getResult()))).toMatchObject({ origin: log.origin, size: 7, rootHash: log.rootHex(), previous: { size: 4, rootHash: log.rootHex(4) } });
      expect((await second.getStatus()).code).toBe(peer.TxValidationCode.VALID);

      const forged = rewritten(log, 9);
      const history = testLog('sm', log.origin);
      history.append(9, 'rewritten');
      expectEndorseRefusal(await rejectionOf(anchors.submitTransaction('anchorCheckpoint', json({ origin: log.origin, note: forged, consistencyProof: history.proof(7) }))), 'ANCHOR_INCONSISTENT', 'consistencyProof');
      const latest = JSON.parse(utf8(await anchors.evaluateTransaction('latestAnchor', log.origin)));
      expect(latest).toMatchObject({ size: 7, anchored: { txId: second.getTransactionId() } });
      const listed = JSON.parse(utf8(await fixture().contract('auditor', 'anchors').evaluateTransaction('anchorHistory', log.origin))) as { size: number }[];
      expect(listed.map((anchor) => anchor.size)).toEqual([4, 7]);
    });
  },
};
