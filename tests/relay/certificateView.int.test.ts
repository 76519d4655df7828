/**
 * The certificates read model, fed by the relay from the embedded peer: status, uses by
 * certificate and by holder, counts per department, type and day; its checkpoint is stored with
 * its rows, and a rebuild from zero gives the same view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@grpc/grpc-js';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { contracts, formatCertificateId } from '@suitrust/chaincode';
import { readConnectionProfile, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { ChaincodeEventRelay, certificateQueries, certificateReadModel, checkpointStores, eventStores, runReadModel, type SqliteCheckpointStore, type SqliteEventStore } from '@suitrust/projections';
import { gatewayAs, grpcClient } from '../shared/profileClient';

const json = (value: object): string => JSON.stringify(value);
const HOLDER = 'ab'.repeat(32);

describe('the certificates view', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let client: Client;
  const gateways = new Map<string, Gateway>();
  let events: SqliteEventStore;
  let market: string;
  let tax: string;

  const submit = async (who: string, contract: string, fn: string, body: object): Promise<void> => {
    let gateway = gateways.get(who);
    if (!gateway) gateways.set(who, (gateway = gatewayAs(profile, client, who)));
    await (await gateway.getNetwork(profile.channel).getContract(profile.chaincode, contract).submitAsync(fn, { arguments: [json(body)] })).getStatus();
  };
  const certificate = (serial: string): string => formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial, version: '001' });
  /** Runs the model over everything in the event store, then stops. */
  const project = async (views: SqliteCheckpointStore): Promise<void> => {
    const controller = new AbortController();
    const running = runReadModel({ model: certificateReadModel, events, views, signal: controller.signal, batchSize: 3 });
    const total = (await events.readAll({ maxCount: 10_000 })).at(-1)?.position;
    while ((await views.readCheckpoint(certificateReadModel.name)) !== total) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await running;
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-view-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 100, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 10 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    client = grpcClient(profile);
    events = eventStores.sqlite(join(directory, 'events.db'));
    market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
    tax = profile.identities.find((identity) => identity.name.startsWith('tax-officer@'))?.dept ?? '';

    await submit('admin', 'registry', 'registerCertificateType', { typeCode: `${market}001`, name: '营业执照', issuers: [market] });
    for (const serial of ['V1', 'V2']) {
      await submit('issuer', 'certificates', 'issue', { certificateId: certificate(serial), holderPseudonym: HOLDER, contentDigest: { algorithm: 'sm3', value: 'cd'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' });
    }
    await submit('tax-officer', 'certificates', 'recordUse', { certificateId: certificate('V1'), matterCode: 'M1', purpose: 'p' });
    await submit('tax-officer', 'certificates', 'recordUse', { certificateId: certificate('V2'), matterCode: 'M2', purpose: 'p' });
    await submit('issuer', 'certificates', 'suspend', { certificateId: certificate('V2'), reason: '暂扣' });

    const relay = new ChaincodeEventRelay({ source: gatewayAs(profile, client, 'auditor').getNetwork(profile.channel), chaincodeName: profile.chaincode, store: events, retryDelayMs: 50 });
    const controller = new AbortController();
    const running = relay.run(controller.signal);
    while ((await events.readAll({ maxCount: 100 })).length < 6) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await running;
  }, 60_000);

  afterAll(async () => {
    for (const gateway of gateways.values()) gateway.close();
    client?.close();
    await events?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('shows status, uses by certificate and by holder, and counts per department, type and day', async () => {
    const views = checkpointStores.sqlite(join(directory, 'views.db'));
    try {
      await project(views);
      expect(views.query((db) => certificateQueries.certificate(db, certificate('V1')))).toMatchObject({ status: 'valid', issuer: market, holderPseudonym: HOLDER });
      expect(views.query((db) => certificateQueries.certificate(db, certificate('V2')))).toMatchObject({ status: 'suspended' });
      expect(views.query((db) => certificateQueries.usesOfCertificate(db, certificate('V1'), { limit: 10 })).items.map((use) => use.matterCode)).toEqual(['M1']);
      expect(views.query((db) => certificateQueries.usesOfHolder(db, HOLDER, { limit: 10 })).items.map((use) => use.matterCode)).toEqual(['M1', 'M2']);
      const counts = views.query((db) => certificateQueries.useCounts(db, '2000-01-01', '2100-01-01', { limit: 10 })).items;
      expect(counts).toEqual([expect.objectContaining({ usingDepartment: tax, typeCode: `${market}001`, uses: 2 })]);
    } finally {
      await views.close();
    }
  });

  it('rebuilds from zero to exactly the same rows', async () => {
    const first = checkpointStores.sqlite(join(directory, 'views.db'));
    const rebuilt = checkpointStores.sqlite(join(directory, 'rebuilt.db'));
    try {
      await project(rebuilt);
      const dump = (views: SqliteCheckpointStore): unknown =>
        views.query((db) => [db.prepare('SELECT * FROM certificate ORDER BY certificate_id').all(), db.prepare('SELECT * FROM certificate_use ORDER BY event_id').all()]);
      expect(dump(rebuilt)).toEqual(dump(first));
    } finally {
      await first.close();
      await rebuilt.close();
    }
  });
});
