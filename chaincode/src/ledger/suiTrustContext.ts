/**
 * The transaction context every SuiTrust contract receives: the caller, the transaction's own
 * time (never the clock), typed record access through one serialiser, and the domain events the
 * transaction emits, sent as one protobuf batch when it ends.
 */
import { Context } from 'fabric-contract-api';
import { suitrust } from '@suitrust/proto';
import { canonicalJson } from './canonicalJson';
import { STATE, type StateType } from './stateKeys';
import { requireAdministrator, requireCaller, type Caller, type Role } from './access';
import { formatInstant } from '../rules/time';
import type { LegacyCreditCodeLookup } from '../rules/request';

/** A domain event before it is numbered within its batch. */
export type DomainEventInput = Omit<suitrust.events.v1.IDomainEvent, 'index'>;

/** One entry of a record's history, as the ledger's history index holds it. */
export interface HistoryEntry<T> {
  readonly txId: string;
  readonly at: string;
  readonly deleted: boolean;
  readonly record?: T;
}

/**
 * Writes and events of a batch transaction (see BatchContract): each item's are held apart until
 * the item succeeds, so a refused item changes nothing, and later items read earlier items'
 * writes, which Fabric's own simulation would not show them.
 */
interface BatchState {
  /** Writes of the items that succeeded, by key. */
  readonly staged: Map<string, Buffer>;
  /** The current item's position, writes and events. */
  item: number;
  itemWrites: Map<string, Buffer>;
  itemEvents: DomainEventInput[];
}

/** Context of one SuiTrust transaction. */
export class SuiTrustContext extends Context {
  readonly #events: DomainEventInput[] = [];
  #caller: Caller | undefined;
  #batch: BatchState | undefined;

  /** Looks up pilot-era credit codes accepted although their check character fails. */
  readonly isLegacyCreditCode: LegacyCreditCodeLookup = async (code) =>
    (await this.stub.getState(this.stub.createCompositeKey(STATE.legacyCreditCode, [code]))).length > 0;

  /** The transaction id. */
  get txId(): string {
    return this.stub.getTxID();
  }

  /**
   * The id of this operation: the transaction id, or inside a batch the transaction id and the
   * item's position (`<txId>.<n>`), for records keyed per operation.
   */
  get operationId(): string {
    return this.#batch === undefined ? this.txId : `${this.txId}.${this.#batch.item}`;
  }

  /** The transaction's timestamp from its channel header, in ms since the epoch. */
  get txTimeMs(): number {
    const { seconds, nanos } = this.stub.getTxTimestamp();
    return seconds.toNumber() * 1000 + Math.floor(nanos / 1_000_000);
  }

  /** The transaction's timestamp, canonical ISO 8601 UTC. */
  get txTime(): string {
    return formatInstant(this.txTimeMs);
  }

  /** The caller as the last access check established it. */
  get caller(): Caller | undefined {
    return this.#caller;
  }

  /**
   * Establishes the caller, refusing unless its role is one of `roles`.
   * @throws {Refusal} ACCESS_ROLE or ACCESS_DEPARTMENT
   */
  async requireRole(...roles: readonly Role[]): Promise<Caller> {
    this.#caller = await requireCaller(this, roles, this.isLegacyCreditCode);
    return this.#caller;
  }

  /**
   * Establishes the caller, refusing unless it is an administrator of the administrator organisation.
   * @throws {Refusal} ACCESS_ADMIN_ORGANISATION, ACCESS_ROLE or ACCESS_DEPARTMENT
   */
  async requireAdministrator(): Promise<Caller> {
    this.#caller = await requireAdministrator(this, this.isLegacyCreditCode);
    return this.#caller;
  }

  /** The composite key of a record. */
  key(type: StateType, ...attributes: string[]): string {
    return this.stub.createCompositeKey(type, attributes);
  }

  /** A record, or `undefined` when the key holds none. */
  async read<T>(type: StateType, ...attributes: string[]): Promise<T | undefined> {
    const key = this.key(type, ...attributes);
    const batched = this.#batch?.itemWrites.get(key) ?? this.#batch?.staged.get(key);
    const bytes = batched ?? (await this.stub.getState(key));
    return bytes.length === 0 ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as T);
  }

  /** Writes a record under its key. */
  async write(type: StateType, attributes: readonly string[], record: object): Promise<void> {
    const key = this.key(type, ...attributes);
    const bytes = Buffer.from(canonicalJson(record), 'utf8');
    if (this.#batch === undefined) await this.stub.putState(key, bytes);
    else this.#batch.itemWrites.set(key, bytes);
  }

  /** All records whose key starts with `attributes`, in key order. */
  async list<T>(type: StateType, ...attributes: string[]): Promise<T[]> {
    this.#refuseInBatch('list');
    const records: T[] = [];
    for await (const entry of this.stub.getStateByPartialCompositeKey(type, attributes)) {
      records.push(JSON.parse(Buffer.from(entry.value).toString('utf8')) as T);
    }
    return records;
  }

  /** A record's history, oldest first, from the ledger's history index. */
  async history<T>(type: StateType, ...attributes: string[]): Promise<HistoryEntry<T>[]> {
    this.#refuseInBatch('history');
    const entries: HistoryEntry<T>[] = [];
    for await (const modification of this.stub.getHistoryForKey(this.key(type, ...attributes))) {
      const seconds = Number(modification.timestamp.seconds);
      const at = formatInstant(seconds * 1000 + Math.floor(modification.timestamp.nanos / 1_000_000));
      const entry: HistoryEntry<T> = { txId: modification.txId, at, deleted: modification.isDelete };
      entries.push(
        modification.isDelete ? entry : { ...entry, record: JSON.parse(Buffer.from(modification.value).toString('utf8')) as T },
      );
    }
    // Fabric returns newest first; a reader follows a record from its beginning.
    return entries.reverse();
  }

  /** Adds a domain event to this transaction's batch. */
  emit(event: DomainEventInput): void {
    (this.#batch?.itemEvents ?? this.#events).push(event);
  }

  /**
   * Runs `operation` as item `item` of a batch transaction: its writes and events count only if
   * it returns; a throw (a refusal) discards them and is rethrown.
   */
  async batchItem<T>(item: number, operation: () => Promise<T>): Promise<T> {
    this.#batch ??= { staged: new Map(), item, itemWrites: new Map(), itemEvents: [] };
    const batch = this.#batch;
    batch.item = item;
    batch.itemWrites = new Map();
    batch.itemEvents = [];
    const result = await operation();
    for (const [key, bytes] of batch.itemWrites) batch.staged.set(key, bytes);
    this.#events.push(...batch.itemEvents);
    return result;
  }

  /** Writes what the batch's successful items wrote, in key order, and leaves batch mode. */
  async commitBatch(): Promise<void> {
    const batch = this.#batch;
    this.#batch = undefined;
    if (batch === undefined) return;
    for (const key of [...batch.staged.keys()].sort()) await this.stub.putState(key, batch.staged.get(key) as Buffer);
  }

  /** Range reads and history would not see the batch's own writes: batchable operations use neither. */
  #refuseInBatch(what: string): void {
    if (this.#batch !== undefined) throw new Error(`${what} is not available to an operation inside a batch`);
  }

  /** The batch of this transaction's events, or `undefined` when it emitted none. */
  eventBatch(functionName: string): Uint8Array | undefined {
    if (this.#events.length === 0) return undefined;
    const { seconds, nanos } = this.stub.getTxTimestamp();
    const caller = this.#caller;
    const batch = suitrust.events.v1.EventBatch.create({
      schemaVersion: 1,
      channelId: this.stub.getChannelID(),
      txId: this.txId,
      txTime: { seconds: seconds.toNumber(), nanos },
      submitter: caller && { mspId: caller.mspId, department: caller.department, role: caller.role },
      function: functionName,
      events: this.#events.map((event, index) => ({ ...event, index })),
    });
    return suitrust.events.v1.EventBatch.encode(batch).finish();
  }
}
