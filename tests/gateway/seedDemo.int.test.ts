/**
 * The demo seed, through the gateway's HTTP API on a real listener, with the relay and read
 * models running as `npm start` runs them: a small demo is written, the views count what the
 * seed says it wrote, the ledger shows the status changes and repairs, and a second run finds
 * the demo there and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { contracts } from '@suitrust/chaincode';
import { loadSuite } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { checkpointStores, eventStores, startProjections, type RunningProjections, type SqliteCheckpointStore, type SqliteEventStore } from '@suitrust/projections';
import {
  buildGateway,
  demoCaseReference,
  demoCertificateId,
  demoEnterpriseCode,
  demoTypeCode,
  fabricLedgerClient,
  loadCallerDirectory,
  loadHolderPseudonyms,
  loadSeedCallers,
  seedDemo,
  type LedgerClient,
  type SeedCaller,
  type SeedPart,
  type SeedSummary,
} from '@suitrust/gateway';

const SCALE = { certificates: 60, enterprises: 8, evidence: 12 };

describe('the demo seed', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let ledger: LedgerClient;
  let events: SqliteEventStore;
  let views: SqliteCheckpointStore;
  let projections: RunningProjections;
  let app: FastifyInstance;
  let baseUrl: string;
  let callers: Record<SeedPart, SeedCaller>;
  let first: SeedSummary;
  const progress: string[] = [];

  const get = async (part: SeedPart, path: string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${callers[part].token}` } });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const totalUses = async (): Promise<number> => {
    const { json } = await get('dataOfficer', '/views/certificate-use-counts?from=2000-01-01&to=2100-12-31');
    return (json['items'] as { uses: number }[]).reduce((sum, row) => sum + row.uses, 0);
  };
  /** Polls until `read` gives `expected` (the views follow the ledger shortly after commit). */
  const eventually = async <T>(read: () => Promise<T>, expected: T): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (value === expected || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-seed-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 200, preferredMaxBytes: 1024 * 1024, batchTimeoutMs: 10 } });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    events = eventStores.sqlite(join(directory, 'events.db'));
    views = checkpointStores.sqlite(join(directory, 'views.db'));
    const credentialsPath = join(directory, 'gateway', 'credentials.json');
    const directoryOfCallers = await loadCallerDirectory(credentialsPath, profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), await loadSuite('sm'));
    app = await buildGateway({ ledger, callers: directoryOfCallers, pseudonyms, views, logger: false });
    projections = startProjections({ source: ledger.chaincodeEvents(profile.identities.find((identity) => identity.role === 'auditor')?.name ?? ''), chaincodeName: profile.chaincode, events, views, onError: () => undefined });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    callers = await loadSeedCallers(credentialsPath, profile);
    first = await seedDemo({ baseUrl, callers, scale: SCALE, concurrency: 16, onProgress: (line) => progress.push(line) });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await projections?.stop();
    await views?.close();
    await events?.close();
    ledger?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes the demo and reports its progress', () => {
    expect(first).toMatchObject({ alreadySeeded: false, certificateTypes: 3, certificates: 60, holders: 30, uses: 90, authorisations: 6, creditEvents: 24, repairs: 2, evidence: 12 });
    expect(first.suspensions + first.revocations).toBeGreaterThan(0);
    expect(first.exchanges).toBeGreaterThan(0);
    expect(progress).toContain('seed: certificates 60/60');
    expect(progress.at(-1)).toBe('seed: done');
  });

  it('shows in the views as many uses as it recorded, and the evidence of each case', async () => {
    expect(await eventually(totalUses, first.uses)).toBe(first.uses);
    const caseEvidence = await eventually(async () => ((await get('judge', `/views/evidence?caseReference=${encodeURIComponent(demoCaseReference(0))}`)).json['items'] as unknown[]).length, 10);
    expect(caseEvidence).toBe(10);
  });

  it('leaves certificates suspended and revoked, and penalties repaired, on the ledger', async () => {
    const market = callers.issuer.department;
    const certificate = (index: number): string => encodeURIComponent(demoCertificateId(demoTypeCode(market, (index % 3) + 1), market, index));
    expect((await get('taxOfficer', `/certificates/${certificate(7)}`)).json).toMatchObject({ status: 'suspended' });
    expect((await get('taxOfficer', `/certificates/${certificate(11)}`)).json).toMatchObject({ status: 'revoked' });
    expect((await get('taxOfficer', `/certificates/${certificate(0)}`)).json).toMatchObject({ status: 'valid' });
    const profile = await get('dataOfficer', `/enterprises/${demoEnterpriseCode(2)}/credit-profile`);
    expect(profile.status).toBe(200);
    expect(JSON.stringify(profile.json)).toMatch(/repair/i);
  });

  it('does nothing on a second run', async () => {
    const before = await totalUses();
    const again = await seedDemo({ baseUrl, callers, scale: SCALE, onProgress: (line) => progress.push(line) });
    expect(again).toEqual({ ...first, alreadySeeded: true });
    expect(progress.at(-1)).toBe('seed: the demo is already there; nothing to do');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await totalUses()).toBe(before);
  });
});
