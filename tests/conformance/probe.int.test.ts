import { afterAll, beforeAll, describe, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayError, EndorseError } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { contracts } from '@suitrust/chaincode';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork, type ConnectionProfile } from '@suitrust/network';
import { openFixture } from './scenarios/conformanceFixture';
import { findFabricBinaries, startFabricNetwork, type StartedFabricNetwork } from './fabricNetwork';

const mode = process.env.PROBE_MODE ?? 'embedded';
describe('probe', () => {
  let embedded: EmbeddedNetwork | undefined;
  let real: StartedFabricNetwork | undefined;
  let profile: ConnectionProfile;
  beforeAll(async () => {
    if (mode === 'embedded') {
      embedded = await startEmbeddedNetwork({ directory: mkdtempSync(join(tmpdir(), 'probe-')), contracts, port: 0, limits: { maxMessageCount: 500, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
      profile = await readConnectionProfile(embedded.connectionProfilePath);
    } else {
      real = await startFabricNetwork({ fabricBin: findFabricBinaries() as string, endorsement: (process.env.PROBE_ENDORSEMENT as 'any') ?? 'any' });
      profile = await readConnectionProfile(real.profilePath);
    }
  }, 600_000);
  afterAll(async () => { await embedded?.close(); await real?.clean(); }, 120_000);
  it('observes', async () => {
    const { fixture, close } = openFixture(profile, undefined);
    const out: Record<string, unknown> = {};
    const err = (e: unknown) => e instanceof GatewayError ? { cls: e.constructor.name, code: e.code, message: e.message, details: e.details.map((d) => ({ mspId: d.mspId, message: d.message })) } : { other: String(e) };
    const tryIt = async (name: string, p: () => Promise<unknown>) => { try { const v = await p(); out[name] = { ok: v instanceof Uint8Array ? Buffer.from(v).toString('hex').slice(0, 80) : v }; } catch (e) { out[name] = err(e); } };
    const net = fixture.network('judge');
    const evidence = fixture.contract('judge', 'evidence');
    const qscc = net.getContract('qscc');
    const digest = () => require('node:crypto').randomBytes(32).toString('hex');
    // a. endorse the same proposal after its commit
    const proposal = evidence.newProposal('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: digest() })] });
    const tx = await proposal.endorse();
    const sub = await tx.submit();
    out['a.first'] = (await sub.getStatus()).code;
    await tryIt('a.reendorse', () => proposal.endorse());
    await tryIt('a.reevaluate', () => proposal.evaluate());
    await tryIt('a.resubmitCommitted', async () => { const again = await tx.submit(); return (await again.getStatus()).code; });
    // b. submit the same endorsed tx twice before commit
    const tx2 = await evidence.newProposal('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: digest() })] }).endorse();
    const [s1, s2] = await Promise.all([tx2.submit(), tx2.submit()]);
    out['b.statuses'] = [(await s1.getStatus()).code, (await s2.getStatus()).code];
    const st = await s1.getStatus();
    const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', fixture.profile.channel, String(st.blockNumber)));
    out['b.blockTxCount'] = block.getData()?.getDataList().length;
    out['b.filter'] = Array.from(block.getMetadata()?.getMetadataList_asU8()[2] ?? []);
    const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', fixture.profile.channel));
    const later = [];
    for (let n = Number(st.blockNumber) + 1; n < info.getHeight(); n++) { const b = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', fixture.profile.channel, String(n))); later.push(Array.from(b.getMetadata()?.getMetadataList_asU8()[2] ?? [])); }
    out['b.laterFilters'] = later;
    const processed = (await import('@hyperledger/fabric-protos')).peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', fixture.profile.channel, tx2.getTransactionId()));
    out['b.processedCode'] = processed.getValidationcode();
    // c. chaincode events from a future block: first event after a later commit
    const height = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', fixture.profile.channel)).getHeight();
    const future = await net.getChaincodeEvents(fixture.profile.chaincode, { startBlock: BigInt(height + 1) });
    const c1 = await evidence.submitAsync('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: digest() })] });
    const c1s = await c1.getStatus();
    const c2 = await evidence.submitAsync('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: digest() })] });
    const c2s = await c2.getStatus();
    for await (const e of future) { out['c.futureFirst'] = { block: String(e.blockNumber), isFirst: e.transactionId === c1.getTransactionId(), isSecond: e.transactionId === c2.getTransactionId(), height, c1: String(c1s.blockNumber), c2: String(c2s.blockNumber) }; break; }
    future.close();
    // d. a GetHistory of a key written twice in one block? skip
    close();
    writeFileSync(`/tmp/confprobe/${mode}.json`, JSON.stringify(out, (k, v) => typeof v === 'bigint' ? String(v) : v, 2));
  }, 120_000);
});
