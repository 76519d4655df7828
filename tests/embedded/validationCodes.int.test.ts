/**
 * Fabric's validation outcomes through the stock fabric-gateway client: conflicting concurrent
 * transactions on one key, a forged envelope signature, a forged endorsement, an unknown
 * organisation's certificate and a replayed transaction are each refused with Fabric's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status as GrpcStatus, type Client } from '@grpc/grpc-js';
import { connect, EndorseError, GatewayError, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import { common, gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';
import { contracts } from '@suitrust/chaincode';
import { CertificateAuthority, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { gatewayAs, grpcClient, readConnectionProfile } from '../shared/profileClient';

const json = (value: object): string => JSON.stringify(value);
const CODE = peer.TxValidationCode;

describe('validation codes on the embedded peer', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let client: Client;
  let auditor: Gateway;
  let market: string;
  let tax: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-validation-'));
    embedded = await startEmbeddedNetwork({ directory, contracts, port: 0, limits: { maxMessageCount: 50, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    client = grpcClient(profile);
    auditor = gatewayAs(profile, client, 'auditor');
    market = profile.identities.find((identity) => identity.mspId === 'MarketRegulationMSP' && identity.role === 'officer')?.dept ?? '';
    tax = profile.identities.find((identity) => identity.name.startsWith('tax-officer@'))?.dept ?? '';
  }, 60_000);

  afterAll(async () => {
    auditor?.close();
    client?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const marketOfficerGateway = (): Gateway => {
    const identity = profile.identities.find((candidate) => candidate.mspId === 'MarketRegulationMSP' && candidate.role === 'officer');
    if (!identity) throw new Error('no market officer in the profile');
    return connect({ client, identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) }, signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(identity.keyPath))), hash: hash.sha256 });
  };

  it('lets one of several concurrent transactions on one key commit and fails the rest with MVCC_READ_CONFLICT', async () => {
    const provider = marketOfficerGateway();
    try {
      const contract = provider.getNetwork(profile.channel).getContract(profile.chaincode, 'authorisations');
      const granted = JSON.parse(
        Buffer.from(
          await contract.submitTransaction('grant', json({
            grantorKind: 'department', provider: market, consumer: tax, resourceCode: 'MR.BASIC', sharingClass: 'conditional',
            purpose: '登记核验', fields: ['name'], validFrom: '2026-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z', useLimit: 10,
          })),
        ).toString('utf8'),
      ) as { authorisationId: string };
      const request = json({ authorisationId: granted.authorisationId, consumer: tax, resourceCode: 'MR.BASIC', purpose: '登记核验', fields: ['name'] });
      // Endorse all first, so every one reads the same version of the authorisation's use count.
      const transactions = await Promise.all(Array.from({ length: 5 }, () => contract.newProposal('approveExchange', { arguments: [request] }).endorse()));
      const submitted = await Promise.all(transactions.map((transaction) => transaction.submit()));
      const codes = (await Promise.all(submitted.map((commit) => commit.getStatus()))).map((status) => status.code);
      expect(codes.filter((code) => code === CODE.VALID)).toHaveLength(1);
      expect(codes.filter((code) => code === CODE.MVCC_READ_CONFLICT)).toHaveLength(4);
      const uses = JSON.parse(Buffer.from(await contract.evaluateTransaction('get', granted.authorisationId)).toString('utf8')) as { uses: number };
      expect(uses.uses).toBe(1);
    } finally {
      provider.close();
    }
  });

  it('refuses an envelope whose signature is not its creator\'s at the orderer, with FORBIDDEN', async () => {
    const contract = auditor.getNetwork(profile.channel).getContract(profile.chaincode, 'evidence');
    const judge = gatewayAs(profile, client, 'judge');
    try {
      const transaction = await judge.getNetwork(profile.channel).getContract(profile.chaincode, 'evidence').newProposal('notarise', { arguments: [json({ algorithm: 'sm3', digest: 'a1'.repeat(32) })] }).endorse();
      const prepared = gatewayProtos.PreparedTransaction.deserializeBinary(transaction.getBytes());
      const envelope = prepared.getEnvelope() as common.Envelope;
      // Signed by the auditor's key, while the creator is the judge.
      const forged = await auditor.newSignedTransaction(transaction.getBytes(), auditorSignature(envelope.getPayload_asU8()));
      const error = await forged.submit().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe(GrpcStatus.ABORTED);
      expect((error as GatewayError).message).toContain('status=FORBIDDEN');
      await expect(contract.evaluateTransaction('get', 'sm3', 'a1'.repeat(32))).rejects.toThrow();
      await expect(auditor.getNetwork(profile.channel).getContract('qscc').evaluateTransaction('GetTransactionByID', profile.channel, transaction.getTransactionId())).rejects.toThrow();
    } finally {
      judge.close();
    }

    function auditorSignature(payload: Uint8Array): Uint8Array {
      const identity = profile.identities.find((candidate) => candidate.name.startsWith('auditor@'));
      return sign('sha256', payload, { key: createPrivateKey(readFileSync(identity?.keyPath as string)), dsaEncoding: 'der' });
    }
  });

  it('records a transaction whose endorsement was tampered with as ENDORSEMENT_POLICY_FAILURE, and applies nothing', async () => {
    const judge = gatewayAs(profile, client, 'judge');
    try {
      const contract = judge.getNetwork(profile.channel).getContract(profile.chaincode, 'evidence');
      const transaction = await contract.newProposal('notarise', { arguments: [json({ algorithm: 'sm3', digest: 'b2'.repeat(32) })] }).endorse();
      const tampered = withTamperedEndorsement(transaction.getBytes());
      const commit = await judge.newTransaction(tampered).submit();
      const status = await commit.getStatus();
      expect(status.code).toBe(CODE.ENDORSEMENT_POLICY_FAILURE);
      await expect(contract.evaluateTransaction('get', 'sm3', 'b2'.repeat(32))).rejects.toThrow();
    } finally {
      judge.close();
    }
  });

  it('refuses a certificate from an organisation the channel does not know, at endorsement', async () => {
    const rogueCa = await CertificateAuthority.create({ mspId: 'MarketRegulationMSP', organisation: 'market.suitrust.local' });
    const rogue = await rogueCa.enrol({ commonName: 'mallory', nodeOu: 'client', attributes: { role: 'issuer', dept: market } });
    const gateway = connect({
      client,
      identity: { mspId: rogue.mspId, credentials: Buffer.from(rogue.certificatePem) },
      signer: signers.newPrivateKeySigner(createPrivateKey(rogue.privateKeyPem)),
      hash: hash.sha256,
    });
    try {
      const contract = gateway.getNetwork(profile.channel).getContract(profile.chaincode, 'evidence');
      const evaluated = await contract.evaluateTransaction('get', 'sm3', 'c3'.repeat(32)).catch((e: unknown) => e);
      expect(evaluated).toBeInstanceOf(GatewayError);
      expect((evaluated as GatewayError).code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect((evaluated as GatewayError).details[0]?.message).toContain('access denied');
      const submitted = await contract.submitTransaction('notarise', json({ algorithm: 'sm3', digest: 'c3'.repeat(32) })).catch((e: unknown) => e);
      expect(submitted).toBeInstanceOf(EndorseError);
      expect((submitted as EndorseError).details[0]?.message).toContain('creator org unknown');
    } finally {
      gateway.close();
    }
  });

  it('records a replayed transaction as DUPLICATE_TXID and applies it once', async () => {
    const judge = gatewayAs(profile, client, 'judge');
    const qscc = auditor.getNetwork(profile.channel).getContract('qscc');
    try {
      const contract = judge.getNetwork(profile.channel).getContract(profile.chaincode, 'evidence');
      const transaction = await contract.newProposal('notarise', { arguments: [json({ algorithm: 'sm3', digest: 'd4'.repeat(32) })] }).endorse();
      const first = await transaction.submit();
      expect((await first.getStatus()).code).toBe(CODE.VALID);
      const replay = await judge.newTransaction(transaction.getBytes()).submit();
      expect(replay.getTransactionId()).toBe(transaction.getTransactionId());
      // A later transaction commits after the replay's block.
      await (await contract.submitAsync('notarise', { arguments: [json({ algorithm: 'sm3', digest: 'd5'.repeat(32) })] })).getStatus();

      const height = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', profile.channel)).getHeight();
      const codes: number[] = [];
      for (let number = 0; number < height; number++) {
        const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(number)));
        const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
        block.getData()?.getDataList_asU8().forEach((bytes, index) => {
          const header = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8()).getHeader();
          const txId = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() as Uint8Array).getTxId();
          if (txId === transaction.getTransactionId()) codes.push(filter[index] as number);
        });
      }
      expect(codes).toEqual([CODE.VALID, CODE.DUPLICATE_TXID]);
      const history = await contract.evaluateTransaction('get', 'sm3', 'd4'.repeat(32));
      expect(JSON.parse(Buffer.from(history).toString('utf8'))).toMatchObject({ notarised: { txId: transaction.getTransactionId() } });
    } finally {
      judge.close();
    }
  });
});

/** A prepared transaction with one byte of its endorsement's signature flipped, and no envelope signature. */
function withTamperedEndorsement(preparedBytes: Uint8Array): Uint8Array {
  const prepared = gatewayProtos.PreparedTransaction.deserializeBinary(preparedBytes);
  const envelope = prepared.getEnvelope() as common.Envelope;
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = transaction.getActionsList()[0] as peer.TransactionAction;
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = actionPayload.getAction() as peer.ChaincodeEndorsedAction;
  const endorsement = endorsed.getEndorsementsList()[0] as peer.Endorsement;
  const signature = Uint8Array.from(endorsement.getSignature_asU8());
  signature[signature.length - 3] = (signature[signature.length - 3] as number) ^ 0x01;
  endorsement.setSignature(signature);
  actionPayload.setAction(endorsed);
  action.setPayload(actionPayload.serializeBinary());
  payload.setData(transaction.serializeBinary());
  envelope.setPayload(payload.serializeBinary());
  envelope.setSignature(new Uint8Array());
  prepared.setEnvelope(envelope);
  return prepared.serializeBinary();
}
