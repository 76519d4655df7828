/**
 * The conformance scenarios: one set of behaviours that any ledger SuiTrust runs on must show
 * through the stock `@hyperledger/fabric-gateway` client, given only a SuiTrust connection
 * profile (and, for ledger proofs, each organisation's peer and the trust anchors). The same
 * function runs against the embedded peer in CI (`embeddedPeer.int.test.ts`) and against a real
 * Fabric network (`realNetwork.int.test.ts`), so both are held to one table.
 *
 * The scenarios assert what must be identical in both modes (results, events, refusals with their
 * rule codes and Fabric's wording, validation codes, state, block hashing and linking, qscc
 * answers, proofs the verifier accepts), never what legitimately differs (block numbers, how many
 * blocks the chaincode's deployment took). They pick identifiers derived from a tag unique to the
 * run, so they also run against a ledger that already holds earlier runs.
 *
 * The table lives in `scenarios/`, one module per domain or feature, listed in `scenarios/index.ts`.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { ConnectionProfile } from '@suitrust/network';
import { openFixture, type ConformanceFixture, type OpenFixture, type ProfileSource, type ProofMaterialSource, type ScenarioModule } from './scenarios/conformanceFixture';
import * as modules from './scenarios';
import { refusalTable } from './scenarios/refusals';

export type { ProfileSource, ProofMaterial, ProofMaterialSource, ScenarioModule } from './scenarios/conformanceFixture';

const DOMAIN_MODULES: readonly ScenarioModule[] = Object.values(modules);

/** Every registered scenario module, and the refusal table with their refusal cases. */
export const SCENARIO_MODULES: readonly ScenarioModule[] = [...DOMAIN_MODULES, refusalTable(DOMAIN_MODULES)];

/**
 * Registers the conformance scenarios as a vitest `describe` block.
 *
 * @param source - gives the connection profile of a running ledger with SuiTrust's chaincode
 *   deployed; called in the block's `beforeAll`, so an enclosing `beforeAll` may start the ledger
 * @param proofs - gives each organisation's peer and the trust anchors, for the ledger-proof
 *   scenario; without it that scenario fails, naming what is missing
 * @example
 * ```ts
 * describe('embedded peer', () => {
 *   let embedded: EmbeddedNetwork;
 *   beforeAll(async () => { embedded = await startEmbeddedNetwork({ directory, contracts, port: 0 }); });
 *   afterAll(() => embedded.close());
 *   runConformanceScenarios(() => readConnectionProfile(embedded.connectionProfilePath), (profile) => embeddedProofMaterial(embedded, profile));
 * });
 * ```
 */
export function runConformanceScenarios(source: ProfileSource, proofs?: ProofMaterialSource): void {
  describe('conformance scenarios through fabric-gateway', () => {
    let open: OpenFixture | undefined;
    const fixture = (): ConformanceFixture => {
      if (!open) throw new Error('the ledger did not start: see the failure of beforeAll');
      return open.fixture;
    };

    beforeAll(async () => {
      const profile: ConnectionProfile = await source();
      open = openFixture(profile, proofs);
    }, 120_000);

    afterAll(() => {
      open?.close();
    });

    for (const module of SCENARIO_MODULES) {
      describe(module.title, () => module.register(fixture));
    }
  });
}
