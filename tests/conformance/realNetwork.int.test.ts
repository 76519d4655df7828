/**
 * The conformance scenarios against a real Hyperledger Fabric 2.5 network: three Raft orderers,
 * three organisations' peers, TLS everywhere, the chaincode as a service.
 *
 * - With `SUITRUST_FABRIC_PROFILE` set, the scenarios run against that running network (its
 *   connection profile, e.g. `.suitrust/fabric/connection-profile.json` after
 *   `network/scripts/network.sh up && network/scripts/network.sh deploy`).
 * - Else, with Fabric's binaries in `FABRIC_BIN` or on PATH, the test starts a network of its
 *   own from nothing with the network scripts (in a temporary folder, on ports offset by 30000),
 *   deploys the built chaincode (endorsement policy `SUITRUST_ENDORSEMENT`: any, the default,
 *   majority or all), runs the scenarios and removes it all (`SUITRUST_FABRIC_KEEP=1` keeps its
 *   folder, stopped, for reading the logs).
 * - Else it prints one line and skips.
 *
 * The ledger-proof scenario reaches each organisation's peer on its own port and reads the MSP
 * folders of the network's state folder (for a given profile: the profile's folder, ports offset
 * by `SUITRUST_FABRIC_PORT_OFFSET`, default 10000, and policy `SUITRUST_ENDORSEMENT`).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { dirname } from 'node:path';
import { readConnectionProfile, type ConnectionProfile } from '@suitrust/network';
import { runConformanceScenarios } from './conformanceScenarios';
import { fabricProofMaterial } from './fabricProofMaterial';
import { findFabricBinaries, startFabricNetwork, type Endorsement, type StartedFabricNetwork } from './fabricNetwork';

/** Starting from nothing: material, three orderers and peers, npm ci of the chaincode, lifecycle. */
const START_TIMEOUT_MS = 600_000;

const givenProfile = process.env.SUITRUST_FABRIC_PROFILE;
const fabricBin = findFabricBinaries();
if (!givenProfile && !fabricBin) console.log('real Fabric network tests skipped: no Fabric binaries (set FABRIC_BIN)');

describe.skipIf(!givenProfile && !fabricBin)('a real Fabric 2.5 network', () => {
  let network: StartedFabricNetwork | undefined;
  let profile: ConnectionProfile;

  beforeAll(async () => {
    if (givenProfile) {
      profile = await readConnectionProfile(givenProfile);
      return;
    }
    network = await startFabricNetwork({ fabricBin: fabricBin as string });
    profile = await readConnectionProfile(network.profilePath);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await network?.clean(process.env.SUITRUST_FABRIC_KEEP === '1');
  }, 120_000);

  runConformanceScenarios(
    () => profile,
    () =>
      network
        ? fabricProofMaterial(network)
        : // A network started by hand with network.sh: its state folder holds the profile, its ports and policy are the scripts' defaults unless set.
          fabricProofMaterial({
            home: dirname(givenProfile as string),
            portOffset: Number(process.env.SUITRUST_FABRIC_PORT_OFFSET ?? 10000),
            endorsement: (process.env.SUITRUST_ENDORSEMENT ?? 'any') as Endorsement,
          }),
  );
});
