import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { buildBlock } from '../ledger/buildBlock';
import { blockHeaderHash } from '../ledger/blockHash';
import { openFileBlockStore } from '../ledger/fileBlockStore';
import { MemoryWorldState } from '../ledger/memoryWorldState';
import { Committer } from './committer';
import { ReadWriteLock } from './readWriteLock';

describe('Committer', () => {
  it('counts a block as committed only once its writes are in the world state, not when it is stored', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'suitrust-committer-'));
    const blockStore = await openFileBlockStore({ directory });
    try {
      await blockStore.append(buildBlock({ number: 0, previousHash: new Uint8Array(), envelopes: [] }));
      const stateLock = new ReadWriteLock();
      const committer = new Committer({
        blockStore,
        state: new MemoryWorldState(),
        stateLock,
        previousCommitHash: new Uint8Array(),
        validate: async () => [],
        commitHash: () => new Uint8Array(32),
      });
      expect(committer.committedHeight).toBe(1);
      const genesis = (await blockStore.blockByNumber(0)) as common.Block;
      let releaseSimulation!: () => void;
      const simulation = stateLock.read(() => new Promise<void>((resolve) => (releaseSimulation = resolve)));
      const commit = committer.commit(buildBlock({ number: 1, previousHash: blockHeaderHash(genesis.getHeader() as common.BlockHeader), envelopes: [] }));
      while (blockStore.height < 2) await new Promise((resolve) => setImmediate(resolve));
      // Stored, but its writes wait for the simulation holding the state: not committed yet.
      expect(committer.committedHeight).toBe(1);
      releaseSimulation();
      await Promise.all([simulation, commit]);
      expect(committer.committedHeight).toBe(2);
    } finally {
      await blockStore.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
