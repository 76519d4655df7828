#!/usr/bin/env node
/**
 * `npm start`: the embedded Fabric-compatible peer and the HTTP gateway in one process, with no
 * Docker and nothing to install. With `--profile`, the gateway uses that connection profile (a
 * real Fabric network) instead of starting the embedded peer. Prints the URL and how to
 * authenticate; tokens and keys stay in files only their owner can read.
 *
 *   node gateway/dist/cli/startSuiTrust.js [--directory .suitrust] [--port 8080] [--host 127.0.0.1]
 *                                           [--profile connection-profile.json] [--suite sm|std] [--seed]
 *                                           [--write-batching on|off] [--peer-thread on|off]
 *                                           [--endorsement-policy any|majority|all]
 *                                           [--log-origin suitrust.local/records]
 *                                           [--tls-cert server.pem --tls-key server.key
 *                                            [--client-ca clients-ca.pem --client-certificates client-certificates.json]]
 *
 * With `--seed`, once listening, it writes a demo (departments' certificates, uses,
 * authorisations, exchanges, credit entries and repairs, evidence) through its own HTTP API,
 * printing progress; a second start with `--seed` finds the demo there and writes nothing.
 *
 * With `--tls-cert` and `--tls-key` the gateway serves HTTPS; with `--client-ca` it also accepts
 * client certificates that CA signed, each acting as the identity `--client-certificates` maps
 * its subject to (mutual TLS, beside bearer tokens).
 *
 * `--endorsement-policy` is the chaincode's, as its definition on the channel states it (the
 * embedded peer's is `any`; `network.sh deploy` takes SUITRUST_ENDORSEMENT): proof bundles carry
 * it in their trust anchors. Proofs are served when the profile lists the organisations (the
 * embedded network's and `network.sh`'s profiles do).
 *
 * `--write-batching` (group commit of a department's concurrent writes) and `--peer-thread` (the
 * embedded peer on its own thread) are on by default; see BENCHMARKS.md.
 */
// First: fabric's libraries read their log level when they load.
import '@suitrust/network/dist/cli/shimLogLevel';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contracts } from '@suitrust/chaincode';
import { lockDirectory } from '@suitrust/durable';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, startEmbeddedNetworkThread, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { checkpointStores, eventStores, startProjections } from '@suitrust/projections';
import { buildGateway, type GatewayTls } from '../app';
import { loadClientCertificateCallers } from '../auth/clientCertificateCallers';
import { loadCallerDirectory } from '../auth/callerCredentials';
import { coalescingLedgerClient } from '../ledger/coalescingLedgerClient';
import { fabricLedgerClient } from '../ledger/fabricLedgerClient';
import { loadHolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { openRecordLog } from '../transparency/recordLog';
import { ADMIN_MSP_ID } from '@suitrust/chaincode';
import { sqliteIdempotencyStore } from '../idempotency/sqliteIdempotencyStore';
import { seedDemo } from '../seed/seedDemo';
import { loadSeedCallers } from '../seed/seedCallers';
import { profileNetworkProofs } from '../proofs/profileNetworkProofs';
import type { EndorsementRule } from '@suitrust/verifier';
import { loadReceiptSigner } from '../receipts/receiptSigner';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      directory: { type: 'string', default: '.suitrust' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'peer-port': { type: 'string', default: '7051' },
      profile: { type: 'string' },
      suite: { type: 'string', default: 'sm' },
      'write-batching': { type: 'string', default: 'on' },
      'peer-thread': { type: 'string', default: 'on' },
      'endorsement-policy': { type: 'string', default: 'any' },
      'log-origin': { type: 'string', default: 'suitrust.local/records' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'client-ca': { type: 'string' },
      'client-certificates': { type: 'string' },
      seed: { type: 'boolean', default: false },
    },
  });
  if (values.suite !== 'sm' && values.suite !== 'std') throw new Error(`--suite: expected sm or std, got ${values.suite}`);
  if (!['any', 'majority', 'all'].includes(values['endorsement-policy'] as string)) throw new Error(`--endorsement-policy: expected any, majority or all, got ${values['endorsement-policy']}`);
  for (const flag of ['write-batching', 'peer-thread'] as const) {
    if (values[flag] !== 'on' && values[flag] !== 'off') throw new Error(`--${flag}: expected on or off, got ${values[flag]}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected a port number, got ${values.port}`);
  const directory = resolve(values.directory);
  const tlsFiles = tlsFlags(values);
  if (values.seed && tlsFiles) throw new Error('--seed writes through the plain HTTP listener: start once without --tls-cert to seed');
  await mkdir(directory, { recursive: true });
  // One SuiTrust per data directory; `npm run rebuild-views` takes the same lock.
  const lock = await lockDirectory(directory, 'SuiTrust');

  let embedded: Pick<EmbeddedNetwork, 'endpoint' | 'connectionProfilePath' | 'startHeight' | 'close'> | undefined;
  let profilePath = values.profile === undefined ? undefined : resolve(values.profile);
  if (profilePath === undefined) {
    const peer = { directory: join(directory, 'network'), port: Number(values['peer-port']) };
    embedded =
      values['peer-thread'] === 'on'
        ? await startEmbeddedNetworkThread({
            ...peer,
            onUnexpectedExit: (reason) => {
              // Without its peer the service cannot write: stop, so a supervisor restarts it whole.
              process.stderr.write(`embedded peer stopped: ${reason.message}\n`);
              process.exit(1);
            },
          })
        : await startEmbeddedNetwork({ ...peer, contracts });
    profilePath = embedded.connectionProfilePath;
    process.stdout.write(`embedded peer on ${embedded.endpoint} (TLS), ledger height ${embedded.startHeight}\n`);
  }
  const profile = await readConnectionProfile(profilePath);
  // Group commit: a department's concurrent writes share transactions (ledger/coalescingLedgerClient.ts).
  const fabric = fabricLedgerClient({ profile });
  const ledger = values['write-batching'] === 'on' ? coalescingLedgerClient(fabric) : fabric;
  const credentialsPath = join(directory, 'gateway', 'credentials.json');
  const callers = await loadCallerDirectory(credentialsPath, profile);
  const suite = await loadSuite(values.suite as SuiteName);
  const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), suite);
  const administrator = profile.identities.find((identity) => identity.mspId === ADMIN_MSP_ID && identity.role === 'admin');
  if (!administrator) throw new Error(`the connection profile has no admin identity of ${ADMIN_MSP_ID} to register and anchor the transparency log`);
  // Reported exchanges and bulk evidence; registered on chain at first start, anchored in batches.
  let anchorWarn: (error: unknown) => void = () => undefined;
  const records = await openRecordLog({
    directory: join(directory, 'gateway'),
    suite,
    origin: values['log-origin'] as string,
    ledger,
    administrator: administrator.name,
    onAnchorError: (error) => anchorWarn(error),
  });
  const receipts = await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), suite);
  // KurrentDB when a connection string is configured, the embedded store otherwise.
  const events = await eventStores.fromConfiguration({ sqlitePath: join(directory, 'events.db'), kurrentConnectionString: process.env['KURRENTDB_CONNECTION_STRING'] });
  const views = checkpointStores.sqlite(join(directory, 'views.db'));
  const auditor = profile.identities.find((identity) => identity.role === 'auditor') ?? profile.identities[0];
  if (!auditor) throw new Error('the connection profile has no identity');
  mkdirSync(join(directory, 'gateway'), { recursive: true, mode: 0o700 });
  const idempotency = sqliteIdempotencyStore({ path: join(directory, 'gateway', 'idempotency.db') });
  const tls = tlsFiles ? await tlsOptions(tlsFiles, profile) : undefined;
  // Proof bundles need every organisation's peer as a witness: the profile names them (both modes).
  const proofs = await profileNetworkProofs(profile, auditor.name, values['endorsement-policy'] as EndorsementRule);
  const app = await buildGateway({ ledger, callers, pseudonyms, views, records, idempotency, receipts, ...(proofs ? { proofs } : {}), ...(tls ? { tls } : {}) });
  anchorWarn = (error) => app.log.warn({ err: error }, 'transparency log: anchoring failed; retrying at the next trigger');
  const projections = startProjections({
    source: ledger.chaincodeEvents(auditor.name),
    chaincodeName: profile.chaincode,
    events,
    views,
    logs: [records],
    onError: (error) => app.log.warn({ err: error }, 'projections: recovering from a failure'),
  });
  const address = await app.listen({ host: values.host, port });
  process.stdout.write(`SuiTrust gateway on ${address} (API documentation: ${address}/docs)\n`);
  process.stdout.write(`receipts signed with ${receipts.key.algorithm} key ${Buffer.from(receipts.key.fingerprint).toString('hex')}; trust list at ${address}/trust, verification page at ${address}/verify\n`);
  process.stdout.write(`transparency log ${records.origin} signed with ${records.trustedKey.algorithm} key ${Buffer.from(records.trustedKey.fingerprint).toString('hex')}\n`);
  process.stdout.write(`authenticate with "Authorization: Bearer <token>"; each department's token is in ${credentialsPath} (readable by its owner only)\n`);
  if (tlsFiles?.clientCa) process.stdout.write(`or present a client certificate signed by ${tlsFiles.clientCa}, whose subject ${tlsFiles.clientCertificates} maps to a department\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await app.close();
      await projections.stop();
      await records.close();
      await views.close();
      await events.close();
      ledger.close();
      proofs?.source.close();
      await embedded?.close();
      await lock.release();
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (values.seed) {
    try {
      const summary = await seedDemo({ baseUrl: address, callers: await loadSeedCallers(credentialsPath, profile), onProgress: (line) => process.stdout.write(`${line}\n`) });
      if (!summary.alreadySeeded) process.stdout.write(`seed: ${summary.certificates} certificates, ${summary.uses} uses, ${summary.authorisations} authorisations, ${summary.exchanges} exchanges, ${summary.creditEvents} credit entries, ${summary.repairs} repairs, ${summary.evidence} pieces of evidence\n`);
    } catch (error) {
      // The gateway keeps serving; a second start with --seed carries on where this one stopped.
      process.stderr.write(`seed: stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

/** The TLS files named on the command line, checked to make sense together before anything starts. */
interface TlsFlags {
  readonly cert: string;
  readonly key: string;
  readonly clientCa?: string;
  readonly clientCertificates?: string;
}

/**
 * The TLS flags, or `undefined` for plain HTTP.
 * @throws {Error} naming the flags that go together
 */
function tlsFlags(values: Readonly<Record<string, string | boolean | undefined>>): TlsFlags | undefined {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? resolve(values[name] as string) : undefined);
  const [cert, key, clientCa, clientCertificates] = [text('tls-cert'), text('tls-key'), text('client-ca'), text('client-certificates')];
  if (cert === undefined && key === undefined) {
    if (clientCa !== undefined || clientCertificates !== undefined) throw new Error('--client-ca and --client-certificates need --tls-cert and --tls-key');
    return undefined;
  }
  if (cert === undefined || key === undefined) throw new Error('--tls-cert and --tls-key go together');
  if ((clientCa === undefined) !== (clientCertificates === undefined)) throw new Error('--client-ca and --client-certificates go together');
  return { cert, key, ...(clientCa !== undefined && clientCertificates !== undefined ? { clientCa, clientCertificates } : {}) };
}

/** The listener's TLS settings, read from the files the flags name. */
async function tlsOptions(flags: TlsFlags, profile: ConnectionProfile): Promise<GatewayTls> {
  return {
    certificatePem: readFileSync(flags.cert, 'utf8'),
    privateKeyPem: readFileSync(flags.key, 'utf8'),
    ...(flags.clientCa !== undefined && flags.clientCertificates !== undefined
      ? { clientCaPem: readFileSync(flags.clientCa, 'utf8'), clientCertificates: await loadClientCertificateCallers(flags.clientCertificates, profile) }
      : {}),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
