/**
 * Validates a block's transactions as a Fabric 2.5 committing peer does, giving each the
 * `peer.TxValidationCode` Fabric would write into the block's TRANSACTIONS_FILTER. Three passes,
 * in Fabric's order:
 *
 * 1. Each transaction alone (`core/committer/txvalidator/v20/validator.go` `validateTx`):
 *    - `core/common/validation/msgvalidation.go` `ValidateTransaction`: the envelope parses
 *      (INVALID_OTHER_REASON), then its payload (BAD_PAYLOAD) and header: a known header type,
 *      epoch 0, nonce and creator (BAD_COMMON_HEADER); the creator is a valid member of a channel
 *      MSP and signed the payload (BAD_CREATOR_SIGNATURE); a config update is refused
 *      (UNSUPPORTED_TX_PAYLOAD); the transaction id is hex(SHA-256(nonce ‖ creator))
 *      (BAD_PROPOSAL_TXID); one action whose proposal hash matches (INVALID_ENDORSER_TRANSACTION);
 *    - the channel (TARGET_CHAIN_NOT_FOUND) and a transaction id already in the ledger, valid or
 *      not (DUPLICATE_TXID, `checkTxIdDupsLedger`);
 *    - `plugindispatcher/dispatcher.go` `Dispatch`: BAD_HEADER_EXTENSION, BAD_RESPONSE_PAYLOAD,
 *      BAD_RWSET, INVALID_OTHER_REASON, INVALID_CHAINCODE (a chaincode, or a written namespace,
 *      without a definition on the channel), ILLEGAL_WRITESET; then the endorsement policy
 *      (ENDORSEMENT_POLICY_FAILURE, see `endorsementPolicy.ts`).
 * 2. `markTXIdDuplicates`: a transaction still valid whose id an earlier valid transaction of
 *    the block carries is DUPLICATE_TXID.
 * 3. MVCC (`core/ledger/kvledger/txmgmt/validation/validator.go`), in block order over the
 *    transactions still valid, namespace by namespace: a read key that an earlier valid
 *    transaction of the block wrote, or whose committed version differs from the version read,
 *    is MVCC_READ_CONFLICT; a range query whose re-execution over committed state plus the
 *    block's earlier valid writes (`combined_iterator.go`, `rangequery_validator.go`) gives other
 *    keys or versions is PHANTOM_READ_CONFLICT. Valid transactions' writes get the version
 *    (block number, index in block).
 *
 * Where Fabric's outcome is not one fixed code, a choice was made: a transaction naming another
 * channel is TARGET_CHAIN_NOT_FOUND (Fabric 2.5's `chainExists` is always true; such a transaction
 * fails its creator check on a peer that has not joined that channel); a config transaction is
 * UNKNOWN_TX_TYPE (this validator cannot apply channel configuration); when several namespaces
 * are written, definitions are checked before the policy (Fabric iterates a Go map).
 */
import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { compareKeys, sameVersion, type Version } from '../ledger/version';
import type { WorldStateReader } from '../ledger/worldState';
import type { DecodedRangeRead, DecodedReadWriteSet } from '../protocol/readWriteSetCodec';
import { decodeEndorserTransaction, decodeEnvelopeHeader, type ChaincodeEventParts, type EndorserTransactionParts } from '../protocol/transactionEnvelope';
import type { TxValidationCode } from '../protocol/txValidationCode';
import { checkEndorsements, type EndorsementPolicy } from './endorsementPolicy';
import type { MspRegistry } from './mspRegistry';

/** What {@link validateBlock} needs. */
export interface ValidateBlockOptions {
  /** The block's number: valid writes get version (blockNumber, index in block). */
  readonly blockNumber: number;
  /** The block's data: serialised `common.Envelope`s, in order. */
  readonly envelopes: readonly Uint8Array[];
  /** The channel this peer validates for. */
  readonly channelId: string;
  /** The one chaincode defined on the channel; its namespace is the only one that may be written. */
  readonly chaincodeName: string;
  /** The channel's organisations. */
  readonly msps: MspRegistry;
  /** The chaincode's endorsement policy. */
  readonly endorsementPolicy: EndorsementPolicy;
  /** MSP IDs of the channel's application organisations, which the policy counts. */
  readonly applicationOrganisations: readonly string[];
  /** State as committed up to the previous block. */
  readonly state: WorldStateReader;
  /**
   * Whether the channel's ledger already holds a transaction with this id, whatever its
   * validation code (Fabric's `TxIDExists` looks in the block index, invalid transactions included).
   */
  readonly txIdExists: (txId: string) => boolean | Promise<boolean>;
}

/** How one transaction was judged. */
export interface TransactionValidation {
  /** Position in the block (the `txNum` of its writes' version). */
  readonly txIndex: number;
  /** The channel header's transaction id (empty when the header did not decode). */
  readonly txId: string;
  /** `peer.TxValidationCode` value; only VALID (0) transactions' writes and events take effect. */
  readonly code: TxValidationCode;
  /** Why the code is not VALID. */
  readonly reason?: string;
  /** MSP ID of the creator, once its identity and signature verified. */
  readonly creatorMspId?: string;
  /** The channel header's timestamp, when the header decoded. */
  readonly timestamp?: { readonly seconds: number; readonly nanos: number };
  /** The read-write set of the chaincode's namespace, when the action decoded and has one. */
  readonly readWriteSet?: DecodedReadWriteSet;
  /** The chaincode event, when the action decoded and set one. */
  readonly event?: ChaincodeEventParts;
}

const CODE = peer.TxValidationCode;

interface Candidate {
  txIndex: number;
  txId: string;
  code: TxValidationCode;
  reason?: string;
  creatorMspId?: string;
  timestamp?: { readonly seconds: number; readonly nanos: number };
  action?: EndorserTransactionParts;
}

/** A write of an earlier valid transaction of the block. */
interface BlockWrite {
  readonly value: Uint8Array | null;
  readonly version: Version;
}

/**
 * Validates a block's transactions.
 *
 * @param options - the envelopes and what validating them needs
 * @returns one judgement per envelope, in block order
 * @throws {Error} when the policy is malformed, or the state or the transaction-id lookup fails
 *   (a fault, not a judgement: Fabric stops committing then too)
 * @example
 * ```ts
 * const results = await validateBlock({ blockNumber, envelopes, channelId: 'suitrust', chaincodeName: 'suitrust',
 *   msps, endorsementPolicy: { rule: 'any' }, state: worldState, txIdExists: (id) => store.transactionLocation(id) !== undefined });
 * const transactionsFilter = Uint8Array.from(results, (r) => r.code);
 * ```
 */
export async function validateBlock(options: Readonly<ValidateBlockOptions>): Promise<TransactionValidation[]> {
  const candidates: Candidate[] = [];
  for (const [txIndex, envelope] of options.envelopes.entries()) candidates.push(await validateTransaction(options, txIndex, envelope));
  markBlockDuplicates(candidates);
  await checkMvcc(options, candidates);
  return candidates.map((candidate) => result(candidate, options.chaincodeName));
}

async function validateTransaction(options: Readonly<ValidateBlockOptions>, txIndex: number, envelope: Uint8Array): Promise<Candidate> {
  const candidate: Candidate = { txIndex, txId: '', code: CODE.VALID };
  const judge = (code: TxValidationCode, reason: string): Candidate => Object.assign(candidate, { code, reason });

  const header = decodeEnvelopeHeader(envelope);
  if (!header.ok) return judge(header.code, header.reason);
  candidate.txId = header.channelHeader.txId;
  if (header.channelHeader.timestamp !== undefined) candidate.timestamp = header.channelHeader.timestamp;

  // msgvalidation.go checkSignatureFromCreator: Fabric refuses nil arguments before anything else.
  if (header.signature.length === 0) return judge(CODE.BAD_CREATOR_SIGNATURE, 'the envelope has no signature');
  const creator = options.msps.verifySignature(header.signatureHeader.creator, header.payload, header.signature);
  if (!creator.ok) return judge(CODE.BAD_CREATOR_SIGNATURE, `creator: ${creator.code}: ${creator.reason}`);
  candidate.creatorMspId = creator.identity.mspId;

  switch (header.channelHeader.type) {
    case common.HeaderType.ENDORSER_TRANSACTION:
      break;
    case common.HeaderType.CONFIG:
      return judge(CODE.UNKNOWN_TX_TYPE, 'config transactions are not validated by this peer');
    default:
      return judge(CODE.UNSUPPORTED_TX_PAYLOAD, `header type ${header.channelHeader.type} is not supported in a block`);
  }

  const expectedTxId = createHash('sha256').update(header.signatureHeader.nonce).update(header.signatureHeader.creator).digest('hex');
  if (candidate.txId !== expectedTxId) return judge(CODE.BAD_PROPOSAL_TXID, `transaction id ${candidate.txId} is not hex(SHA-256(nonce ‖ creator)) ${expectedTxId}`);

  const action = decodeEndorserTransaction(header);
  // ValidateTransaction's own refusal comes now; the dispatcher's come after the ledger checks.
  if (!action.ok && action.code === CODE.INVALID_ENDORSER_TRANSACTION) return judge(action.code, action.reason);

  if (header.channelHeader.channelId !== options.channelId) return judge(CODE.TARGET_CHAIN_NOT_FOUND, `channel "${header.channelHeader.channelId}" is not "${options.channelId}"`);
  if (await options.txIdExists(candidate.txId)) return judge(CODE.DUPLICATE_TXID, `transaction id ${candidate.txId} is already in the ledger`);

  if (!action.ok) return judge(action.code, action.reason);
  const { ok: _ok, ...parts } = action;
  candidate.action = parts;

  if (parts.chaincodeName !== options.chaincodeName) return judge(CODE.INVALID_CHAINCODE, `chaincode "${parts.chaincodeName}" is not defined on the channel`);
  const foreign = parts.action.readWriteSets.find((set) => set.writes.size > 0 && set.namespace !== options.chaincodeName);
  if (foreign !== undefined) return judge(CODE.INVALID_CHAINCODE, `namespace "${foreign.namespace}" is written but no chaincode of that name is defined on the channel`);

  const policy = checkEndorsements({ policy: options.endorsementPolicy, msps: options.msps, applicationOrganisations: options.applicationOrganisations, proposalResponsePayload: parts.proposalResponsePayload, endorsements: parts.endorsements });
  if (!policy.ok) return judge(CODE.ENDORSEMENT_POLICY_FAILURE, policy.reason);
  return candidate;
}

/** Fabric's `markTXIdDuplicates`: among transactions valid so far, a repeated id is a duplicate. */
function markBlockDuplicates(candidates: readonly Candidate[]): void {
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.code !== CODE.VALID) continue;
    if (seen.has(candidate.txId)) {
      candidate.code = CODE.DUPLICATE_TXID;
      candidate.reason = `transaction id ${candidate.txId} appears earlier in the block`;
    } else {
      seen.add(candidate.txId);
    }
  }
}

async function checkMvcc(options: Readonly<ValidateBlockOptions>, candidates: readonly Candidate[]): Promise<void> {
  const updates = new Map<string, Map<string, BlockWrite>>();
  for (const candidate of candidates) {
    if (candidate.code !== CODE.VALID || candidate.action === undefined) continue;
    const conflict = await firstConflict(options.state, updates, candidate.action.action.readWriteSets);
    if (conflict !== undefined) {
      candidate.code = conflict.code;
      candidate.reason = conflict.reason;
      continue;
    }
    const version = { blockNum: options.blockNumber, txNum: candidate.txIndex };
    for (const set of candidate.action.action.readWriteSets) {
      if (set.writes.size === 0) continue;
      let namespace = updates.get(set.namespace);
      if (namespace === undefined) updates.set(set.namespace, (namespace = new Map()));
      for (const [key, value] of set.writes) namespace.set(key, { value, version });
    }
  }
}

async function firstConflict(
  state: WorldStateReader,
  updates: ReadonlyMap<string, ReadonlyMap<string, BlockWrite>>,
  sets: readonly DecodedReadWriteSet[],
): Promise<{ code: TxValidationCode; reason: string } | undefined> {
  for (const set of sets) {
    const written = updates.get(set.namespace);
    for (const [key, version] of set.reads) {
      if (written?.has(key)) return { code: CODE.MVCC_READ_CONFLICT, reason: `key "${key}" of "${set.namespace}" was written by an earlier transaction of this block` };
      const committed = await state.get(set.namespace, key);
      if (!sameVersion(committed?.version, version)) {
        return { code: CODE.MVCC_READ_CONFLICT, reason: `key "${key}" of "${set.namespace}" was read at ${showVersion(version)}, committed is ${showVersion(committed?.version)}` };
      }
    }
    for (const range of set.ranges) {
      const now = await rerunRange(state, set.namespace, written, range);
      const same = now.length === range.reads.length && now.every((entry, i) => entry.key === range.reads[i]?.key && sameVersion(entry.version, range.reads[i]?.version));
      if (!same) return { code: CODE.PHANTOM_READ_CONFLICT, reason: `range ["${range.startKey}", "${range.endKey}") of "${set.namespace}" now gives other keys or versions` };
    }
  }
  return undefined;
}

/**
 * The range as it reads now: committed entries overlaid with the block's earlier valid writes
 * (a write replaces, a delete removes), in key order; when the chaincode stopped early, `endKey`
 * (the last key it saw) is included.
 */
async function rerunRange(
  state: WorldStateReader,
  namespace: string,
  written: ReadonlyMap<string, BlockWrite> | undefined,
  range: DecodedRangeRead,
): Promise<{ key: string; version: Version }[]> {
  const merged = new Map<string, Version | null>();
  for (const entry of await state.range(namespace, range.startKey, range.endKey)) merged.set(entry.key, entry.version);
  const inRange = (key: string): boolean => compareKeys(key, range.startKey) >= 0 && (range.endKey === '' || compareKeys(key, range.endKey) < 0);
  for (const [key, write] of written ?? []) if (inRange(key)) merged.set(key, write.value === null ? null : write.version);
  const entries = [...merged]
    .filter((entry): entry is [string, Version] => entry[1] !== null)
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([key, version]) => ({ key, version }));
  if (!range.itrExhausted) {
    const blockWrite = written?.get(range.endKey);
    const version = blockWrite !== undefined ? (blockWrite.value === null ? undefined : blockWrite.version) : (await state.get(namespace, range.endKey))?.version;
    if (version !== undefined) entries.push({ key: range.endKey, version });
  }
  return entries;
}

function result(candidate: Candidate, chaincodeName: string): TransactionValidation {
  const readWriteSet = candidate.action?.action.readWriteSets.find((set) => set.namespace === chaincodeName);
  const event = candidate.action?.action.event;
  return {
    txIndex: candidate.txIndex,
    txId: candidate.txId,
    code: candidate.code,
    ...(candidate.reason === undefined ? {} : { reason: candidate.reason }),
    ...(candidate.creatorMspId === undefined ? {} : { creatorMspId: candidate.creatorMspId }),
    ...(candidate.timestamp === undefined ? {} : { timestamp: candidate.timestamp }),
    ...(readWriteSet === undefined ? {} : { readWriteSet }),
    ...(event === undefined ? {} : { event }),
  };
}

function showVersion(version: Version | undefined): string {
  return version === undefined ? 'absent' : `(${version.blockNum}, ${version.txNum})`;
}
