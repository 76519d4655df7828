import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { CertificateAuthority } from '../identity/certificateAuthority';
import { fabricIdentity, type FabricIdentity } from '../identity/fabricIdentity';
import { buildBlock } from '../ledger/buildBlock';
import { openFileBlockStore, type FileBlockStore } from '../ledger/fileBlockStore';
import { buildSignedProposal } from '../protocol/proposal';
import { unpackProposal } from '../protocol/proposalParts';
import { QuerySystemChaincode } from './qscc';

/**
 * qscc's refusals in Fabric 2.5's words (core/scc/qscc/query.go, common/ledger/blkstorage), as a
 * real peer answered them through the gateway (tests/conformance, on a real network).
 */
describe('QuerySystemChaincode', () => {
  let directory: string;
  let blockStore: FileBlockStore;
  let identity: FabricIdentity;
  let qscc: QuerySystemChaincode;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-qscc-'));
    blockStore = await openFileBlockStore({ directory });
    await blockStore.append(buildBlock({ number: 0, previousHash: new Uint8Array(), envelopes: [] }));
    const ca = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' });
    const member = await ca.enrol({ commonName: 'user', nodeOu: 'client' });
    identity = fabricIdentity({ mspId: 'Org1MSP', certificatePem: member.certificatePem, privateKeyPem: member.privateKeyPem });
    qscc = new QuerySystemChaincode({ channelId: 'suitrust', blockStore });
  });

  afterAll(async () => {
    await blockStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const invoke = async (...args: (string | Uint8Array)[]) => {
    const { signedProposal } = buildSignedProposal({ identity, channelId: 'suitrust', chaincodeName: 'qscc', args, timestamp: { seconds: 1_700_000_000, nanos: 0 } });
    const unpacked = unpackProposal(signedProposal);
    if (!unpacked.ok) throw new Error(unpacked.reason);
    return qscc.invoke(unpacked.parts);
  };

  it('checks the argument count, then the third argument, then the channel', async () => {
    expect(await invoke('GetChainInfo')).toMatchObject({ status: 500, message: 'Incorrect number of arguments, 1' });
    expect(await invoke('GetNothing', 'suitrust')).toMatchObject({ status: 500, message: 'missing 3rd argument for GetNothing' });
    expect(await invoke('GetBlockByNumber', 'elsewhere')).toMatchObject({ status: 500, message: 'missing 3rd argument for GetBlockByNumber' });
    expect(await invoke('GetBlockByNumber', 'elsewhere', '0')).toMatchObject({ status: 500, message: 'Invalid chain ID, elsewhere' });
    expect(await invoke('GetChainInfo', 'suitrust')).toMatchObject({ status: 200 });
    expect(await invoke('GetNothing', 'suitrust', 'x')).toMatchObject({ status: 500, message: 'access denied for [GetNothing][suitrust]: [Unmapped policy for qscc/GetNothing]' });
  });

  it('parses a block number as Go’s strconv.ParseUint does: digits only, at most 2^64 - 1', async () => {
    for (const text of ['', '1e3', ' 1', '+1', '-1', '0x1']) {
      expect(await invoke('GetBlockByNumber', 'suitrust', text)).toMatchObject({ status: 500, message: `Failed to parse block number with error strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax` });
    }
    expect(await invoke('GetBlockByNumber', 'suitrust', '18446744073709551616')).toMatchObject({ message: 'Failed to parse block number with error strconv.ParseUint: parsing "18446744073709551616": value out of range' });
    expect(await invoke('GetBlockByNumber', 'suitrust', '18446744073709551615')).toMatchObject({ message: 'Failed to get block number 18446744073709551615, error no such block number [18446744073709551615] in index' });
    const genesis = await invoke('GetBlockByNumber', 'suitrust', '0');
    expect(common.Block.deserializeBinary(genesis.payload).getHeader()?.getNumber()).toBe(0);
  });

  it('words what the ledger does not hold as Fabric’s block store does', async () => {
    expect(await invoke('GetBlockByNumber', 'suitrust', '7')).toMatchObject({ message: 'Failed to get block number 7, error no such block number [7] in index' });
    expect(await invoke('GetTransactionByID', 'suitrust', 'ab12')).toMatchObject({ message: 'Failed to get transaction with id ab12, error no such transaction ID [ab12] in index' });
    expect(await invoke('GetBlockByTxID', 'suitrust', 'ab12')).toMatchObject({ message: 'Failed to get block for txID ab12, error no such transaction ID [ab12] in index' });
    expect(await invoke('GetBlockByHash', 'suitrust', new Uint8Array([0x41, 0x07]))).toMatchObject({ message: 'Failed to get block hash A\u0007, error no such block hash [4107] in index' });
    // A hash that is not UTF-8 (most are) makes a message protobuf cannot marshal: the simulation fails.
    expect(await invoke('GetBlockByHash', 'suitrust', new Uint8Array([0xff, 0x00]))).toMatchObject({ simulationError: 'failed to marshal response: string field contains invalid UTF-8' });
  });
});
