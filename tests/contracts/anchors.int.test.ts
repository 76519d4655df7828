import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { fromHex } from '@suitrust/crypto';
import { signCheckpoint, signNote } from '@suitrust/proofs';
import { DEPT, startCity, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';
import { testLog, type TestLog } from '../shared/testLogs';

describe('anchor contract: transparency logs and their anchored checkpoints', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const register = (who: keyof CityMembers, log: Pick<TestLog, 'origin' | 'hashAlgorithm' | 'verifierKey'>) =>
    ledger.submit(m[who], 'anchors:registerLog', [req({ origin: log.origin, hashAlgorithm: log.hashAlgorithm, verifierKey: log.verifierKey })]);
  const anchor = (who: keyof CityMembers, origin: string, note: string, consistencyProof?: string[]) =>
    ledger.submit(m[who], 'anchors:anchorCheckpoint', [req({ origin, note, ...(consistencyProof ? { consistencyProof } : {}) })]);

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  describe.each([
    ['sm', 'SM3 and SM2', 'city.example/exchanges'],
    ['std', 'SHA-256 and Ed25519', 'city.example/evidence'],
  ] as const)('a log of the %s suite (%s)', (suiteName, _algorithms, origin) => {
    let log: TestLog;
    beforeAll(() => {
      log = testLog(suiteName, origin);
    });

    it('is registered by the administrator, once', async () => {
      const outcome = await register('admin', log);
      expect(accepted(outcome)).toMatchObject({ origin, hashAlgorithm: log.hashAlgorithm, verifierKey: log.verifierKey, registeredBy: { mspId: 'DataBureauMSP', department: DEPT.dataBureau } });
      const event = singleEvent(outcome);
      expect(event.aggregateType).toBe('transparency-log');
      expect(event.aggregateId).toBe(origin);
      expect(event.transparencyLogRegistered).toMatchObject({ origin, hashAlgorithm: log.hashAlgorithm, verifierKey: log.verifierKey });
      expectRefused(await register('admin', log), 'LOG_EXISTS', 'origin');
      expect(accepted(await ledger.evaluate(m.auditor, 'anchors:latestAnchor', [origin]))).toBeNull();
    });

    it('anchors a first checkpoint without a proof, then each larger one with its consistency proof', async () => {
      log.append(5);
      const note = log.note();
      const first = await anchor('dataOfficer', origin, note);
      expect(accepted(first)).toMatchObject({ origin, size: 5, rootHash: log.rootHex(), previous: { size: 0, rootHash: log.rootHex(0) }, note });
      expect(singleEvent(first).checkpointAnchored).toMatchObject({ origin, size: 5, rootHash: log.rootHex(), previousSize: 0 });

      log.append(8);
      const second = await anchor('judge', origin, log.note(), log.proof(5));
      expect(accepted(second)).toMatchObject({ size: 13, rootHash: log.rootHex(), previous: { size: 5, rootHash: log.rootHex(5) }, anchoredBy: { mspId: 'InternetCourtMSP' } });
      expect(singleEvent(second).checkpointAnchored).toMatchObject({ size: 13, previousSize: 5, previousRootHash: log.rootHex(5) });

      const latest = accepted(await ledger.evaluate(m.auditor, 'anchors:latestAnchor', [origin]));
      expect(latest).toMatchObject({ size: 13, rootHash: log.rootHex(), anchored: { txId: second.txId } });
      const history = accepted<{ size: number }[]>(await ledger.evaluate(m.auditor, 'anchors:anchorHistory', [origin]));
      expect(history.map((entry) => entry.size)).toEqual([5, 13]);
      expect(accepted(await ledger.evaluate(m.auditor, 'anchors:getLog', [origin]))).toMatchObject({ latest: { size: 13, rootHash: log.rootHex() } });
    });

    it('refuses a smaller checkpoint, the anchored one again, and the anchored size with another root', async () => {
      expectRefused(await anchor('admin', origin, log.note(5)), 'ANCHOR_SIZE_DECREASED', 'note');
      expectRefused(await anchor('admin', origin, log.note()), 'ANCHOR_NOT_NEWER', 'note');
      const forked = testLog(suiteName, origin);
      forked.append(13, 'rewritten');
      // Signed by the registered key: only the tree's history gives it away.
      const signedFork = signCheckpoint({ origin, size: 13, root: fromHex(forked.rootHex()) }, [log.signer]);
      expectRefused(await anchor('admin', origin, signedFork), 'ANCHOR_ROOT_CONFLICT', 'note');
    });

    it('refuses a validly signed root that rewrites the anchored history (no consistency proof connects them)', async () => {
      const rewritten = testLog(suiteName, origin);
      rewritten.append(13, 'rewritten');
      rewritten.append(7);
      const note = signCheckpoint({ origin, size: 20, root: fromHex(rewritten.rootHex()) }, [log.signer]);
      // The rewritten log's own proof from 13, and the honest log's proof shape: neither connects.
      expectRefused(await anchor('admin', origin, note, rewritten.proof(13)), 'ANCHOR_INCONSISTENT', 'consistencyProof');
      log.append(7);
      expectRefused(await anchor('admin', origin, note, log.proof(13)), 'ANCHOR_INCONSISTENT', 'consistencyProof');
      expectRefused(await anchor('admin', origin, log.note(), []), 'ANCHOR_INCONSISTENT', 'consistencyProof');
      expectRefused(await anchor('admin', origin, log.note(), log.proof(5)), 'ANCHOR_INCONSISTENT', 'consistencyProof');
      // The honest extension still goes through.
      expect(accepted(await anchor('admin', origin, log.note(), log.proof(13)))).toMatchObject({ size: 20, previous: { size: 13 } });
    });

    it('refuses a checkpoint signed by another key, of another origin, or not a checkpoint at all', async () => {
      const impostor = testLog(suiteName, origin);
      impostor.append(25);
      expectRefused(await anchor('admin', origin, impostor.note(), impostor.proof(20)), 'CHECKPOINT_SIGNATURE', 'note');
      const tampered = log.note().replace(/^(.*)\n20\n/, '$1\n21\n');
      expectRefused(await anchor('admin', origin, tampered), 'CHECKPOINT_SIGNATURE', 'note');
      expectRefused(await anchor('admin', origin, signNote('not a checkpoint\n', [log.signer])), 'CHECKPOINT_FORMAT', 'note');
      const other = testLog(suiteName, `${origin}-other`);
      other.append(3);
      const otherNote = signCheckpoint({ origin: other.origin, size: 3, root: fromHex(other.rootHex()) }, [log.signer]);
      expectRefused(await anchor('admin', origin, otherNote), 'CHECKPOINT_ORIGIN', 'note');
      expectRefused(await anchor('admin', origin, log.note(), ['zz']), 'INPUT_FORMAT', 'consistencyProof[0]');
    });
  });

  it('refuses an unknown log, a key of the wrong suite, a bad origin and non-administrators', async () => {
    const log = testLog('sm', 'city.example/unregistered');
    log.append(2);
    expectRefused(await anchor('admin', log.origin, log.note()), 'LOG_UNKNOWN', 'origin');
    expectRefused(await ledger.evaluate(m.auditor, 'anchors:latestAnchor', [log.origin]), 'LOG_UNKNOWN', 'origin');
    const ed25519Key = testLog('std', 'city.example/mismatched').verifierKey;
    expectRefused(await register('admin', { origin: 'city.example/mismatched', hashAlgorithm: 'sm3', verifierKey: ed25519Key }), 'LOG_VERIFIER_KEY', 'verifierKey');
    expectRefused(await register('admin', { origin: 'city.example/garbled', hashAlgorithm: 'sm3', verifierKey: 'city.example/garbled+00000000+AAAA' }), 'LOG_VERIFIER_KEY', 'verifierKey');
    expectRefused(await register('admin', { origin: 'has space', hashAlgorithm: 'sm3', verifierKey: log.verifierKey }), 'INPUT_FORMAT', 'origin');
    expectRefused(await register('admin', { origin: 'city.example/md5', hashAlgorithm: 'md5' as 'sm3', verifierKey: log.verifierKey }), 'DIGEST_ALGORITHM', 'hashAlgorithm');
    expectRefused(await register('marketAdmin', log), 'ACCESS_ADMIN_ORGANISATION');
    expectRefused(await register('dataOfficer', log), 'ACCESS_ROLE', 'role');
    expectRefused(await anchor('plainClient', log.origin, log.note()), 'ACCESS_ROLE', 'role');
  });
});
