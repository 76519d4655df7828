import { describe, expect, it } from 'vitest';
import { orderer } from '@hyperledger/fabric-protos';
import { raftBlockMetadata } from './raftBlockMetadata';

describe('raftBlockMetadata', () => {
  it('numbers the consenters from 1, names the next id and the block’s Raft index, as etcdraft.BlockMetadata', () => {
    const decoded = orderer.etcdraft.BlockMetadata.deserializeBinary(raftBlockMetadata(3, 42));
    expect(decoded.toObject()).toEqual({ consenterIdsList: [1, 2, 3], nextConsenterId: 4, raftIndex: 42 });
    expect(orderer.etcdraft.BlockMetadata.deserializeBinary(raftBlockMetadata(1, 0)).toObject()).toEqual({ consenterIdsList: [1], nextConsenterId: 2, raftIndex: 0 });
  });
});
