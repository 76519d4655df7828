#!/usr/bin/env node
/**
 * Starts the embedded Fabric-compatible network alone and prints where it listens and where its
 * connection profile is. Nothing private is printed: keys stay in the material directory.
 *
 *   node network/dist/cli/startEmbeddedPeer.js [--directory DIR] [--port PORT] [--host HOST]
 *                                             [--policy any|majority|all] [--batch-timeout MS]
 */
import './shimLogLevel';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contracts } from '@suitrust/chaincode';
import { startEmbeddedNetwork } from '../embeddedNetwork';
import type { EndorsementPolicy } from '../validation/endorsementPolicy';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      directory: { type: 'string', default: '.suitrust/network' },
      port: { type: 'string', default: '7051' },
      host: { type: 'string', default: '127.0.0.1' },
      policy: { type: 'string', default: 'any' },
      'batch-timeout': { type: 'string', default: '100' },
      'batch-size': { type: 'string', default: '500' },
    },
  });
  const policy = values.policy;
  if (policy !== 'any' && policy !== 'majority' && policy !== 'all') throw new Error(`--policy: expected any, majority or all, got ${policy}`);
  const port = Number(values.port);
  const batchTimeoutMs = Number(values['batch-timeout']);
  const maxMessageCount = Number(values['batch-size']);
  for (const [name, value] of [['--port', port], ['--batch-timeout', batchTimeoutMs], ['--batch-size', maxMessageCount]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: expected a non-negative integer, got ${String(value)}`);
  }
  const directory = resolve(values.directory);
  const network = await startEmbeddedNetwork({
    directory,
    contracts,
    host: values.host,
    port,
    endorsementPolicy: { rule: policy } satisfies EndorsementPolicy,
    limits: { maxMessageCount, preferredMaxBytes: 512 * 1024, batchTimeoutMs },
  });
  if (network.recovered) process.stdout.write(`ledger: removed a torn last block (${network.recovered.reason}) left by a crash\n`);
  process.stdout.write(`embedded peer listening on ${network.endpoint} (TLS), channel suitrust, height ${network.startHeight}\n`);
  process.stdout.write(`connection profile: ${network.connectionProfilePath}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    network.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
