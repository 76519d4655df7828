/**
 * The embedded peer's crash promise, end to end: the peer runs as its own process (the CLI in
 * network/dist), the stock fabric-gateway client streams `evidence:notarise` submits at it, and
 * the process is SIGKILLed at a random moment while submits are in flight. Restarted on the same
 * directory, the peer must hold every transaction whose commit status came back VALID
 * ("acknowledged"), in the block the status named; its blocks must chain by hash and hash their
 * data, none torn; no transaction may appear twice as VALID, nor any that was never sent to the
 * orderer; the world state rebuilt from the blocks must agree with them digest by digest; and it
 * must go on committing. Three rounds, each continuing the ledger the last one left.
 *
 * A transaction whose submit was sent but whose status never came back has an unknown outcome:
 * it may be there or not, but only once. After each restart the client then does what a client
 * should with such a transaction: submits the same endorsed transaction again, which commits it
 * if it was lost and is recorded DUPLICATE_TXID (never a second VALID) if it was not.
 *
 * SIGKILL tests a process crash, where the page cache survives. The middle round then also does
 * what a power cut may do to data not yet synced: cut the ledger file anywhere after the last
 * acknowledged block, or leave a torn next record, so the peer has to repair its tail on start.
 * That acknowledged blocks reach the disk rests on the fdatasync before each commit is reported
 * (blockStore.crash.int.test.ts tests the store itself).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { GatewayError, type Contract, type Gateway, type Transaction } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDataHash, blockHeaderHash, openFileBlockStore, type ConnectionProfile } from '@suitrust/network';
import { encodeBlockRecord, readBlockRecord } from '../../network/src/ledger/blockRecord';
import { gatewayAs, grpcClient, readConnectionProfile } from '../shared/profileClient';
import { mapLimit, signalGroup, startProcess, stopAll, stopProcess } from './crashProcess';

const ROUNDS = 3;
/** The round whose kill is followed by a simulated power cut. */
const POWER_CUT_ROUND = 2;
/** Submits in flight at once: enough for blocks of several transactions at a 20 ms batch timeout. */
const IN_FLIGHT = 12;
/** The kill's spread past an accepted submit: about the 20 ms batch timeout plus a block's commit. */
const KILL_JITTER_MS = 40;
/** Evaluations in flight at once while checking the ledger and the state. */
const CHECKS_IN_FLIGHT = 16;
const CLI = new URL('../../network/dist/cli/startEmbeddedPeer.js', import.meta.url).pathname;
const CHAINCODE_DIST = new URL('../../chaincode/dist/index.js', import.meta.url).pathname;
/** A start takes about a second here (the first one creates the keys); the slack is for a loaded CI machine. */
const START_TIMEOUT_MS = 30_000;
/** Who submits, in turn: users of three organisations. */
const SUBMITTERS = ['judge', 'issuer', 'officer', 'tax-officer'] as const;
const CODE = peer.TxValidationCode;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const codeName = (code: number): string => Object.entries(CODE).find(([, value]) => value === code)?.[0] ?? String(code);

/** How far one `notarise` got from the client's point of view when the stream stopped. */
type Stage =
  /** Proposed or endorsed only: never sent to the orderer, so it must not be on the ledger. */
  | 'unsent'
  /** Sent to the orderer, no commit status back: may be on the ledger, once. */
  | 'unknown'
  /** Commit status VALID came back: must be on the ledger, VALID, in `blockNumber`. */
  | 'acknowledged';

interface Submission {
  readonly txId: string;
  readonly digest: string;
  readonly round: number;
  /** Index in {@link SUBMITTERS} of who sent it. */
  readonly submitter: number;
  stage: Stage;
  blockNumber?: number;
  /** The endorsed transaction, kept to submit again when the outcome is unknown (signed anew by its submitter). */
  endorsed?: Uint8Array;
}

/** One run of the CLI. */
interface PeerProcess {
  readonly child: ChildProcess;
  readonly endpoint: string;
  readonly profilePath: string;
  /** The height the peer printed on start. */
  readonly height: number;
  /** The line the peer prints when it removed a torn last block, if it did. */
  readonly recovery: string | undefined;
  /** Everything the process wrote so far (the last 16 kB), for failure messages. */
  output(): string;
  /** Resolves with the exit signal or code once the process has exited and its pipes are drained. */
  readonly closed: Promise<NodeJS.Signals | number | null>;
}

describe('embedded peer under SIGKILL during a stream of submits', () => {
  let directory: string;

  beforeAll(() => {
    for (const built of [CLI, CHAINCODE_DIST]) {
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (the root \`npm test\` does)`);
    }
    directory = mkdtempSync(join(tmpdir(), 'suitrust-peer-crash-'));
  });

  afterAll(async () => {
    await stopAll();
    if (directory) rmSync(directory, { recursive: true, force: true });
  }, 30_000);

  it(`keeps every acknowledged transaction through ${ROUNDS} kill-and-restart rounds`, async () => {
    const submissions = new Map<string, Submission>();
    /** Header hashes of the blocks verified so far: a restart may add blocks, never change one. */
    let verifiedHashes: string[] = [];
    const summary: string[] = [];

    let current = await startPeer(directory);
    expect(current.height, current.output()).toBe(1);
    for (let round = 1; round <= ROUNDS; round++) {
      // Stream, then kill while submits are in flight.
      let session = await openSession(current);
      let run: StreamRun;
      try {
        run = await streamAndKill({ session, peer: current, round, submissions, killAfterMs: 300 + Math.floor(Math.random() * 1200) });
      } finally {
        session.close();
      }
      const signal = await current.closed;
      const context = `round ${round} (killed ${run.killedAfterMs} ms after the first acknowledgement, ${run.inFlightAtKill} in flight)`;
      expect(signal, `${context}: the peer was not killed by the test:\n${current.output()}`).toBe('SIGKILL');
      expect(run.unexpected, `${context}: operations failed before the kill:\n${current.output()}`).toEqual([]);
      expect(run.acknowledged, context).toBeGreaterThan(0);
      expect(run.inFlightAtKill, context).toBeGreaterThan(0);
      expect(current.output(), context).not.toMatch(/embedded orderer stopped/);
      const cut = round === POWER_CUT_ROUND ? loseUnsyncedTail(directory, lastAcknowledgedBlock(submissions)) : undefined;

      // Restart on the same directory and check what the crash left.
      current = await startPeer(directory);
      session = await openSession(current);
      try {
        const withContext = `${context}${cut ? `, ${cut.description}` : ''}, restarted at height ${current.height}`;
        if (cut) {
          expect(current.height, `${withContext}:\n${current.output()}`).toBe(cut.height);
          if (cut.torn) expect(current.recovery, `${withContext}: the peer did not report removing the torn record:\n${current.output()}`).toBeDefined();
          else expect(current.recovery, withContext).toBeUndefined();
        }
        const unknown = [...submissions.values()].filter((submission) => submission.round === round && submission.stage === 'unknown');
        const verified = await verifyLedger({ session, submissions, verifiedHashes, context: withContext });
        expect(current.height, `${withContext}: the height printed on start is not the ledger's`).toBe(verified.height);
        verifiedHashes = verified.headerHashes;
        const lost = unknown.filter((submission) => !verified.validTxIds.has(submission.txId));

        // The restarted peer commits a new transaction in the next block...
        const fresh = await notarise(session, 0, round, submissions);
        expect(fresh.blockNumber, `${withContext}: the first transaction after the restart`).toBe(current.height);
        // ...and a client resubmitting what it never heard back about gets each one VALID, in the
        // block that holds it when the crash did not lose it (the next verification checks that
        // a repeat is recorded DUPLICATE_TXID and applied once).
        for (const submission of unknown) {
          const status = await session.gateways[submission.submitter]?.newTransaction(submission.endorsed as Uint8Array).submit().then((commit) => commit.getStatus());
          expect(status?.code, `${withContext}: resubmitted ${submission.txId}`).toBe(CODE.VALID);
          if (verified.validTxIds.has(submission.txId)) expect(Number(status?.blockNumber), `${withContext}: resubmitted ${submission.txId}`).toBe(submission.blockNumber);
          submission.stage = 'acknowledged';
          submission.blockNumber = Number(status?.blockNumber);
        }
        // Ordered after the resubmissions, so committed after them: nothing is left in the orderer.
        await notarise(session, 1, round, submissions);
        summary.push(
          `round ${round}: killed ${run.killedAfterMs} ms after first ack with ${run.inFlightAtKill} in flight; ` +
            `${run.acknowledged} acked, ${unknown.length} unknown (${lost.length} lost, resubmitted), ${run.unsent} unsent; ` +
            `${cut ? `${cut.description}; ` : ''}restarted at height ${current.height}${current.recovery ? ` (${current.recovery})` : ''}`,
        );
      } finally {
        session.close();
      }
    }

    // The resubmissions of the last round are checked too, then the peer stops cleanly and its
    // ledger opens with nothing to repair.
    const session = await openSession(current);
    let height: number;
    try {
      height = (await verifyLedger({ session, submissions, verifiedHashes, context: 'after the last round' })).height;
    } finally {
      session.close();
    }
    const exit = await stopProcess(current.child);
    expect(exit, `the peer did not stop cleanly on SIGTERM:\n${current.output()}`).toBe(0);
    const store = await openFileBlockStore({ directory: join(directory, 'ledger', 'suitrust') });
    try {
      expect(store.recovered).toBeUndefined();
      expect(store.height).toBe(height);
    } finally {
      await store.close();
    }
    const acknowledged = [...submissions.values()].filter((submission) => submission.stage === 'acknowledged').length;
    console.info(`embedded peer crash test: ${ROUNDS} rounds, ${acknowledged} transactions acknowledged in ${height} blocks\n  ${summary.join('\n  ')}`);
  }, 90_000);
});

/** A client session on one peer process: a gRPC connection and a gateway per submitter. */
interface Session {
  readonly profile: ConnectionProfile;
  readonly gateways: readonly Gateway[];
  /** `evidence` of each gateway, in {@link SUBMITTERS} order. */
  readonly contracts: readonly Contract[];
  /** qscc, as the first submitter. */
  readonly qscc: Contract;
  close(): void;
}

/** Connects to a started peer through the connection profile it wrote. */
async function openSession(target: PeerProcess): Promise<Session> {
  const profile = await readConnectionProfile(target.profilePath);
  expect(profile.peer.endpoint).toBe(target.endpoint);
  const client = grpcClient(profile);
  const gateways = SUBMITTERS.map((name) => gatewayAs(profile, client, name, CRASH_DEADLINES));
  const network = (gateway: Gateway) => gateway.getNetwork(profile.channel);
  return {
    profile,
    gateways,
    contracts: gateways.map((gateway) => network(gateway).getContract(profile.chaincode, 'evidence')),
    qscc: network(gateways[0] as Gateway).getContract('qscc'),
    close: () => {
      for (const gateway of gateways) gateway.close();
      client.close();
    },
  };
}

/** Deadlines short enough that a call to a killed peer cannot outlive the test (a dropped connection fails calls at once anyway). */
const CRASH_DEADLINES = { evaluate: 10_000, endorse: 10_000, submit: 10_000, commitStatus: 15_000 };

/** A new submission of a fresh random digest, recorded before anything is sent. */
function newSubmission(session: Session, submitter: number, round: number, submissions: Map<string, Submission>): { proposal: ReturnType<Contract['newProposal']>; submission: Submission } {
  const digest = randomBytes(32).toString('hex');
  const proposal = (session.contracts[submitter] as Contract).newProposal('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest })] });
  const submission: Submission = { txId: proposal.getTransactionId(), digest, round, submitter, stage: 'unsent' };
  submissions.set(submission.txId, submission);
  return { proposal, submission };
}

/**
 * Endorses, submits and awaits one notarisation, recording each step; throws if it is not VALID.
 * `onAccepted` runs when the orderer has taken the transaction, before its commit status.
 */
async function notarise(session: Session, submitter: number, round: number, submissions: Map<string, Submission>, onAccepted?: () => void): Promise<Submission> {
  const { proposal, submission } = newSubmission(session, submitter, round, submissions);
  const transaction: Transaction = await proposal.endorse();
  submission.endorsed = transaction.getBytes();
  // From here the orderer may have it, whatever the client hears back.
  submission.stage = 'unknown';
  const submitted = await transaction.submit();
  onAccepted?.();
  const status = await submitted.getStatus();
  if (status.code !== CODE.VALID) throw new Error(`${submission.txId} committed ${codeName(status.code)} in block ${status.blockNumber}`);
  submission.stage = 'acknowledged';
  submission.blockNumber = Number(status.blockNumber);
  return submission;
}

/** The highest block number a commit status has named so far. */
function lastAcknowledgedBlock(submissions: ReadonlyMap<string, Submission>): number {
  let last = 0;
  for (const submission of submissions.values()) if (submission.stage === 'acknowledged') last = Math.max(last, submission.blockNumber as number);
  return last;
}

interface StreamRun {
  readonly acknowledged: number;
  readonly unsent: number;
  readonly inFlightAtKill: number;
  readonly killedAfterMs: number;
  /** Failures seen before the kill: there should be none. */
  readonly unexpected: readonly string[];
}

/**
 * Keeps {@link IN_FLIGHT} notarisations going, SIGKILLs the peer's process group, and waits for
 * every call to settle. The kill is armed `killAfterMs` past the first acknowledgement and fires
 * 0–{@link KILL_JITTER_MS} ms after the orderer next accepts a transaction: at a random instant
 * the workers are nearly always all endorsing (they fall into step, a block's worth at a time,
 * and simulation takes longest), and a kill there would only ever test the easy case. Fired this
 * way, it falls before, while or after the block carrying that transaction is written.
 */
async function streamAndKill(options: Readonly<{ session: Session; peer: PeerProcess; round: number; submissions: Map<string, Submission>; killAfterMs: number }>): Promise<StreamRun> {
  const { session, peer: target, round, submissions } = options;
  let killed = false;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let acknowledged = 0;
  let firstAckAt: number | undefined;
  let killedAfterMs = 0;
  const unexpected: string[] = [];
  let killTimer: NodeJS.Timeout | undefined;
  let armed = false;
  const kill = (): void => {
    if (killed) return;
    killed = true;
    inFlightAtKill = inFlight;
    killedAfterMs = Date.now() - (firstAckAt ?? Date.now());
    signalGroup(target.child.pid as number, 'SIGKILL');
  };
  // A peer that dies on its own ends the stream too (and fails the round: its signal is not the test's).
  void target.closed.then(() => {
    if (!killed) {
      inFlightAtKill = inFlight;
      unexpected.push(`the peer exited by itself`);
      clearTimeout(killTimer);
      killed = true;
    }
  });
  const worker = async (index: number): Promise<void> => {
    while (!killed) {
      inFlight++;
      try {
        await notarise(session, index % SUBMITTERS.length, round, submissions, () => {
          if (!armed) return;
          armed = false;
          clearTimeout(killTimer);
          killTimer = setTimeout(kill, Math.floor(Math.random() * (KILL_JITTER_MS + 1)));
        });
        acknowledged++;
        if (firstAckAt === undefined) {
          firstAckAt = Date.now();
          killTimer = setTimeout(() => {
            armed = true;
            killTimer = setTimeout(kill, 1000);
          }, options.killAfterMs);
        }
      } catch (error) {
        if (!killed) unexpected.push(`${SUBMITTERS[index % SUBMITTERS.length]}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        inFlight--;
      }
    }
  };
  const workers = Promise.all(Array.from({ length: IN_FLIGHT }, (_, index) => worker(index)));
  // Calls to a dead peer fail as soon as the connection drops; bound the wait all the same.
  const settled = await Promise.race([workers.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 20_000))]);
  clearTimeout(killTimer);
  if (!settled) throw new Error(`round ${round}: calls still pending 20 s after the kill (${inFlight} in flight)`);
  const ofRound = [...submissions.values()].filter((submission) => submission.round === round);
  return { acknowledged, unsent: ofRound.filter((submission) => submission.stage === 'unsent').length, inFlightAtKill, killedAfterMs, unexpected };
}

interface VerifiedLedger {
  readonly height: number;
  readonly headerHashes: string[];
  readonly validTxIds: ReadonlySet<string>;
}

/**
 * Reads the whole ledger back through qscc and checks it against what the client knows; marks
 * each unknown outcome found VALID as acknowledged (from now on it must stay).
 */
async function verifyLedger(options: Readonly<{ session: Session; submissions: Map<string, Submission>; verifiedHashes: readonly string[]; context: string }>): Promise<VerifiedLedger> {
  const { session, submissions, verifiedHashes, context } = options;
  const channel = session.profile.channel;
  const info = common.BlockchainInfo.deserializeBinary(await session.qscc.evaluateTransaction('GetChainInfo', channel));
  const height = info.getHeight();
  expect(height, `${context}: a restart lost verified blocks`).toBeGreaterThanOrEqual(verifiedHashes.length);

  const blocks = await mapLimit(Array.from({ length: height }, (_, number) => number), CHECKS_IN_FLIGHT, async (number) =>
    common.Block.deserializeBinary(await session.qscc.evaluateTransaction('GetBlockByNumber', channel, String(number))),
  );
  const headerHashes: string[] = [];
  /** Every occurrence of every transaction id, in chain order. */
  const occurrences = new Map<string, { blockNumber: number; code: number }[]>();
  let previousHash = '';
  for (const [number, block] of blocks.entries()) {
    const at = `${context}: block ${number}`;
    const header = block.getHeader();
    if (!header) throw new Error(`${at} has no header`);
    expect(header.getNumber(), at).toBe(number);
    expect(hex(header.getPreviousHash_asU8()), `${at}: previous_hash is not the header hash of block ${number - 1}`).toBe(previousHash);
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    expect(envelopes.length, `${at} is empty`).toBeGreaterThan(0);
    expect(hex(header.getDataHash_asU8()), `${at}: data_hash does not match its envelopes`).toBe(hex(blockDataHash(envelopes)));
    previousHash = hex(blockHeaderHash(header));
    if (number < verifiedHashes.length) expect(previousHash, `${at} changed since it was last verified`).toBe(verifiedHashes[number]);
    headerHashes.push(previousHash);
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
    expect(filter.length, `${at}: the transactions filter does not cover every envelope`).toBe(envelopes.length);
    if (number === 0) continue;
    for (const [index, bytes] of envelopes.entries()) {
      const header = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8()).getHeader();
      const channelHeader = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() ?? new Uint8Array());
      expect(channelHeader.getType(), `${at} tx ${index}`).toBe(common.HeaderType.ENDORSER_TRANSACTION);
      const list = occurrences.get(channelHeader.getTxId()) ?? [];
      list.push({ blockNumber: number, code: filter[index] as number });
      occurrences.set(channelHeader.getTxId(), list);
    }
  }
  expect(hex(info.getCurrentblockhash_asU8()), `${context}: GetChainInfo's current block hash`).toBe(previousHash);

  // Only transactions the client sent; each VALID once, any repeat DUPLICATE_TXID.
  const validTxIds = new Set<string>();
  for (const [txId, list] of occurrences) {
    const submission = submissions.get(txId);
    expect(submission, `${context}: ${txId} is on the ledger but this test never sent it`).toBeDefined();
    expect(submission?.stage, `${context}: ${txId} is on the ledger but was never submitted to the orderer`).not.toBe('unsent');
    expect(
      list.map(({ code }) => codeName(code)),
      `${context}: ${txId} in blocks ${list.map(({ blockNumber }) => blockNumber).join(', ')}`,
    ).toEqual(['VALID', ...list.slice(1).map(() => 'DUPLICATE_TXID')]);
    validTxIds.add(txId);
  }
  // Every acknowledged transaction is there, where its commit status said.
  for (const submission of submissions.values()) {
    if (submission.stage !== 'acknowledged') continue;
    expect(occurrences.get(submission.txId)?.[0]?.blockNumber, `${context}: acknowledged ${submission.txId} (round ${submission.round})`).toBe(submission.blockNumber);
  }
  // qscc's index and the world state rebuilt on restart agree with the blocks.
  await mapLimit([...submissions.values()], CHECKS_IN_FLIGHT, async (submission) => {
    const at = `${context}: ${submission.stage} ${submission.txId} (round ${submission.round})`;
    const present = validTxIds.has(submission.txId);
    if (present) {
      const processed = peer.ProcessedTransaction.deserializeBinary(await session.qscc.evaluateTransaction('GetTransactionByID', channel, submission.txId));
      expect(codeName(processed.getValidationcode()), at).toBe('VALID');
      const payload = common.Payload.deserializeBinary(processed.getTransactionenvelope()?.getPayload_asU8() ?? new Uint8Array());
      expect(common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array()).getTxId(), at).toBe(submission.txId);
    }
    const record = await session.contracts[0]?.evaluateTransaction('get', 'sm3', submission.digest).then(
      (bytes) => JSON.parse(utf8(bytes)) as { notarised?: { txId?: string } },
      (error: unknown) => {
        const details = error instanceof GatewayError ? JSON.stringify(error.details) : '';
        if (!`${String(error)} ${details}`.includes('EVIDENCE_UNKNOWN')) throw error;
        return undefined;
      },
    );
    expect(record?.notarised?.txId, `${at}: the state's evidence record`).toBe(present ? submission.txId : undefined);
    if (present && submission.stage === 'unknown') {
      submission.stage = 'acknowledged';
      submission.blockNumber = occurrences.get(submission.txId)?.[0]?.blockNumber;
    }
  });
  return { height, headerHashes, validTxIds };
}

/**
 * Does to the dead peer's ledger what a power cut may do to data not yet synced: cuts the file
 * at a random point after the record of block `lastAcknowledged`, or, when nothing follows it,
 * appends a random prefix of a next record. Returns the height the peer must come back with.
 */
function loseUnsyncedTail(directory: string, lastAcknowledged: number): { height: number; torn: boolean; description: string } {
  const ledger = join(directory, 'ledger', 'suitrust');
  // Well under a 64 MiB segment: one file.
  expect(readdirSync(ledger).filter((name) => name.endsWith('.blocks'))).toEqual(['000000.blocks']);
  const segment = join(ledger, '000000.blocks');
  const bytes = readFileSync(segment);
  const ends: number[] = [];
  let last: { bodyOffset: number; bodyLength: number } | undefined;
  for (let offset = 0; offset < bytes.length; ) {
    const record = readBlockRecord(bytes, offset);
    if (record.kind !== 'record') break; // a tail torn by the kill itself: the cut below removes it
    expect(record.number).toBe(ends.length);
    ends.push(record.end);
    last = record;
    offset = record.end;
  }
  const ackedEnd = ends[lastAcknowledged];
  if (ackedEnd === undefined || !last) throw new Error(`block ${lastAcknowledged} was acknowledged but its record is not in ${segment} (${ends.length} records)`);
  if (bytes.length > ackedEnd + 1) {
    const cutAt = ackedEnd + 1 + Math.floor(Math.random() * (bytes.length - ackedEnd - 1));
    truncateSync(segment, cutAt);
    const height = ends.filter((end) => end <= cutAt).length;
    return { height, torn: !ends.includes(cutAt), description: `cut the ledger ${bytes.length - cutAt} of ${bytes.length - ackedEnd} bytes past block ${lastAcknowledged}` };
  }
  truncateSync(segment, ackedEnd);
  const next = encodeBlockRecord(lastAcknowledged + 1, bytes.subarray(last.bodyOffset, last.bodyOffset + last.bodyLength));
  const length = 1 + Math.floor(Math.random() * (next.length - 1));
  appendFileSync(segment, next.subarray(0, length));
  return { height: lastAcknowledged + 1, torn: true, description: `appended ${length} of ${next.length} bytes of a block ${lastAcknowledged + 1}` };
}

/** Starts the CLI on `directory` in its own process group and waits for its endpoint and profile. */
async function startPeer(directory: string): Promise<PeerProcess> {
  const started = await startProcess({
    script: CLI,
    args: ['--directory', directory, '--port', '0', '--batch-timeout', '20'],
    env: { CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
    ready: (output) => {
      const listening = /^embedded peer listening on (\S+) \(TLS\), channel suitrust, height (\d+)$/m.exec(output);
      const profile = /^connection profile: (.+)$/m.exec(output);
      if (!listening || !profile) return undefined;
      return {
        endpoint: listening[1] as string,
        height: Number(listening[2]),
        profilePath: (profile[1] as string).trim(),
        recovery: /^ledger: removed a torn last block.*$/m.exec(output)?.[0],
      };
    },
    timeoutMs: START_TIMEOUT_MS,
    name: 'the peer',
  });
  return { child: started.child, output: started.output, closed: started.closed, ...started.ready };
}
