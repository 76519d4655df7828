/**
 * Tiny argument checks shared by every store, so both reject the same inputs with the same code
 * (`EVENT_STORE_INVALID_ARGUMENT`) and a message naming the argument and the value.
 */
import type { EventToAppend } from './eventData';
import type { AppendRequest } from './eventStore';
import { EventStoreError } from './eventStoreError';
import { ANY, type ExpectedRevision, NO_STREAM, STREAM_EXISTS } from './expectedRevision';
import { BACKWARDS, type Direction, END, FORWARDS, type Position, type ReadPosition, type ReadRevision, START } from './position';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_PROCESSOR_ID_LENGTH = 200;

function invalid(message: string, stream?: string): EventStoreError {
  return new EventStoreError(message, { code: 'EVENT_STORE_INVALID_ARGUMENT', stream });
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : `${typeof value} ${String(value)}`;
}

function isPlainJson(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Asserts a stream name: a non-empty string not starting with `$` (KurrentDB's system streams).
 * @param stream - the argument.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` otherwise.
 */
export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || stream.length === 0 || stream.startsWith('$')) {
    throw invalid(`stream: expected a non-empty name not starting with "$", got ${describe(stream)}`);
  }
}

/**
 * Asserts the events of one append: at least one; each with a canonical lower-case UUID id
 * (distinct within the append), a non-empty type not starting with `$`, bytes or a JSON
 * object/array as data, and a JSON object or nothing as metadata.
 * @param stream - the stream appended to, quoted in messages.
 * @param events - the argument.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` otherwise.
 */
export function assertEvents(stream: string, events: unknown): asserts events is readonly EventToAppend[] {
  if (!Array.isArray(events) || events.length === 0) throw invalid(`events: expected a non-empty array, got ${describe(events)}`, stream);
  const ids = new Set<string>();
  events.forEach((event: unknown, index) => {
    const at = `events[${index}]`;
    if (typeof event !== 'object' || event === null) throw invalid(`${at}: expected an event, got ${describe(event)}`, stream);
    const { id, type, data, metadata } = event as Record<string, unknown>;
    if (typeof id !== 'string' || !UUID.test(id)) throw invalid(`${at}.id: expected a lower-case UUID, got ${describe(id)}`, stream);
    if (ids.has(id)) throw invalid(`${at}.id: ${id} appears twice in one append`, stream);
    ids.add(id);
    if (typeof type !== 'string' || type.length === 0 || type.startsWith('$')) {
      throw invalid(`${at}.type: expected a non-empty type not starting with "$", got ${describe(type)}`, stream);
    }
    if (!(data instanceof Uint8Array) && !isPlainJson(data)) throw invalid(`${at}.data: expected Uint8Array or a JSON object or array, got ${describe(data)}`, stream);
    if (metadata !== undefined && (!isPlainJson(metadata) || Array.isArray(metadata))) {
      throw invalid(`${at}.metadata: expected a JSON object or undefined, got ${describe(metadata)}`, stream);
    }
  });
}

/**
 * Asserts an expected revision, `ANY` when absent.
 * @param value - the argument.
 * @param stream - the stream appended to, quoted in messages.
 * @returns the expected revision.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for anything but the constants or a bigint ≥ 0.
 */
export function expectedRevisionArgument(value: unknown, stream: string): ExpectedRevision {
  if (value === undefined) return ANY;
  if (value === ANY || value === NO_STREAM || value === STREAM_EXISTS) return value;
  if (typeof value === 'bigint' && value >= 0n) return value;
  throw invalid(`expectedRevision: expected NO_STREAM, STREAM_EXISTS, ANY or a bigint ≥ 0, got ${describe(value)}`, stream);
}

/**
 * Asserts a count, `fallback` when absent.
 * @param name - the argument's name.
 * @param value - the argument.
 * @param fallback - the value when absent.
 * @returns the count.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` unless an integer ≥ 1.
 */
export function countArgument(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  throw invalid(`${name}: expected an integer ≥ 1, got ${describe(value)}`);
}

/**
 * Asserts a global read bound, `START` when absent.
 * @param value - the argument.
 * @returns the bound.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` unless `START`, `END` or a bigint ≥ 0.
 */
export function readPositionArgument(value: unknown): ReadPosition {
  if (value === undefined) return START;
  if (value === START || value === END) return value;
  if (typeof value === 'bigint' && value >= 0n) return value;
  throw invalid(`fromPosition: expected START, END or a bigint ≥ 0, got ${describe(value)}`);
}

/**
 * Asserts a stream read's bounds.
 * @param fromRevision - the argument; `START` forwards or `END` backwards when absent.
 * @param direction - the argument; `FORWARDS` when absent.
 * @returns both, defaults applied.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for a bad revision or direction.
 */
export function readStreamBounds(fromRevision: unknown, direction: unknown): { fromRevision: ReadRevision; direction: Direction } {
  const checkedDirection = direction ?? FORWARDS;
  if (checkedDirection !== FORWARDS && checkedDirection !== BACKWARDS) throw invalid(`direction: expected FORWARDS or BACKWARDS, got ${describe(direction)}`);
  if (fromRevision === undefined) return { fromRevision: checkedDirection === FORWARDS ? START : END, direction: checkedDirection };
  if (fromRevision === START || fromRevision === END || (typeof fromRevision === 'bigint' && fromRevision >= 0n)) {
    return { fromRevision, direction: checkedDirection };
  }
  throw invalid(`fromRevision: expected START, END or a bigint ≥ 0, got ${describe(fromRevision)}`);
}

/**
 * Asserts a processor id: a non-empty string of at most 200 characters.
 * @param processorId - the argument.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` otherwise.
 */
export function assertProcessorId(processorId: unknown): asserts processorId is string {
  if (typeof processorId !== 'string' || processorId.length === 0 || processorId.length > MAX_PROCESSOR_ID_LENGTH) {
    throw invalid(`processorId: expected a non-empty string of at most ${MAX_PROCESSOR_ID_LENGTH} characters, got ${describe(processorId)}`);
  }
}

/**
 * Asserts a checkpoint position.
 * @param name - the argument's name.
 * @param value - the argument.
 * @returns the position.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` unless a bigint ≥ 0.
 */
export function positionArgument(name: string, value: unknown): Position {
  if (typeof value === 'bigint' && value >= 0n) return value;
  throw invalid(`${name}: expected a bigint ≥ 0, got ${describe(value)}`);
}

/**
 * Asserts the expected checkpoint of a compare-and-set.
 * @param options - the options argument, holding `expected`.
 * @returns the expected position, or `null` for "none stored".
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` unless `expected` is `null` or a bigint ≥ 0.
 */
export function expectedCheckpointArgument(options: unknown): Position | null {
  const expected: unknown = typeof options === 'object' && options !== null ? (options as { expected?: unknown }).expected : undefined;
  if (expected === null) return null;
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  throw invalid(`options.expected: expected a bigint ≥ 0 or null (no checkpoint yet), got ${describe(expected)}`);
}

/** An append whose arguments were checked, its expected revision defaulted. */
export interface CheckedAppend {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

/**
 * Checks one append (of `appendToStream`, or one request of `appendMany`).
 * @param request - stream, events and expected revision.
 * @returns the checked append, `ANY` when no expected revision was given.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for any malformed part.
 */
export function appendArgument(request: AppendRequest): CheckedAppend {
  if (typeof request !== 'object' || request === null) throw invalid(`request: expected { stream, events, expectedRevision }, got ${describe(request)}`);
  const { stream, events } = request;
  assertStreamName(stream);
  assertEvents(stream, events);
  return { stream, events, expectedRevision: expectedRevisionArgument(request.expectedRevision, stream) };
}

/**
 * Checks the requests of `appendMany`.
 * @param requests - the argument.
 * @returns the checked appends.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` unless an array of valid requests.
 */
export function appendManyArgument(requests: unknown): CheckedAppend[] {
  if (!Array.isArray(requests)) throw invalid(`requests: expected an array, got ${describe(requests)}`);
  return requests.map((request: AppendRequest) => appendArgument(request));
}
