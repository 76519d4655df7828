/**
 * `@suitrust/projections`: the event store behind one small interface (embedded SQLite by
 * default, KurrentDB in production), processor checkpoints, and, next, the relay from chaincode
 * events and the read models.
 *
 * ```ts
 * import { eventStores, eventIdFor, NO_STREAM, START } from '@suitrust/projections';
 * const store = await eventStores.fromConfiguration({ sqlitePath: '.suitrust/events.db', kurrentConnectionString: process.env.KURRENTDB_CONNECTION_STRING });
 * ```
 */
export type { AppendOptions, AppendRequest, AppendResult, EventStore, EventSubscription, ReadAllOptions, ReadStreamOptions, SubscribeToAllOptions } from './eventStore/eventStore';
export { DEFAULT_READ_ALL_MAX_COUNT } from './eventStore/eventStore';
export type { EventMetadata, EventPayload, EventToAppend, JsonPayload, RecordedEvent } from './eventStore/eventData';
export type { CheckpointStore, StoreCheckpointOptions, StoreCheckpointResult } from './eventStore/checkpointStore';
export type { ProcessingRequest, ProcessingResult, ProcessingScope, ProcessingScopes } from './eventStore/sqlite/processingScope';
export type { SqliteEventStore, SqliteEventStoreOptions } from './eventStore/sqliteEventStore';
export type { SqliteCheckpointStore } from './eventStore/sqliteCheckpointStore';
export type { EventStoreConfiguration } from './eventStore/eventStores';
export { ANY, type ActualRevision, type ExpectedRevision, NO_STREAM, STREAM_EXISTS } from './eventStore/expectedRevision';
export { BACKWARDS, type Direction, END, FORWARDS, type Position, type ReadPosition, type ReadRevision, START } from './eventStore/position';
export {
  EventStoreError,
  type EventStoreErrorCode,
  eventStoreErrorCodes,
  type EventStoreErrorOptions,
  WrongExpectedRevisionError,
  type WrongExpectedRevisionErrorOptions,
} from './eventStore/eventStoreError';
export { EVENT_ID_NAMESPACE, eventIdFor } from './eventStore/eventIdFor';
export { alreadyAppended, type AppendConflict, claimedRevisions, resolveAppendConflict } from './eventStore/appendConflict';
export * as eventStores from './eventStore/eventStores';
export * as checkpointStores from './eventStore/checkpointStores';
export { ChaincodeEventRelay, type ChaincodeEventRelayOptions, type ChaincodeEventSource, type ChaincodeEventStream, type ChaincodeEventLike } from './relay/chaincodeEventRelay';
export { domainEventAppends, streamOf, type StreamAppend } from './relay/domainEventAppends';
export { packRelayPosition, unpackRelayPosition, type RelayPosition } from './relay/relayPosition';
export { runReadModel, type ReadModel, type ReadModelRunOptions } from './readModels/readModelProcessor';
export { certificateReadModel, certificateQueries, type CertificateRow, type CertificateUseRow, type UseCountRow, type Page } from './readModels/certificateReadModel';
export { startProjections, DEFAULT_READ_MODELS, type ProjectionsOptions, type RunningProjections } from './projectionsRuntime';
export { evidenceReadModel, evidenceQueries, type EvidenceRow } from './readModels/evidenceReadModel';
