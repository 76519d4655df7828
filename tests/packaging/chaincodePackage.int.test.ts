/**
 * The chaincode package, built, is something a Fabric peer's node builder can run unchanged
 * (fabric-builder-node / Fabric 2.5 `core/chaincode/platforms/node`): `chaincode/package/` is
 * copied as the builder receives it, installed with `npm ci` for production only, and started
 * with `npm start -- --peer.address host:port` and the environment the peer sets. The chaincode
 * then dials this process's ChaincodeSupport gRPC server, registers, and runs real transactions
 * signed by the city's members, over the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChaincodeSandbox, ChaincodeSupportServer, type ChaincodeConnection } from '@suitrust/network';
import { EVENT_NAME } from '@suitrust/chaincode';
import { startCity, DEPT, LICENCE_TYPE, type CityMembers } from '../contracts/cityNetwork';
import { accepted, expectRefused, req } from '../contracts/outcomes';
import { testLog } from '../shared/testLogs';

const PACKAGE_DIR = resolve(__dirname, '../../chaincode/package');
const BUNDLE = join(PACKAGE_DIR, 'dist', 'index.js');
/** What a peer would set from the package id `label:hash`. */
const CHAINCODE_ID = 'suitrust:packaging-test';
/** The only modules the bundle may load besides Node's own: the package's two dependencies. */
const RUNTIME_DEPENDENCIES = ['fabric-contract-api', 'fabric-shim'];

/** A cold npm cache on a 2-core CI machine fetches the ~80 packages in well under this. */
const INSTALL_TIMEOUT_MS = 180_000;
/** Registration takes about a second here; the slack is for a loaded CI machine. */
const REGISTER_TIMEOUT_MS = 60_000;
const OUTPUT_KEPT = 16_000;

describe('chaincode package: runs under the node builder unchanged', () => {
  let workDir: string;
  let server: ChaincodeSupportServer;
  let child: ChildProcess | undefined;
  let chaincode: ChaincodeConnection;
  let members: CityMembers;
  let sandbox: ChaincodeSandbox | undefined;
  let output = '';
  /** A sandbox peer driving the packaged chaincode over its gRPC stream. */
  const ledger = (): ChaincodeSandbox => (sandbox ??= ChaincodeSandbox.over(chaincode, { chaincodeName: 'suitrust' }));

  const killChaincode = (): void => {
    if (child?.pid) signalGroup(child.pid, 'SIGKILL');
  };

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) {
      throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (the root \`npm test\` does), which writes chaincode/package/`);
    }
    workDir = mkdtempSync(join(tmpdir(), 'suitrust-chaincode-package-'));
    cpSync(PACKAGE_DIR, workDir, { recursive: true });
    // As the node builder installs it (it runs `npm ci --only=production`, which npm 11 spells
    // --omit=dev); the other flags only spare the network, not change what is installed.
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], workDir, INSTALL_TIMEOUT_MS);

    // Only the identities are needed: the chaincode under test is the packaged one, not the sandbox's.
    const city = await startCity();
    city.ledger.close();
    members = city.members;

    server = new ChaincodeSupportServer({ address: '127.0.0.1:0' });
    const port = await server.start();
    const started = spawn('npm', ['start', '--', '--peer.address', `127.0.0.1:${port}`], {
      cwd: workDir,
      env: builderEnvironment({
        CORE_CHAINCODE_ID_NAME: CHAINCODE_ID,
        CORE_PEER_TLS_ENABLED: 'false',
        CORE_CHAINCODE_LOGGING_LEVEL: 'warning',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so afterAll stops npm, its shell and the chaincode's node together.
      detached: true,
    });
    child = started;
    // Should the worker die without running afterAll, the chaincode (in its own group, so deaf to
    // the terminal's Ctrl-C) would otherwise live on: a shim whose peer vanished does not exit.
    process.once('exit', killChaincode);
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    const exited = new Promise<never>((_, reject) => {
      started.on('error', (error) => reject(new Error(`cannot start \`npm start\`: ${error.message}`)));
      // An unreachable peer makes fabric-shim log the error and exit with status 0, so any exit
      // before REGISTER is a failure.
      started.on('exit', (code, signal) => reject(new Error(`the chaincode exited (code ${code}, signal ${signal}) before registering:\n${output}`)));
    });
    chaincode = await Promise.race([
      server.waitForChaincode(CHAINCODE_ID, { timeoutMs: REGISTER_TIMEOUT_MS }).catch((error: Error) => {
        throw new Error(`${error.message}; chaincode output:\n${output}`);
      }),
      exited,
    ]);
  }, INSTALL_TIMEOUT_MS + REGISTER_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    process.off('exit', killChaincode);
    await stop(child);
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  it('declares the start script the builder runs, and only the two Fabric libraries', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
      main?: string;
      scripts?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    expect(manifest.scripts?.start).toBe('fabric-chaincode-node start');
    expect(manifest.main).toBe('dist/index.js');
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(RUNTIME_DEPENDENCIES);
  });

  it('bundles everything else: the chaincode requires only Fabric libraries and Node builtins', () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    const requested = [...bundle.matchAll(/\brequire\s*\(([^)]*)\)/g)].map((match) => (match[1] ?? '').trim());
    expect(requested.length, 'the bundle requires nothing: is it really the chaincode?').toBeGreaterThan(0);
    const outside = requested.filter((argument) => {
      const literal = /^(["'`])([^"'`]+)\1$/.exec(argument);
      if (!literal) return true; // a computed require cannot be checked, so it is not allowed
      const name = literal[2] as string;
      const bare = name.startsWith('node:') ? name.slice('node:'.length) : name;
      return !RUNTIME_DEPENDENCIES.includes(name) && !builtinModules.includes(bare);
    });
    expect(outside).toEqual([]);
  });

  it('registers over gRPC under the id the peer gave it', async () => {
    await expect(chaincode.registered).resolves.toBe(CHAINCODE_ID);
  });

  it('runs a submitted transaction and an evaluation that reads what it committed', async () => {
    const submitted = await ledger().submit(members.admin, 'registry:registerCertificateType', [req({ typeCode: LICENCE_TYPE, name: '营业执照', issuers: [DEPT.market] })]);
    const record = accepted(submitted);
    expect(record, output).toMatchObject({ typeCode: LICENCE_TYPE, name: '营业执照', definingAgency: DEPT.market, issuers: [DEPT.market] });
    expect(submitted.committed).toBe(true);
    expect(submitted.readWriteSet.writes.size).toBeGreaterThan(0);
    expect(submitted.event?.name).toBe(EVENT_NAME);

    const read = await ledger().evaluate(members.auditor, 'registry:getCertificateType', [LICENCE_TYPE]);
    expect(accepted(read)).toEqual(record);
    expect(read.readWriteSet.writes.size).toBe(0);
  });

  it('anchors checkpoints of SM2 and Ed25519 logs with libsodium neither bundled nor installed', async () => {
    expect(existsSync(join(workDir, 'node_modules', 'libsodium-wrappers'))).toBe(false);
    const bundle = readFileSync(BUNDLE, 'utf8');
    expect(bundle).not.toMatch(/node_modules\/libsodium/);
    // The std suite's lazy import stays in the bundle, unbundled and unreachable from the contracts.
    expect([...bundle.matchAll(/\bimport\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2])).toEqual(['libsodium-wrappers']);
    for (const suite of ['sm', 'std'] as const) {
      const log = testLog(suite, `packaging.example/${suite}`);
      accepted(await ledger().submit(members.admin, 'anchors:registerLog', [req({ origin: log.origin, hashAlgorithm: log.hashAlgorithm, verifierKey: log.verifierKey })]));
      log.append(3);
      accepted(await ledger().submit(members.admin, 'anchors:anchorCheckpoint', [req({ origin: log.origin, note: log.note() })]));
      log.append(4);
      const second = accepted(await ledger().submit(members.admin, 'anchors:anchorCheckpoint', [req({ origin: log.origin, note: log.note(), consistencyProof: log.proof(3) })]));
      expect(second).toMatchObject({ size: 7, rootHash: log.rootHex(), previous: { size: 3 } });
    }
  });

  it("refuses an administrator of another organisation with the rule's JSON message", async () => {
    const refused = await ledger().submit(members.marketAdmin, 'registry:registerCertificateType', [req({ typeCode: `${DEPT.market}002`, name: 'x', issuers: [DEPT.market] })]);
    expectRefused(refused, 'ACCESS_ADMIN_ORGANISATION');
    expect(JSON.parse(refused.message)).toMatchObject({ rule: 'ACCESS_ADMIN_ORGANISATION' });
  });
});

/**
 * This process's environment as the builder's container would have it: none of the `CORE_*`
 * variables of whoever runs the tests (fabric-shim reads every one as an option), nor the
 * variables npm sets for the `npm test` script running now, which describe another package.
 */
function builderEnvironment(core: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^CORE_/i.test(key) || /^npm_(package|lifecycle)_/i.test(key)) continue;
    if (['npm_command', 'npm_config_local_prefix', 'npm_config_call', 'INIT_CWD'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, ...core };
}

/** Runs a command to completion; rejects with its output when it fails or outlasts `timeoutMs`. */
function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const started = spawn(command, args, { cwd, env: builderEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    started.stdout.on('data', keep);
    started.stderr.on('data', keep);
    started.on('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    started.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`\`${command} ${args.join(' ')}\` in ${cwd} failed (code ${code}, signal ${signal}):\n${output}`));
    });
  });
}

/** Stops the chaincode's process group: SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Signals every process of the group `pid` leads (npm, its shell, the chaincode's node). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}
