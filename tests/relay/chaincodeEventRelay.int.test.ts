/**
 * The relay from the embedded peer's chaincode events into the embedded event store: one stream
 * per aggregate, event ids from (transaction, index), and no duplicate and no gap across a
 * restart, also when the crash fell between a transaction's appends and its stored position.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@grpc/grpc-js';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { contracts, formatCertificateId } from '@suitrust/chaincode';
import { readConnectionProfile, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { ChaincodeEventRelay, eventIdFor, eventStores, packRelayPosition, unpackRelayPosition, type SqliteEventStore } from '@suitrust/projections';
import { gatewayAs, grpcClient } from '../shared/profileClient';

const json = (value: object): string => JSON.stringify(value);

describe('the chaincode-event relay', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let client: Client;
  let gateways: Map<string, Gateway>;
  let store: SqliteEventStore;
  let market: string;
  const submitted: string[] = [];

  const submit = async (who: string, contract: string, fn: string, body: object): Promise<string> => {
    let gateway = gateways.get(who);
    if (!gateway) gateways.set(who, (gateway = gatewayAs(profile, client, who)));
    const commit = await gateway.getNetwork(profile.channel).getContract(profile.chaincode, contract).submitAsync(fn, { arguments: [json(body)] });
    await commit.getStatus();
    submitted.push(commit.getTransactionId());
    return commit.getTransactionId();
  };
  /** Runs a fresh relay until the store holds `count` events, then stops it. */
  const relayUntil = async (count: number): Promise<void> => {
    const relay = new ChaincodeEventRelay({ source: gatewayAs(profile, client, 'auditor').getNetwork(profile.channel), chaincodeName: profile.chaincode, store, retryDelayMs: 50 });
    const controller = new AbortController();
    const running = relay.run(controller.signal);
    const deadline = Date.now() + 20_000;
    while ((await store.readAll({ maxCount: 10_000 })).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    // Let the last transaction's position be stored too.
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await running;
  };
  const certificate = (serial: string): string => formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial, version: '001' });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-relay-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 100, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 10 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    client = grpcClient(profile);
    gateways = new Map();
    store = eventStores.sqlite(join(directory, 'events.db'));
    market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
  }, 60_000);

  afterAll(async () => {
    for (const gateway of gateways.values()) gateway.close();
    client?.close();
    await store?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('appends each domain event to its aggregate\'s stream, with ids from (transaction, index)', async () => {
    const registered = await submit('admin', 'registry', 'registerCertificateType', { typeCode: `${market}001`, name: '营业执照', issuers: [market] });
    const issued = await submit('issuer', 'certificates', 'issue', { certificateId: certificate('R1'), holderPseudonym: 'ab'.repeat(32), contentDigest: { algorithm: 'sm3', value: 'cd'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' });
    const used = await submit('tax-officer', 'certificates', 'recordUse', { certificateId: certificate('R1'), matterCode: 'M1', purpose: 'p' });
    const notarised = await submit('judge', 'evidence', 'notarise', { algorithm: 'sm3', digest: 'ef'.repeat(32) });
    await relayUntil(4);

    const stream = await store.readStream(`certificate-${certificate('R1')}`);
    expect(stream.map((event) => [event.type, event.id])).toEqual([
      ['certificateIssued', eventIdFor(issued, 0)],
      ['certificateUsed', eventIdFor(used, 0)],
    ]);
    expect(stream[1]?.data).toMatchObject({ certificateId: certificate('R1'), matterCode: 'M1', holderPseudonym: 'ab'.repeat(32) });
    expect(stream[1]?.metadata).toMatchObject({ transactionId: used, function: 'certificates:recordUse' });
    expect((await store.readStream(`certificate-type-${market}001`)).map((event) => event.id)).toEqual([eventIdFor(registered, 0)]);
    expect((await store.readStream(`evidence-sm3:${'ef'.repeat(32)}`)).map((event) => event.id)).toEqual([eventIdFor(notarised, 0)]);
  });

  it('resumes after a stop from its stored position, with no gap and no duplicate', async () => {
    await submit('tax-officer', 'certificates', 'recordUse', { certificateId: certificate('R1'), matterCode: 'M2', purpose: 'p' });
    await submit('judge', 'evidence', 'notarise', { algorithm: 'sm3', digest: '12'.repeat(32) });
    await relayUntil(6);
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all).toHaveLength(6);
    expect(new Set(all.map((event) => event.id)).size).toBe(6);
    expect(all.map((event) => event.metadata?.['transactionId'])).toEqual(submitted);
  });

  it('does not append twice when a crash came between a transaction\'s appends and its position', async () => {
    const last = await submit('tax-officer', 'certificates', 'recordUse', { certificateId: certificate('R1'), matterCode: 'M3', purpose: 'p' });
    await relayUntil(7);
    // Put the position back by one transaction, as if the process died right after appending.
    const current = (await store.readCheckpoint('relay')) as bigint;
    const position = unpackRelayPosition(current);
    const earlier = packRelayPosition(position.ordinal > 0 ? { ...position, ordinal: position.ordinal - 1 } : { blockNumber: position.blockNumber - 1n, ordinal: 1_000_000 });
    expect((await store.storeCheckpoint('relay', earlier, { expected: current })).ok).toBe(true);
    await relayUntil(7);
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all).toHaveLength(7);
    expect(all.filter((event) => event.id === eventIdFor(last, 0))).toHaveLength(1);
    expect(await store.readCheckpoint('relay')).toBe(current);
  });
});
