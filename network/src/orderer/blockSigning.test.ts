import { describe, expect, it } from 'vitest';
import { common } from '@hyperledger/fabric-protos';
import { CertificateAuthority } from '../identity/certificateAuthority';
import { fabricIdentity } from '../identity/fabricIdentity';
import { buildBlock } from '../ledger/buildBlock';
import { signBlock } from './blockSigning';
import { raftBlockMetadata } from './raftBlockMetadata';

describe('signBlock', () => {
  it('stores the Raft metadata wrapped in a common.Metadata, byte for byte as a Fabric 2.5 Raft orderer did', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'OrdererMSP', organisation: 'example.com' });
    const member = await ca.enrol({ commonName: 'orderer.example.com', nodeOu: 'orderer' });
    const identity = fabricIdentity({ mspId: 'OrdererMSP', certificatePem: member.certificatePem, privateKeyPem: member.privateKeyPem });
    const block = buildBlock({ number: 62, previousHash: new Uint8Array(32), envelopes: [] });
    signBlock(block, identity, 0, raftBlockMetadata(3, 62));
    const signatures = common.Metadata.deserializeBinary(block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array());
    const ordererMetadata = common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8());
    // Consenters 1, 2, 3, next id 4, Raft index 62: the 11 bytes a real three-orderer network wrote (tests/conformance).
    expect([...ordererMetadata.getConsenterMetadata_asU8()]).toEqual([10, 9, 10, 3, 1, 2, 3, 16, 4, 24, 62]);
    expect(ordererMetadata.getLastConfig()?.getIndex()).toBe(0);
  });
});
