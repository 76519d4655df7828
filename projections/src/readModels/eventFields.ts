/**
 * Reading the fields of a stored event's JSON data: protobuf's JSON form leaves default values
 * out (an empty string, 0, an empty list), and timestamps are `{ seconds, nanos }`, so each read
 * names its default once here instead of at every use.
 */
import type { RecordedEvent } from '../eventStore/eventData';

/** A timestamp as the event schema's Timestamp message reads back as JSON. */
interface TimestampJson {
  readonly seconds?: number | string;
  readonly nanos?: number;
}

/** Typed reads of one event's data and metadata. */
export interface EventFields {
  /** A text field; `''` when absent. */
  text(name: string): string;
  /** A count field; 0 when absent. */
  count(name: string): number;
  /** A list of texts; empty when absent. */
  texts(name: string): string[];
  /** A timestamp field as canonical ISO 8601, or `undefined` when absent. */
  instant(name: string): string | undefined;
  /** A nested message's fields. */
  nested(name: string): EventFields;
  /** A metadata entry as text; `''` when absent. */
  meta(name: string): string;
}

/** The fields of `event`. */
export function eventFields(event: RecordedEvent): EventFields {
  const data = (event.data instanceof Uint8Array ? {} : event.data) as Readonly<Record<string, unknown>>;
  return fieldsOf(data, event.metadata ?? {});
}

function fieldsOf(data: Readonly<Record<string, unknown>>, metadata: Readonly<Record<string, unknown>>): EventFields {
  return {
    text: (name) => (typeof data[name] === 'string' ? data[name] : ''),
    count: (name) => (typeof data[name] === 'number' && Number.isFinite(data[name]) ? data[name] : 0),
    texts: (name) => (Array.isArray(data[name]) ? (data[name] as unknown[]).filter((item): item is string => typeof item === 'string') : []),
    instant: (name) => instantOf(data[name] as TimestampJson | undefined),
    nested: (name) => fieldsOf(typeof data[name] === 'object' && data[name] !== null ? (data[name] as Record<string, unknown>) : {}, metadata),
    meta: (name) => (metadata[name] === undefined || metadata[name] === null ? '' : String(metadata[name])),
  };
}

function instantOf(timestamp: TimestampJson | undefined): string | undefined {
  if (typeof timestamp !== 'object' || timestamp === null) return undefined;
  const seconds = Number(timestamp.seconds ?? 0);
  const ms = seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}
