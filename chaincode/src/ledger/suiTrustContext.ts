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

/** Context of one SuiTrust transaction. */
export class SuiTrustContext extends Context {
  readonly #events: DomainEventInput[] = [];
  #caller: Caller | undefined;

  /** Looks up pilot-era credit codes accepted although their check character fails. */
  readonly isLegacyCreditCode: LegacyCreditCodeLookup = async (code) =>
    (await this.stub.getState(this.stub.createCompositeKey(STATE.legacyCreditCode, [code]))).length > 0;

  /** The transaction id. */
  get txId(): string {
    return this.stub.getTxID();
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
    const bytes = await this.stub.getState(this.key(type, ...attributes));
    return bytes.length === 0 ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as T);
  }

  /** Writes a record under its key. */
  async write(type: StateType, attributes: readonly string[], record: object): Promise<void> {
    await this.stub.putState(this.key(type, ...attributes), Buffer.from(canonicalJson(record), 'utf8'));
  }

  /** All records whose key starts with `attributes`, in key order. */
  async list<T>(type: StateType, ...attributes: string[]): Promise<T[]> {
    const records: T[] = [];
    for await (const entry of this.stub.getStateByPartialCompositeKey(type, attributes)) {
      records.push(JSON.parse(Buffer.from(entry.value).toString('utf8')) as T);
    }
    return records;
  }

  /** A record's history, oldest first, from the ledger's history index. */
  async history<T>(type: StateType, ...attributes: string[]): Promise<HistoryEntry<T>[]> {
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
    this.#events.push(event);
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
