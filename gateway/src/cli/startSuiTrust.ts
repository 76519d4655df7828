#!/usr/bin/env node
/**
 * `npm start`: the embedded Fabric-compatible peer and the HTTP gateway in one process, with no
 * Docker and nothing to install. With `--profile`, the gateway uses that connection profile (a
 * real Fabric network) instead of starting the embedded peer. Prints the URL and how to
 * authenticate; tokens and keys stay in files only their owner can read.
 *
 *   node gateway/dist/cli/startSuiTrust.js [--directory .suitrust] [--port 8080] [--host 127.0.0.1]
 *                                           [--profile connection-profile.json] [--suite sm|std]
 *                                           [--write-batching on|off]
 */
// First: fabric's libraries read their log level when they load.
import '@suitrust/network/dist/cli/shimLogLevel';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contracts } from '@suitrust/chaincode';
import { lockDirectory } from '@suitrust/durable';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { checkpointStores, eventStores, startProjections } from '@suitrust/projections';
import { buildGateway } from '../app';
import { loadCallerDirectory } from '../auth/callerCredentials';
import { coalescingLedgerClient } from '../ledger/coalescingLedgerClient';
import { fabricLedgerClient } from '../ledger/fabricLedgerClient';
import { loadHolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { embeddedNetworkProofs } from '../proofs/embeddedNetworkProofs';
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
    },
  });
  if (values.suite !== 'sm' && values.suite !== 'std') throw new Error(`--suite: expected sm or std, got ${values.suite}`);
  if (values['write-batching'] !== 'on' && values['write-batching'] !== 'off') throw new Error(`--write-batching: expected on or off, got ${values['write-batching']}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected a port number, got ${values.port}`);
  const directory = resolve(values.directory);
  await mkdir(directory, { recursive: true });
  // One SuiTrust per data directory; `npm run rebuild-views` takes the same lock.
  const lock = await lockDirectory(directory, 'SuiTrust');

  let embedded: EmbeddedNetwork | undefined;
  let profilePath = values.profile === undefined ? undefined : resolve(values.profile);
  if (profilePath === undefined) {
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: Number(values['peer-port']) });
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
  const receipts = await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), suite);
  // KurrentDB when a connection string is configured, the embedded store otherwise.
  const events = await eventStores.fromConfiguration({ sqlitePath: join(directory, 'events.db'), kurrentConnectionString: process.env['KURRENTDB_CONNECTION_STRING'] });
  const views = checkpointStores.sqlite(join(directory, 'views.db'));
  const auditor = profile.identities.find((identity) => identity.role === 'auditor') ?? profile.identities[0];
  if (!auditor) throw new Error('the connection profile has no identity');
  // Proof bundles need every organisation's peer as a witness: the embedded network's material has them.
  const proofs = embedded ? await embeddedNetworkProofs(embedded, profile, auditor.name) : undefined;
  const app = await buildGateway({ ledger, callers, pseudonyms, views, receipts, ...(proofs ? { proofs } : {}) });
  const projections = startProjections({
    source: ledger.chaincodeEvents(auditor.name),
    chaincodeName: profile.chaincode,
    events,
    views,
    onError: (error) => app.log.warn({ err: error }, 'projections: recovering from a failure'),
  });
  const address = await app.listen({ host: values.host, port });
  process.stdout.write(`SuiTrust gateway on ${address} (API documentation: ${address}/docs)\n`);
  process.stdout.write(`receipts signed with ${receipts.key.algorithm} key ${Buffer.from(receipts.key.fingerprint).toString('hex')}; trust list at ${address}/trust, verification page at ${address}/verify\n`);
  process.stdout.write(`authenticate with "Authorization: Bearer <token>"; each department's token is in ${credentialsPath} (readable by its owner only)\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await app.close();
      await projections.stop();
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
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
