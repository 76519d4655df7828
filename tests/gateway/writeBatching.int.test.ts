/**
 * Group commit through HTTP: a department's concurrent writes share transactions, each write
 * keeps its own outcome (a refused one changes nothing and gets its problem), and a lone write
 * still goes as its own transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { contracts } from '@suitrust/chaincode';
import { loadSuite } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { buildGateway, coalescingLedgerClient, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, type LedgerClient } from '@suitrust/gateway';

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('write batching (group commit) through the gateway', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let ledger: LedgerClient;
  let app: FastifyInstance;
  let judge: { authorization: string };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-batching-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 100, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 50 } });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = coalescingLedgerClient(fabricLedgerClient({ profile }), { maxInFlight: 1, maxItems: 50 });
    const credentials = join(directory, 'credentials.json');
    app = await buildGateway({ ledger, callers: await loadCallerDirectory(credentials, profile), pseudonyms: await loadHolderPseudonyms(join(directory, 'pseudonym.key'), await loadSuite('sm')), logger: false });
    const entries = JSON.parse(readFileSync(credentials, 'utf8')) as { identity: string; token: string }[];
    judge = { authorization: `Bearer ${entries.find((entry) => entry.identity.startsWith('judge@'))?.token ?? ''}` };
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    ledger?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const notarise = (digest: string) => app.inject({ method: 'POST', url: '/evidence', headers: judge, payload: { algorithm: 'sm3', digest } });

  it('commits concurrent writes in shared transactions, each answered as if alone', async () => {
    const lone = await notarise(digestOf('lone'));
    expect(lone.statusCode).toBe(201);
    const digests = Array.from({ length: 40 }, (_, i) => digestOf(`concurrent-${i}`));
    // One of them repeats the lone write's digest: refused on its own, the rest commit.
    const responses = await Promise.all([...digests, digestOf('lone')].map((digest) => notarise(digest)));
    const created = responses.slice(0, 40);
    expect(created.map((response) => response.statusCode)).toEqual(digests.map(() => 201));
    expect(responses[40]?.json()).toMatchObject({ status: 409, code: 'EVIDENCE_DUPLICATE', field: 'digest' });
    const bodies = created.map((response) => { const body = response.json() as { transactionId: string; record: { digest: string } }; return { transactionId: body.transactionId, digest: body.record.digest }; });
    expect(bodies.map((body) => body.digest)).toEqual(digests);
    // With one transaction in flight, the writes that arrived meanwhile went together.
    const transactions = new Set(bodies.map((body) => body.transactionId));
    expect(transactions.size).toBeLessThan(10);
    expect(transactions.has(lone.json().transactionId)).toBe(false);
    // Every record is on the ledger, stamped with the transaction that wrote it.
    for (const body of bodies.slice(0, 5)) {
      const found = await app.inject({ method: 'GET', url: `/evidence/sm3/${body.digest}`, headers: judge });
      expect(found.json()).toMatchObject({ digest: body.digest, notarised: { txId: body.transactionId } });
    }
  });
});
