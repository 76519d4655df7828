/**
 * The conformance scenarios: one set of behaviours that any ledger SuiTrust runs on must show
 * through the stock `@hyperledger/fabric-gateway` client, given only a SuiTrust connection
 * profile. The same function runs against a real Fabric network (`realNetwork.int.test.ts`) and
 * can run against the embedded peer, so both are held to one table.
 *
 * The scenarios assert what must be identical in both modes (results, refusals and their rule
 * codes, validation codes, event batches, block hashing and linking, qscc answers), never what
 * legitimately differs (block numbers, how many blocks the chaincode's deployment took). They
 * pick fresh identifiers, so they also run against a ledger that already holds earlier runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { status as GrpcStatus, type Client } from '@grpc/grpc-js';
import { EndorseError, GatewayError, checkpointers, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { EVENT_NAME, Refusal, formatCertificateId } from '@suitrust/chaincode';
import { suitrust } from '@suitrust/proto';
import { blockDataHash, blockHeaderHash, type ConnectionProfile } from '@suitrust/network';
import { randomUUID } from 'node:crypto';
import { fromHex } from '@suitrust/crypto';
import { signCheckpoint } from '@suitrust/proofs';
import { gatewayAs, grpcClient } from '../shared/profileClient';
import { testLog } from '../shared/testLogs';

/** Where the scenarios get their profile: called once, in `beforeAll`, after the ledger is up. */
export type ProfileSource = () => ConnectionProfile | Promise<ConnectionProfile>;

/** `common.BlockMetadataIndex.TRANSACTIONS_FILTER`: the per-transaction validation codes. */
const TRANSACTIONS_FILTER = 2;

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const json = (value: object): string => JSON.stringify(value);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * Registers the conformance scenarios as a vitest `describe` block.
 *
 * @param source - gives the connection profile of a running ledger with SuiTrust's chaincode
 *   deployed; called in the block's `beforeAll`, so an enclosing `beforeAll` may start the ledger
 * @example
 * ```ts
 * describe('embedded peer', () => {
 *   let embedded: EmbeddedNetwork;
 *   beforeAll(async () => { embedded = await startEmbeddedNetwork({ directory, contracts, port: 0 }); });
 *   afterAll(() => embedded.close());
 *   runConformanceScenarios(() => readConnectionProfile(embedded.connectionProfilePath));
 * });
 * ```
 */
export function runConformanceScenarios(source: ProfileSource): void {
  describe('conformance scenarios through fabric-gateway', () => {
    let profile: ConnectionProfile;
    let client: Client;
    let admin: Gateway;
    let issuer: Gateway;
    let officer: Gateway;
    let adminNetwork: Network;
    let market: string;
    let typeCode: string;
    let certificateId: string;
    /** Filled as the scenarios run: later ones look at what earlier ones committed. */
    const committed: { registration?: { txId: string; block: bigint }; issue?: { txId: string; block: bigint } } = {};

    beforeAll(async () => {
      profile = await source();
      client = grpcClient(profile);
      admin = gatewayAs(profile, client, 'admin');
      issuer = gatewayAs(profile, client, 'issuer');
      officer = gatewayAs(profile, client, 'tax-officer');
      adminNetwork = admin.getNetwork(profile.channel);
      market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
      expect(market).toHaveLength(18);
      typeCode = await unusedTypeCode(adminNetwork.getContract(profile.chaincode, 'registry'), market);
      // A serial no earlier run used: the type is new, so is every identifier under it.
      certificateId = formatCertificateId({ typeCode, issuerCode: market, serial: 'CONFORMANCE1', version: '001' });
    }, 120_000);

    afterAll(() => {
      admin?.close();
      issuer?.close();
      officer?.close();
      client?.close();
    });

    it('registers a certificate type as the administrator, VALID in a block', async () => {
      const contract = adminNetwork.getContract(profile.chaincode, 'registry');
      const submitted = await contract.submitAsync('registerCertificateType', { arguments: [json({ typeCode, name: '营业执照', issuers: [market] })] });
      expect(JSON.parse(utf8(submitted.getResult()))).toMatchObject({ typeCode, name: '营业执照', definingAgency: market, issuers: [market] });
      const status = await submitted.getStatus();
      expect(status.successful).toBe(true);
      expect(status.code).toBe(peer.TxValidationCode.VALID);
      expect(status.transactionId).toBe(submitted.getTransactionId());
      expect(status.blockNumber).toBeGreaterThan(0n);
      committed.registration = { txId: status.transactionId, block: status.blockNumber };
    });

    it('evaluates the committed type', async () => {
      const result = await adminNetwork.getContract(profile.chaincode, 'registry').evaluateTransaction('getCertificateType', typeCode);
      expect(JSON.parse(utf8(result))).toMatchObject({ typeCode, issuers: [market], registered: { txId: committed.registration?.txId } });
    });

    it('issues a certificate as the authorised department, the issuer taken from the caller’s certificate', async () => {
      const contract = issuer.getNetwork(profile.channel).getContract(profile.chaincode, 'certificates');
      const request = { certificateId, holderPseudonym: 'ab'.repeat(32), contentDigest: { algorithm: 'sm3', value: 'cd'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' };
      const submitted = await contract.submitAsync('issue', { arguments: [json(request)] });
      expect(JSON.parse(utf8(submitted.getResult()))).toMatchObject({ certificateId, typeCode, issuer: market, status: 'valid' });
      const status = await submitted.getStatus();
      expect(status.code).toBe(peer.TxValidationCode.VALID);
      committed.issue = { txId: status.transactionId, block: status.blockNumber };
      const stored = JSON.parse(utf8(await contract.evaluateTransaction('get', certificateId)));
      expect(stored).toMatchObject({ certificateId, status: 'valid', issued: { txId: status.transactionId } });
    });

    it('refuses an administrator’s operation by an officer: ACCESS_ROLE, and nothing is ordered', async () => {
      const contract = officer.getNetwork(profile.channel).getContract(profile.chaincode, 'registry');
      const error = await contract.submitTransaction('registerCertificateType', json({ typeCode, name: 'x', issuers: [market] })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndorseError);
      expectEndorseRefusal(error as EndorseError, 'ACCESS_ROLE', 'role');
    });

    it('refuses a second certificate with the same identifier: CERTIFICATE_EXISTS', async () => {
      const contract = issuer.getNetwork(profile.channel).getContract(profile.chaincode, 'certificates');
      const request = { certificateId, holderPseudonym: 'ef'.repeat(32), contentDigest: { algorithm: 'sm3', value: '01'.repeat(32) }, validFrom: '2026-02-01T00:00:00Z' };
      const error = await contract.submitTransaction('issue', json(request)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndorseError);
      expectEndorseRefusal(error as EndorseError, 'CERTIFICATE_EXISTS', 'certificateId');
    });

    it('refuses an evaluation of what does not exist: CERTIFICATE_UNKNOWN, as Fabric’s gateway words it', async () => {
      const contract = issuer.getNetwork(profile.channel).getContract(profile.chaincode, 'certificates');
      const unknown = formatCertificateId({ typeCode, issuerCode: market, serial: 'NEVERISSUED', version: '001' });
      const error = await contract.evaluateTransaction('get', unknown).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      const gatewayError = error as GatewayError;
      // internal/pkg/gateway/evaluate.go: a chaincode error is not retried on another peer.
      expect(gatewayError.code).toBe(GrpcStatus.UNKNOWN);
      expect(gatewayError.details).toHaveLength(1);
      expect(gatewayError.message).toContain(`evaluate call to endorser returned error: ${gatewayError.details[0]?.message}`);
      expect(refusalIn(gatewayError.details[0]?.message ?? '')).toMatchObject({ rule: 'CERTIFICATE_UNKNOWN', field: 'certificateId' });
    });

    it('delivers one chaincode event per transaction, an EventBatch, and resumes from a checkpoint with no gap and no duplicate', async () => {
      const registration = committed.registration;
      const issue = committed.issue;
      if (!registration || !issue) throw new Error('the registration and issue scenarios must pass first');
      const network = issuer.getNetwork(profile.channel);
      const checkpointer = checkpointers.inMemory();

      const first = await network.getChaincodeEvents(profile.chaincode, { startBlock: registration.block });
      let firstEvent;
      for await (const event of first) {
        firstEvent = event;
        await checkpointer.checkpointChaincodeEvent(event);
        break;
      }
      first.close();
      expect(firstEvent?.transactionId).toBe(registration.txId);
      expect(firstEvent?.blockNumber).toBe(registration.block);
      expect(firstEvent?.chaincodeName).toBe(profile.chaincode);
      expect(firstEvent?.eventName).toBe(EVENT_NAME);
      const registered = suitrust.events.v1.EventBatch.decode(firstEvent?.payload ?? new Uint8Array());
      expect(registered.events).toHaveLength(1);
      expect(registered.events[0]?.certificateTypeRegistered?.typeCode).toBe(typeCode);

      // Another client may write between the two: look for the issue, and never see the registration again.
      const resumed = await network.getChaincodeEvents(profile.chaincode, { checkpoint: checkpointer, startBlock: 0n });
      const seen: string[] = [];
      let issued;
      for await (const event of resumed) {
        seen.push(event.transactionId);
        if (event.transactionId === issue.txId) {
          issued = event;
          break;
        }
      }
      resumed.close();
      expect(seen).not.toContain(registration.txId);
      expect(new Set(seen).size).toBe(seen.length);
      expect(issued?.blockNumber).toBe(issue.block);
      const batch = suitrust.events.v1.EventBatch.decode(issued?.payload ?? new Uint8Array());
      expect(batch.events[0]?.certificateIssued?.certificateId).toBe(certificateId);
      expect(batch.events[0]?.certificateIssued?.issuer).toBe(market);
    });

    it('answers qscc with blocks hashed and linked as SuiTrust hashes them, and the validation codes of each transaction', async () => {
      const issue = committed.issue;
      if (!issue) throw new Error('the issue scenario must pass first');
      const qscc = adminNetwork.getContract('qscc');
      const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', profile.channel));
      expect(BigInt(info.getHeight())).toBeGreaterThan(issue.block);

      const blockAt = async (number: bigint | number): Promise<common.Block> =>
        common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(number)));
      const last = await blockAt(info.getHeight() - 1);
      expect(hex(blockHeaderHash(last.getHeader() as common.BlockHeader))).toBe(hex(info.getCurrentblockhash_asU8()));
      expect(hex(last.getHeader()?.getPreviousHash_asU8() ?? new Uint8Array())).toBe(hex(info.getPreviousblockhash_asU8()));

      const block = await blockAt(issue.block);
      const previous = await blockAt(issue.block - 1n);
      const header = block.getHeader() as common.BlockHeader;
      expect(BigInt(header.getNumber())).toBe(issue.block);
      expect(hex(blockDataHash(block.getData()?.getDataList_asU8() ?? []))).toBe(hex(header.getDataHash_asU8()));
      expect(hex(blockHeaderHash(previous.getHeader() as common.BlockHeader))).toBe(hex(header.getPreviousHash_asU8()));

      const envelopes = block.getData()?.getDataList_asU8() ?? [];
      const index = envelopes.findIndex((bytes) => transactionIdOf(bytes) === issue.txId);
      expect(index).toBeGreaterThanOrEqual(0);
      const filter = block.getMetadata()?.getMetadataList_asU8()[TRANSACTIONS_FILTER] ?? new Uint8Array();
      expect(filter).toHaveLength(envelopes.length);
      expect(filter[index]).toBe(peer.TxValidationCode.VALID);

      const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', profile.channel, issue.txId));
      expect(processed.getValidationcode()).toBe(peer.TxValidationCode.VALID);
      expect(hex(processed.getTransactionenvelope()?.serializeBinary() ?? new Uint8Array())).toBe(hex(envelopes[index] as Uint8Array));
      const byTx = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', profile.channel, issue.txId));
      expect(BigInt(byTx.getHeader()?.getNumber() ?? -1)).toBe(issue.block);
      const byHash = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByHash', profile.channel, blockHeaderHash(header)));
      expect(BigInt(byHash.getHeader()?.getNumber() ?? -1)).toBe(issue.block);
      await expect(qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(info.getHeight() + 1000))).rejects.toBeInstanceOf(GatewayError);
    });

    it('starts the chain with a config block: number 0, no previous hash, one CONFIG envelope', async () => {
      const genesis = common.Block.deserializeBinary(await adminNetwork.getContract('qscc').evaluateTransaction('GetBlockByNumber', profile.channel, '0'));
      expect(genesis.getHeader()?.getNumber()).toBe(0);
      expect(genesis.getHeader()?.getPreviousHash_asU8()).toHaveLength(0);
      const envelopes = genesis.getData()?.getDataList_asU8() ?? [];
      expect(envelopes).toHaveLength(1);
      expect(channelHeaderOf(envelopes[0] as Uint8Array).getType()).toBe(common.HeaderType.CONFIG);
      expect(channelHeaderOf(envelopes[0] as Uint8Array).getChannelId()).toBe(profile.channel);
    });

    it('anchors a transparency log only as it grows: a rewritten history with a valid signature is refused', async () => {
      // A fresh origin per run: a real network keeps earlier runs' logs.
      const log = testLog('sm', `conformance.suitrust.local/${randomUUID()}`);
      const anchors = adminNetwork.getContract(profile.chaincode, 'anchors');
      await anchors.submitTransaction('registerLog', json({ origin: log.origin, hashAlgorithm: 'sm3', verifierKey: log.verifierKey }));
      log.append(4);
      const first = await anchors.submitAsync('anchorCheckpoint', { arguments: [json({ origin: log.origin, note: log.note() })] });
      expect((await first.getStatus()).code).toBe(peer.TxValidationCode.VALID);
      log.append(3);
      const officerAnchors = officer.getNetwork(profile.channel).getContract(profile.chaincode, 'anchors');
      const second = await officerAnchors.submitAsync('anchorCheckpoint', { arguments: [json({ origin: log.origin, note: log.note(), consistencyProof: log.proof(4) })] });
      expect(JSON.parse(utf8(second.getResult()))).toMatchObject({ origin: log.origin, size: 7, rootHash: log.rootHex(), previous: { size: 4, rootHash: log.rootHex(4) } });
      expect((await second.getStatus()).code).toBe(peer.TxValidationCode.VALID);

      const rewritten = testLog('sm', log.origin);
      rewritten.append(9, 'rewritten');
      const forged = signCheckpoint({ origin: log.origin, size: 9, root: fromHex(rewritten.rootHex()) }, [log.signer]);
      const error = await anchors.submitTransaction('anchorCheckpoint', json({ origin: log.origin, note: forged, consistencyProof: rewritten.proof(7) })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndorseError);
      expectEndorseRefusal(error as EndorseError, 'ANCHOR_INCONSISTENT', 'consistencyProof');
      const latest = JSON.parse(utf8(await anchors.evaluateTransaction('latestAnchor', log.origin)));
      expect(latest).toMatchObject({ size: 7, anchored: { txId: second.getTransactionId() } });
    });
  });
}

/**
 * How Fabric 2.5 reports a chaincode error. The peer's endorser answers a chaincode status of
 * 500 with the response *and* its proposal-response payload, unendorsed
 * (core/endorser/endorser.go, `case res.Status >= shim.ERROR`); the gateway, seeing a payload,
 * classifies it as the chaincode's own error and words it "chaincode response 500, <message>"
 * (internal/pkg/gateway/apiutils.go `responseStatus`). The message is the chaincode's JSON refusal.
 */
const CHAINCODE_ERROR = /^chaincode response 500, ([\s\S]*)$/;

/** The refusal inside a gateway error detail's message, if it holds one. */
function refusalIn(message: string): ReturnType<typeof Refusal.parse> {
  const match = CHAINCODE_ERROR.exec(message);
  return match ? Refusal.parse(match[1] as string) : undefined;
}

/**
 * A refused submit: Fabric's gateway gives up after the first endorser's chaincode error
 * (internal/pkg/gateway/endorse.go) with ABORTED, each endorser it asked in the details, each
 * refusing with the same rule and field.
 */
function expectEndorseRefusal(error: EndorseError, rule: string, field: string): void {
  expect(error.code).toBe(GrpcStatus.ABORTED);
  expect(error.details.length).toBeGreaterThan(0);
  for (const detail of error.details) {
    expect(refusalIn(detail.message), `endorser ${detail.mspId} at ${detail.address} said: ${detail.message}`).toMatchObject({ rule, field });
  }
}

/**
 * A type code of the market department that no earlier run registered: the 3-digit sequence
 * starts at a time-derived place and moves on while `getCertificateType` finds a type.
 */
async function unusedTypeCode(registry: ReturnType<Network['getContract']>, agency: string): Promise<string> {
  const start = Date.now() % 900;
  for (let i = 0; i < 900; i++) {
    const candidate = `${agency}${String(100 + ((start + i) % 900))}`;
    const error = await registry.evaluateTransaction('getCertificateType', candidate).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error === undefined) continue;
    // Not an assertion: the scenarios that check the wording of refusals come later.
    const refusal = error instanceof GatewayError ? error.details.map((detail) => refusalIn(detail.message) ?? Refusal.parse(detail.message)).find(Boolean) : undefined;
    if (refusal?.rule === 'CERTIFICATE_TYPE_UNKNOWN') return candidate;
    throw error;
  }
  throw new Error(`every type code of ${agency} is registered`);
}

function channelHeaderOf(envelopeBytes: Uint8Array): common.ChannelHeader {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
}

function transactionIdOf(envelopeBytes: Uint8Array): string {
  return channelHeaderOf(envelopeBytes).getTxId();
}
