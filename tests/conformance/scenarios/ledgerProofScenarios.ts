/**
 * A ledger proof of a committed transaction, assembled through qscc with each organisation's peer
 * witnessing its commit, verifies with SuiTrust's verifier; tampered, it fails the named check.
 */
import { afterAll, expect, it } from 'vitest';
import { suitrust } from '@suitrust/proto';
import { verifyLedgerProof } from '@suitrust/verifier';
import { assembleLedgerProof, connectPeerWitness, type ConnectedWitness } from '@suitrust/gateway';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { submitCommitted } from './gatewayOutcomes';

/** Ledger proofs of committed transactions. */
export const ledgerProofScenarios: ScenarioModule = {
  title: 'ledger proofs',
  register(fixture: () => ConformanceFixture): void {
    const witnesses: ConnectedWitness[] = [];
    afterAll(() => {
      for (const connected of witnesses) connected.close();
    });

    it('proves a committed transaction so that the verifier accepts it, and refuses it tampered', async () => {
      const { profile, runTag } = fixture();
      const material = await fixture().proofMaterial();
      for (const witness of material.witnesses) witnesses.push(await connectPeerWitness({ ...witness, channel: profile.channel }));
      const network = fixture().network('judge');
      const evidence = fixture().contract('judge', 'evidence');
      const proved = await submitCommitted(network, evidence, 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'proved') });
      // A later block, so the proof carries a header chain past the transaction's block.
      await submitCommitted(network, evidence, 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'after the proved one') });

      const proof = await assembleLedgerProof({ network, txId: proved.txId, witnesses: witnesses.map((connected) => connected.witness) });
      expect(proof.txId).toBe(proved.txId);
      expect(Number(proof.blockHeader?.number)).toBe(Number(proved.blockNumber));
      const outcome = verifyLedgerProof(proof, material.trust);
      expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
      expect(outcome.valid).toBe(true);
      expect(proof.headerChain.length).toBeGreaterThanOrEqual(1);

      const tampered = suitrust.proofs.v1.LedgerProof.decode(suitrust.proofs.v1.LedgerProof.encode(proof).finish());
      const dataHash = tampered.blockHeader?.dataHash as Uint8Array;
      dataHash[0] = (dataHash[0] as number) ^ 0x80;
      const failed = verifyLedgerProof(tampered, material.trust);
      expect(failed.valid).toBe(false);
      expect(failed.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(expect.arrayContaining(['block.dataHash']));
    });
  },
};
