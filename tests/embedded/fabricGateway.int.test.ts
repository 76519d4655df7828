/**
 * The real `@hyperledger/fabric-gateway` client against the embedded peer over gRPC and TLS:
 * submit, evaluate, commit status, chaincode-event replay from a checkpoint, block events and
 * the qscc queries, on the project's chaincode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { checkpointers, EndorseError, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { contracts, Refusal, formatCertificateId, creditCodeCheckCharacter } from '@suitrust/chaincode';
import { suitrust } from '@suitrust/proto';
import { startEmbeddedNetwork, blockHeaderHash, type EmbeddedNetwork, type ConnectionProfile } from '@suitrust/network';
import { gatewayAs, grpcClient, readConnectionProfile } from '../shared/profileClient';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const json = (value: object): string => JSON.stringify(value);

describe('the embedded peer through the stock fabric-gateway client', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let client: grpc.Client;
  let admin: Gateway;
  let issuer: Gateway;
  let officer: Gateway;
  let adminNetwork: Network;
  let market: string;
  let typeCode: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-embedded-'));
    embedded = await startEmbeddedNetwork({ directory, contracts, port: 0, limits: { maxMessageCount: 50, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    client = grpcClient(profile);
    admin = gatewayAs(profile, client, 'admin');
    issuer = gatewayAs(profile, client, 'issuer');
    officer = gatewayAs(profile, client, 'tax-officer');
    adminNetwork = admin.getNetwork(profile.channel);
    market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
    typeCode = `${market}001`;
  }, 60_000);

  afterAll(async () => {
    admin?.close();
    issuer?.close();
    officer?.close();
    client?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('submits a transaction, returns its result, and reports it VALID in a block', async () => {
    const contract = adminNetwork.getContract(profile.chaincode, 'registry');
    const submitted = await contract.submitAsync('registerCertificateType', { arguments: [json({ typeCode, name: '营业执照', issuers: [market] })] });
    expect(JSON.parse(utf8(submitted.getResult()))).toMatchObject({ typeCode, issuers: [market] });
    const status = await submitted.getStatus();
    expect(status.successful).toBe(true);
    expect(status.code).toBe(peer.TxValidationCode.VALID);
    expect(status.blockNumber).toBeGreaterThan(0n);
    expect(status.transactionId).toBe(submitted.getTransactionId());
  });

  it('evaluates against committed state', async () => {
    const result = await adminNetwork.getContract(profile.chaincode, 'registry').evaluateTransaction('getCertificateType', typeCode);
    expect(JSON.parse(utf8(result))).toMatchObject({ typeCode, name: '营业执照' });
  });

  it('turns a chaincode refusal into an EndorseError whose details carry the rule', async () => {
    const contract = officer.getNetwork(profile.channel).getContract(profile.chaincode, 'registry');
    const error = await contract.submitTransaction('registerCertificateType', json({ typeCode: `${market}002`, name: 'x', issuers: [market] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndorseError);
    const details = (error as EndorseError).details;
    expect(details[0]?.mspId).toBe('DataBureauMSP');
    expect(Refusal.parse(details[0]?.message ?? '')?.rule).toBe('ACCESS_ROLE');
  });

  it('replays chaincode events from a checkpoint, with no gap and no duplicate', async () => {
    const contract = issuer.getNetwork(profile.channel).getContract(profile.chaincode, 'certificates');
    const holder = 'ab'.repeat(32);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const certificateId = formatCertificateId({ typeCode, issuerCode: market, serial: `EV${i}`, version: '001' });
      await contract.submitTransaction('issue', json({ certificateId, holderPseudonym: holder, contentDigest: { algorithm: 'sm3', value: 'cd'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' }));
      ids.push(certificateId);
    }
    const network = issuer.getNetwork(profile.channel);
    const checkpointer = checkpointers.inMemory();
    const first = await network.getChaincodeEvents(profile.chaincode, { startBlock: 0n });
    const seen: string[] = [];
    for await (const event of first) {
      const batch = suitrust.events.v1.EventBatch.decode(event.payload);
      const issued = batch.events[0]?.certificateIssued?.certificateId;
      if (issued) seen.push(issued);
      await checkpointer.checkpointChaincodeEvent(event);
      if (seen.length === 1) break;
    }
    first.close();
    expect(seen).toEqual([ids[0]]);

    const resumed = await network.getChaincodeEvents(profile.chaincode, { checkpoint: checkpointer, startBlock: 0n });
    for await (const event of resumed) {
      const batch = suitrust.events.v1.EventBatch.decode(event.payload);
      const issued = batch.events[0]?.certificateIssued?.certificateId;
      if (issued) seen.push(issued);
      if (seen.length === 3) break;
    }
    resumed.close();
    expect(seen).toEqual(ids);
  });

  it('streams full and filtered blocks from block 0, hash-linked, with validation codes', async () => {
    const blocks = await adminNetwork.getBlockEvents({ startBlock: 0n });
    const received: common.Block[] = [];
    for await (const block of blocks) {
      received.push(block);
      if (received.length === 3) break;
    }
    blocks.close();
    expect(received.map((block) => block.getHeader()?.getNumber())).toEqual([0, 1, 2]);
    for (let i = 1; i < received.length; i++) {
      expect(Buffer.from(received[i]?.getHeader()?.getPreviousHash_asU8() ?? [])).toEqual(Buffer.from(blockHeaderHash(received[i - 1]?.getHeader() as common.BlockHeader)));
    }
    const filtered = await adminNetwork.getFilteredBlockEvents({ startBlock: 1n });
    for await (const block of filtered) {
      expect(block.getNumber()).toBe(1);
      const transaction = block.getFilteredTransactionsList()[0];
      expect(transaction?.getTxValidationCode()).toBe(peer.TxValidationCode.VALID);
      expect(transaction?.getTransactionActions()?.getChaincodeActionsList()[0]?.getChaincodeEvent()?.getEventName()).toBe('suitrust');
      expect(transaction?.getTransactionActions()?.getChaincodeActionsList()[0]?.getChaincodeEvent()?.getPayload_asU8().length).toBe(0);
      break;
    }
    filtered.close();
  });

  it('answers every qscc query clients use', async () => {
    const qscc = adminNetwork.getContract('qscc');
    const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', profile.channel));
    expect(info.getHeight()).toBeGreaterThanOrEqual(5);
    const last = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(info.getHeight() - 1)));
    expect(Buffer.from(blockHeaderHash(last.getHeader() as common.BlockHeader))).toEqual(Buffer.from(info.getCurrentblockhash_asU8()));
    const byHash = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByHash', profile.channel, info.getCurrentblockhash_asU8()));
    expect(byHash.getHeader()?.getNumber()).toBe(info.getHeight() - 1);
    const envelope = common.Envelope.deserializeBinary(last.getData()?.getDataList_asU8()[0] as Uint8Array);
    const txId = common.ChannelHeader.deserializeBinary(common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader()?.getChannelHeader_asU8() as Uint8Array).getTxId();
    const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', profile.channel, txId));
    expect(processed.getValidationcode()).toBe(peer.TxValidationCode.VALID);
    expect(Buffer.from(processed.getTransactionenvelope()?.serializeBinary() ?? [])).toEqual(Buffer.from(envelope.serializeBinary()));
    const byTx = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', profile.channel, txId));
    expect(byTx.getHeader()?.getNumber()).toBe(info.getHeight() - 1);
    await expect(qscc.evaluateTransaction('GetBlockByNumber', profile.channel, '99999')).rejects.toThrow();
  });

  it('keeps the department codes of the profile valid unified social credit codes', () => {
    for (const identity of profile.identities) expect(creditCodeCheckCharacter(identity.dept.slice(0, 17))).toBe(identity.dept.charAt(17));
  });
});
