/**
 * The anchor contract (`anchors`) as the gateway's log service uses it, through the ledger client:
 * register the log once, read the latest anchor from the chain (so a restarted gateway resumes
 * from what the chain holds, not from memory), and anchor a checkpoint.
 */
import type { CheckpointAnchorRecord, TransparencyLogRecord } from '@suitrust/chaincode';
import { ProblemError } from '../errors/problemError';
import type { LedgerClient } from '../ledger/ledgerClient';

/** A log as registration needs it. */
export interface LogRegistration {
  readonly origin: string;
  readonly hashAlgorithm: 'sm3' | 'sha256';
  readonly verifierKey: string;
}

/** An anchor committed on chain. */
export interface CommittedAnchor {
  readonly transactionId: string;
  readonly record: CheckpointAnchorRecord;
}

/** The anchor contract, acting as one identity. */
export interface ChainAnchors {
  /**
   * Registers the log unless the chain already has it with the same hash and key.
   * @returns whether this call registered it
   * @throws {Error} when the chain holds the origin with another key or hash (another log's origin)
   */
  ensureRegistered(log: LogRegistration): Promise<boolean>;
  /** The latest anchor of `origin` on chain, or `undefined` before the first. */
  latest(origin: string): Promise<CheckpointAnchorRecord | undefined>;
  /**
   * Anchors a signed checkpoint.
   * @throws {ProblemError} the contract's refusal or a ledger problem
   */
  anchor(origin: string, note: string, consistencyProof: readonly string[]): Promise<CommittedAnchor>;
}

/**
 * The anchor contract through `ledger`, as `identity` (the administrator, to register).
 * @param ledger - the ledger client
 * @param identity - the connection profile identity that registers and anchors
 */
export function chainAnchors(ledger: LedgerClient, identity: string): ChainAnchors {
  const evaluate = async (transaction: string, ...args: string[]): Promise<unknown> =>
    JSON.parse(Buffer.from(await ledger.evaluate({ identity, contract: 'anchors', transaction, args })).toString('utf8'));
  return {
    async ensureRegistered(log) {
      const registered = async (): Promise<TransparencyLogRecord | undefined> => {
        try {
          return (await evaluate('getLog', log.origin)) as TransparencyLogRecord;
        } catch (error) {
          if (error instanceof ProblemError && error.code === 'LOG_UNKNOWN') return undefined;
          throw error;
        }
      };
      const sameLog = (existing: TransparencyLogRecord): false => {
        if (existing.verifierKey !== log.verifierKey || existing.hashAlgorithm !== log.hashAlgorithm) {
          throw new Error(`the chain holds the log ${log.origin} with another ${existing.hashAlgorithm} key (${existing.verifierKey}): the data directory's log key is not the registered one`);
        }
        return false;
      };
      const existing = await registered();
      if (existing) return sameLog(existing);
      try {
        await ledger.submit({ identity, contract: 'anchors', transaction: 'registerLog', args: [JSON.stringify(log)] });
        return true;
      } catch (error) {
        // Another gateway instance registered it meanwhile: fine if it is the same log.
        const raced = error instanceof ProblemError && error.code === 'LOG_EXISTS' ? await registered() : undefined;
        if (raced) return sameLog(raced);
        throw error;
      }
    },
    async latest(origin) {
      const anchor = (await evaluate('latestAnchor', origin)) as CheckpointAnchorRecord | null;
      return anchor ?? undefined;
    },
    async anchor(origin, note, consistencyProof) {
      const committed = await ledger.submit({ identity, contract: 'anchors', transaction: 'anchorCheckpoint', args: [JSON.stringify({ origin, note, consistencyProof })] });
      return { transactionId: committed.transactionId, record: JSON.parse(Buffer.from(committed.result).toString('utf8')) as CheckpointAnchorRecord };
    },
  };
}
