/**
 * The embedded network on its own thread, as `npm start` runs it: reached over gRPC exactly as
 * in-process, it commits, closes cleanly, and reopens its ledger on the next start. The thread
 * runs the built JavaScript (a worker loads a file), so this test uses `network/dist`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as network from '@suitrust/network';
import { gatewayAs, grpcClient, readConnectionProfile } from '../shared/profileClient';

const { startEmbeddedNetworkThread } = createRequire(import.meta.url)('../../network/dist/index.js') as typeof network;
const json = (value: object): string => JSON.stringify(value);

describe('the embedded network on a worker thread', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-peer-thread-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('commits through fabric-gateway, closes, and starts again at the height it reached', async () => {
    const exits: Error[] = [];
    const first = await startEmbeddedNetworkThread({ directory, port: 0, limits: { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 10 }, onUnexpectedExit: (reason) => exits.push(reason) });
    expect(first.startHeight).toBe(1);
    const profile = await readConnectionProfile(first.connectionProfilePath);
    const client = grpcClient(profile);
    try {
      const judge = gatewayAs(profile, client, 'judge').getNetwork(profile.channel).getContract(profile.chaincode, 'evidence');
      const digest = 'c0'.repeat(32);
      const commit = await judge.submitAsync('notarise', { arguments: [json({ algorithm: 'sm3', digest })] });
      expect((await commit.getStatus()).successful).toBe(true);
      expect(JSON.parse(Buffer.from(await judge.evaluateTransaction('get', 'sm3', digest)).toString())).toMatchObject({ digest });
    } finally {
      client.close();
    }
    await first.close();
    expect(exits).toEqual([]);

    const second = await startEmbeddedNetworkThread({ directory, port: 0 });
    expect(second.startHeight).toBe(2);
    await second.close();
  });

  it('reports a start that fails, with its reason', async () => {
    const taken = await startEmbeddedNetworkThread({ directory: join(directory, 'other'), port: 0 });
    try {
      const port = Number(taken.endpoint.split(':').pop());
      await expect(startEmbeddedNetworkThread({ directory: join(directory, 'third'), port })).rejects.toThrow(/EADDRINUSE|address|port/i);
    } finally {
      await taken.close();
    }
  });
});
