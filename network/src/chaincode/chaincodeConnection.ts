/**
 * The peer's side of the chaincode protocol (Fabric `core/chaincode/handler.go`): accepts a
 * chaincode's REGISTER, sends REGISTERED and READY, drives TRANSACTION messages, and answers
 * the chaincode's state requests from the transaction's {@link TxSimulator}.
 */
import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { MessageStream } from './messageStream';
import type { TxSimulator } from '../ledger/txSimulator';
import type { StateEntry } from '../ledger/worldState';

const Type = peer.ChaincodeMessage.Type;
/** Results per QueryResponse page, as the peer's `internalQueryLimit` pages them. */
const PAGE_SIZE = 100;

/** What the chaincode answered to one transaction. */
export interface ChaincodeResult {
  readonly status: number;
  readonly message: string;
  readonly payload: Uint8Array;
  /** The transaction's chaincode event, if it set one. */
  readonly event?: { readonly name: string; readonly payload: Uint8Array };
}

/** One transaction to execute. */
export interface ChaincodeInvocation {
  readonly channelId: string;
  readonly txId: string;
  readonly signedProposal: peer.SignedProposal;
  readonly input: peer.ChaincodeInput;
  readonly simulator: TxSimulator;
}

interface Running {
  readonly simulator: TxSimulator;
  readonly resolve: (result: ChaincodeResult) => void;
  readonly reject: (error: Error) => void;
  readonly iterators: Map<string, { entries: readonly QueryItem[]; position: number }>;
  nextIterator: number;
}

type QueryItem = { kind: 'kv'; entry: StateEntry } | { kind: 'history'; bytes: Uint8Array };

/** A registered chaincode, reached over one message stream. */
export class ChaincodeConnection {
  readonly #stream: MessageStream;
  readonly #running = new Map<string, Running>();
  readonly #registered: Promise<string>;

  /**
   * Starts serving a chaincode's stream; resolves {@link ChaincodeConnection.registered} once the
   * chaincode has registered and been told it is ready.
   */
  constructor(stream: MessageStream) {
    this.#stream = stream;
    this.#registered = new Promise((resolve, reject) => {
      stream.on('data', (message) => {
        if (message.getType() === Type.REGISTER) {
          const id = peer.ChaincodeID.deserializeBinary(message.getPayload_asU8());
          this.#send(Type.REGISTERED, new Uint8Array(), '', '');
          this.#send(Type.READY, new Uint8Array(), '', '');
          resolve(id.getName());
          return;
        }
        void this.#onMessage(message);
      });
      stream.on('end', () => {
        reject(new Error('the chaincode stream ended before registration'));
        this.#failAll(new Error('the chaincode stream ended'));
      });
      stream.on('error', (error) => this.#failAll(error ?? new Error('the chaincode stream failed')));
    });
  }

  /** The chaincode's name (its package id), once it has registered. */
  get registered(): Promise<string> {
    return this.#registered;
  }

  /** Executes one transaction in the chaincode and returns its response and event. */
  execute(invocation: ChaincodeInvocation): Promise<ChaincodeResult> {
    const context = contextId(invocation.channelId, invocation.txId);
    if (this.#running.has(context)) return Promise.reject(new Error(`transaction ${invocation.txId} is already executing`));
    return new Promise((resolve, reject) => {
      this.#running.set(context, { simulator: invocation.simulator, resolve, reject, iterators: new Map(), nextIterator: 0 });
      const message = new peer.ChaincodeMessage();
      message.setType(Type.TRANSACTION);
      message.setPayload(invocation.input.serializeBinary());
      message.setTxid(invocation.txId);
      message.setChannelId(invocation.channelId);
      message.setProposal(invocation.signedProposal);
      this.#stream.write(message);
    });
  }

  /** Closes the stream. */
  close(): void {
    this.#stream.end();
  }

  async #onMessage(message: peer.ChaincodeMessage): Promise<void> {
    const txId = message.getTxid();
    const channelId = message.getChannelId();
    const running = this.#running.get(contextId(channelId, txId));
    if (!running) return;
    const type = message.getType();
    if (type === Type.COMPLETED || type === Type.ERROR) {
      this.#running.delete(contextId(channelId, txId));
      if (type === Type.ERROR) {
        running.resolve({ status: 500, message: Buffer.from(message.getPayload_asU8()).toString('utf8'), payload: new Uint8Array() });
        return;
      }
      const response = peer.Response.deserializeBinary(message.getPayload_asU8());
      const event = message.getChaincodeEvent();
      running.resolve({
        status: response.getStatus(),
        message: response.getMessage(),
        payload: response.getPayload_asU8(),
        ...(event && event.getEventName() !== '' ? { event: { name: event.getEventName(), payload: event.getPayload_asU8() } } : {}),
      });
      return;
    }
    try {
      const payload = await this.#answer(running, type, message.getPayload_asU8());
      this.#send(Type.RESPONSE, payload, txId, channelId);
    } catch (error) {
      this.#send(Type.ERROR, Buffer.from(error instanceof Error ? error.message : String(error)), txId, channelId);
    }
  }

  async #answer(running: Running, type: number, payload: Uint8Array): Promise<Uint8Array> {
    const simulator = running.simulator;
    switch (type) {
      case Type.GET_STATE: {
        const request = peer.GetState.deserializeBinary(payload);
        noPrivateData(request.getCollection());
        return simulator.getState(request.getKey());
      }
      case Type.PUT_STATE: {
        const request = peer.PutState.deserializeBinary(payload);
        noPrivateData(request.getCollection());
        simulator.putState(request.getKey(), request.getValue_asU8());
        return new Uint8Array();
      }
      case Type.DEL_STATE: {
        const request = peer.DelState.deserializeBinary(payload);
        noPrivateData(request.getCollection());
        simulator.deleteState(request.getKey());
        return new Uint8Array();
      }
      case Type.GET_STATE_BY_RANGE: {
        const request = peer.GetStateByRange.deserializeBinary(payload);
        noPrivateData(request.getCollection());
        const entries = await simulator.getStateByRange(request.getStartkey(), request.getEndkey());
        return this.#openIterator(running, entries.map((entry) => ({ kind: 'kv', entry })));
      }
      case Type.GET_HISTORY_FOR_KEY: {
        const request = peer.GetHistoryForKey.deserializeBinary(payload);
        const modifications = await simulator.getHistoryForKey(request.getKey());
        return this.#openIterator(
          running,
          modifications.map((modification) => {
            const item = new ledger.queryresult.KeyModification();
            item.setTxId(modification.txId);
            item.setValue(modification.value);
            item.setIsDelete(modification.isDelete);
            const timestamp = new Timestamp();
            timestamp.setSeconds(modification.timestamp.seconds);
            timestamp.setNanos(modification.timestamp.nanos);
            item.setTimestamp(timestamp);
            return { kind: 'history', bytes: item.serializeBinary() };
          }),
        );
      }
      case Type.QUERY_STATE_NEXT: {
        const id = peer.QueryStateNext.deserializeBinary(payload).getId();
        return this.#page(running, id);
      }
      case Type.QUERY_STATE_CLOSE: {
        const id = peer.QueryStateClose.deserializeBinary(payload).getId();
        running.iterators.delete(id);
        const response = new peer.QueryResponse();
        response.setId(id);
        response.setHasMore(false);
        return response.serializeBinary();
      }
      default:
        throw new Error(`the embedded peer does not support chaincode message type ${type}`);
    }
  }

  #openIterator(running: Running, entries: readonly QueryItem[]): Uint8Array {
    const id = String(running.nextIterator++);
    running.iterators.set(id, { entries, position: 0 });
    return this.#page(running, id);
  }

  #page(running: Running, id: string): Uint8Array {
    const iterator = running.iterators.get(id);
    if (!iterator) throw new Error(`no query iterator ${id}`);
    const page = iterator.entries.slice(iterator.position, iterator.position + PAGE_SIZE);
    iterator.position += page.length;
    const response = new peer.QueryResponse();
    response.setId(id);
    response.setHasMore(iterator.position < iterator.entries.length);
    response.setResultsList(
      page.map((item) => {
        const result = new peer.QueryResultBytes();
        if (item.kind === 'kv') {
          const kv = new ledger.queryresult.KV();
          kv.setNamespace('');
          kv.setKey(item.entry.key);
          kv.setValue(item.entry.value);
          result.setResultbytes(kv.serializeBinary());
        } else {
          result.setResultbytes(item.bytes);
        }
        return result;
      }),
    );
    return response.serializeBinary();
  }

  #send(type: number, payload: Uint8Array, txId: string, channelId: string): void {
    const message = new peer.ChaincodeMessage();
    message.setType(type as peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap]);
    message.setPayload(payload);
    message.setTxid(txId);
    message.setChannelId(channelId);
    this.#stream.write(message);
  }

  #failAll(error: Error): void {
    for (const running of this.#running.values()) running.reject(error);
    this.#running.clear();
  }
}

function contextId(channelId: string, txId: string): string {
  return `${channelId}\u0000${txId}`;
}

function noPrivateData(collection: string): void {
  if (collection !== '') throw new Error('private data collections are not supported by the embedded peer');
}
