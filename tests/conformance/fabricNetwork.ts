/**
 * A real Fabric network for tests, run with `network/scripts/network.sh`: whether Fabric's
 * binaries are here, and starting a network of native processes in a state folder of its own
 * (its own ports too, so a developer's network on the default ports is left alone).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** The network scripts. */
export const NETWORK_SCRIPT = resolve(__dirname, '../../network/scripts/network.sh');
/** What network.sh needs of Fabric 2.5's release binaries. */
const TOOLS = ['peer', 'orderer', 'configtxgen', 'osnadmin'] as const;
/**
 * The test network's port offset: peers on 37051, 38051, 39051, orderers on 37050…; a
 * developer's network uses the scripts' default, 10000.
 */
const TEST_PORT_OFFSET = '30000';

/**
 * The folder holding Fabric's binaries, as network.sh finds it: `FABRIC_BIN` (or its `bin/`),
 * else the folder of `peer` on PATH.
 *
 * @param environment - where to read `FABRIC_BIN` and `PATH`; this process's environment by default
 * @returns the folder, or `undefined` when the binaries are absent
 */
export function findFabricBinaries(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (environment.FABRIC_BIN) {
    candidates.push(join(environment.FABRIC_BIN, 'bin'), environment.FABRIC_BIN);
  } else {
    candidates.push(...(environment.PATH ?? '').split(delimiter).filter((entry) => entry.length > 0));
  }
  return candidates.find((folder) => TOOLS.every((tool) => isExecutable(join(folder, tool))));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A network the test started. */
export interface StartedFabricNetwork {
  /** The SuiTrust connection profile network.sh wrote. */
  readonly profilePath: string;
  /** The state folder: material, ledgers, logs. */
  readonly home: string;
  /** The ports' offset the network listens with. */
  readonly portOffset: number;
  /** The chaincode's endorsement policy. */
  readonly endorsement: Endorsement;
  /** Stops every process and removes the state folder (kept when `keep` is set). */
  clean(keep?: boolean): Promise<void>;
}

/** An endorsement policy network.sh deploys the chaincode with. */
export type Endorsement = 'any' | 'majority' | 'all';

/** Options of {@link startFabricNetwork}. */
export interface StartFabricNetworkOptions {
  /** Fabric's binaries. */
  readonly fabricBin: string;
  /** The chaincode's endorsement policy: `any`, `majority` or `all`; else `SUITRUST_ENDORSEMENT`, else `any`. */
  readonly endorsement?: Endorsement;
  /** The ports' offset; {@link TEST_PORT_OFFSET} by default. */
  readonly portOffset?: string;
}

/**
 * Starts a network from nothing with `network.sh up` and deploys the built chaincode with
 * `network.sh deploy`, in a new temporary state folder.
 *
 * @param options - the binaries and the endorsement policy
 * @returns the profile's path and a way to remove it all
 * @throws {Error} when a script fails, with the end of its output
 */
export async function startFabricNetwork(options: Readonly<StartFabricNetworkOptions>): Promise<StartedFabricNetwork> {
  const home = mkdtempSync(join(tmpdir(), 'suitrust-fabric-'));
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    FABRIC_BIN: options.fabricBin,
    SUITRUST_FABRIC_HOME: home,
    SUITRUST_FABRIC_PORT_OFFSET: options.portOffset ?? process.env.SUITRUST_FABRIC_TEST_PORT_OFFSET ?? TEST_PORT_OFFSET,
    SUITRUST_ENDORSEMENT: options.endorsement ?? process.env.SUITRUST_ENDORSEMENT ?? 'any',
  };
  const clean = async (keep = false): Promise<void> => {
    if (keep) {
      await runScript(['down'], environment);
      return;
    }
    await runScript(['clean'], environment);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await runScript(['up'], environment);
    await runScript(['deploy'], environment);
  } catch (err) {
    // Leave no process behind; keep the logs for whoever reads the error.
    await runScript(['down'], environment).catch(() => undefined);
    throw err;
  }
  return {
    profilePath: join(home, 'connection-profile.json'),
    home,
    portOffset: Number(environment.SUITRUST_FABRIC_PORT_OFFSET),
    endorsement: environment.SUITRUST_ENDORSEMENT as Endorsement,
    clean,
  };
}

/** A cold npm cache on a 2-core machine installs the chaincode's dependencies well within this. */
const SCRIPT_TIMEOUT_MS = 540_000;
const OUTPUT_KEPT = 4_000;

function runScript(args: readonly string[], environment: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(NETWORK_SCRIPT, args, { env: environment, timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const output = `${stdout}${stderr}`.slice(-OUTPUT_KEPT);
        reject(new Error(`network.sh ${args.join(' ')} failed (${error.code ?? error.signal}): ${output} (logs: ${environment.SUITRUST_FABRIC_HOME}/logs)`));
        return;
      }
      resolvePromise(stdout);
    });
  });
}
