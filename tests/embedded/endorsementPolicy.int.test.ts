/**
 * A configured endorsement policy is what the gateway collects and what validation enforces:
 * with MAJORITY, two of the three organisations' peers endorse every transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@grpc/grpc-js';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { contracts } from '@suitrust/chaincode';
import { startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { gatewayAs, grpcClient, readConnectionProfile } from '../shared/profileClient';

describe('endorsement policy MAJORITY on the embedded peer', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let client: Client;
  let judge: Gateway;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-policy-'));
    embedded = await startEmbeddedNetwork({ directory, contracts, port: 0, endorsementPolicy: { rule: 'majority' }, limits: { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    client = grpcClient(profile);
    judge = gatewayAs(profile, client, 'judge');
  }, 60_000);

  afterAll(async () => {
    judge?.close();
    client?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('commits a transaction endorsed by two different organisations\' peers', async () => {
    const network = judge.getNetwork(profile.channel);
    const commit = await network.getContract(profile.chaincode, 'evidence').submitAsync('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: 'e7'.repeat(32) })] });
    expect((await commit.getStatus()).code).toBe(peer.TxValidationCode.VALID);

    const processed = peer.ProcessedTransaction.deserializeBinary(await network.getContract('qscc').evaluateTransaction('GetTransactionByID', profile.channel, commit.getTransactionId()));
    const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()?.getPayload_asU8() as Uint8Array);
    const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0];
    const endorsements = peer.ChaincodeActionPayload.deserializeBinary(action?.getPayload_asU8() as Uint8Array).getAction()?.getEndorsementsList() ?? [];
    const endorsers = endorsements.map((endorsement) => msp.SerializedIdentity.deserializeBinary(endorsement.getEndorser_asU8()).getMspid());
    expect(new Set(endorsers).size).toBe(2);
  });
});
