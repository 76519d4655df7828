/**
 * The conformance scenarios against the embedded peer, in CI: the same table the real Fabric
 * network is held to (`realNetwork.int.test.ts`), so both ledgers answer alike. It runs twice:
 * with the default endorsement policy (any one organisation) and with a majority of the
 * organisations, as `SUITRUST_ENDORSEMENT=majority` deploys the chaincode on a real network.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contracts } from '@suitrust/chaincode';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { runConformanceScenarios } from './conformanceScenarios';
import { embeddedProofMaterial } from './embeddedProofMaterial';

for (const endorsement of ['any', 'majority'] as const) {
  describe(`the embedded peer, endorsement policy ${endorsement}`, () => {
    let directory: string;
    let embedded: EmbeddedNetwork;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'suitrust-conformance-'));
      embedded = await startEmbeddedNetwork({
        directory,
        contracts,
        port: 0,
        endorsementPolicy: { rule: endorsement },
        limits: { maxMessageCount: 500, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 },
      });
    }, 60_000);

    afterAll(async () => {
      await embedded?.close();
      rmSync(directory, { recursive: true, force: true });
    });

    runConformanceScenarios(
      () => readConnectionProfile(embedded.connectionProfilePath),
      (profile) => embeddedProofMaterial(embedded, profile, endorsement),
    );
  });
}
