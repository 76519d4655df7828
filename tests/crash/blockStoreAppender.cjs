'use strict';
/**
 * The process blockStore.crash.int.test.ts kills. Run as a script, it opens the file block store
 * compiled in network/dist, prints `open <height> <recovered reason or ->`, then appends blocks
 * for ever, printing `ack <number>` the moment each append resolves (stdout to a pipe is
 * synchronous on Linux, so an ack is in the pipe before the next append starts).
 *
 * Required as a module, it only exports `envelopesFor(number)`, so the test can rebuild exactly
 * what each block must hold. Plain JavaScript: the child must run without a TypeScript loader.
 */
const { createRequire } = require('node:module');
const { join } = require('node:path');

const networkDirectory = join(__dirname, '..', '..', 'network');
const { common } = createRequire(join(networkDirectory, 'package.json'))('@hyperledger/fabric-protos');

const TXS_PER_BLOCK = 10;
const ENVELOPE_DATA_BYTES = 3000;

/** The envelopes of block `number`: ten ~3 KB transactions `crash-<number>-<index>`. */
function envelopesFor(number) {
  return Array.from({ length: TXS_PER_BLOCK }, (_, index) => {
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
    channelHeader.setChannelId('crashchannel');
    channelHeader.setTxId(`crash-${number}-${index}`);
    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(new Uint8Array(ENVELOPE_DATA_BYTES).fill((number * 31 + index) & 0xff));
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope.serializeBinary();
  });
}

async function appendForever(directory) {
  const dist = join(networkDirectory, 'dist', 'ledger');
  const { openFileBlockStore } = require(join(dist, 'fileBlockStore.js'));
  const { buildBlock } = require(join(dist, 'buildBlock.js'));
  const store = await openFileBlockStore({ directory });
  process.stdout.write(`open ${store.height} ${store.recovered ? store.recovered.reason : '-'}\n`);
  for (;;) {
    const number = store.height;
    await store.append(buildBlock({ number, previousHash: store.chainInfo().currentBlockHash, envelopes: envelopesFor(number) }));
    process.stdout.write(`ack ${number}\n`);
  }
}

module.exports = { envelopesFor, TXS_PER_BLOCK };

if (require.main === module) {
  appendForever(process.argv[2]).catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}
