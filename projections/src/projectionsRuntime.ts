/**
 * Runs the relay and the read models together in the background, so a read reflects a write
 * shortly after its commit, until stopped.
 */
import type { EventStore } from './eventStore/eventStore';
import type { SqliteCheckpointStore } from './eventStore/sqliteCheckpointStore';
import { ChaincodeEventRelay, type ChaincodeEventSource } from './relay/chaincodeEventRelay';
import { certificateReadModel } from './readModels/certificateReadModel';
import { evidenceReadModel } from './readModels/evidenceReadModel';
import { runReadModel, type ReadModel } from './readModels/readModelProcessor';

/** The read models `npm start` runs, and a rebuild from zero must reproduce. */
export const DEFAULT_READ_MODELS: readonly ReadModel[] = [certificateReadModel, evidenceReadModel];

/** Options of {@link startProjections}. */
export interface ProjectionsOptions {
  readonly source: ChaincodeEventSource;
  readonly chaincodeName: string;
  readonly events: EventStore;
  readonly views: SqliteCheckpointStore;
  /** The read models to run; every one by default. */
  readonly models?: readonly ReadModel[];
  /** Told of each failure; the relay resubscribes, a failed read model stops. */
  readonly onError: (error: unknown) => void;
}

/** Running projections. */
export interface RunningProjections {
  /** Stops the relay and the read models and waits for them. */
  stop(): Promise<void>;
}

/** Starts the relay and the read models. */
export function startProjections(options: Readonly<ProjectionsOptions>): RunningProjections {
  const controller = new AbortController();
  const relay = new ChaincodeEventRelay({ source: options.source, chaincodeName: options.chaincodeName, store: options.events, onError: options.onError });
  const running = [
    relay.run(controller.signal),
    ...(options.models ?? DEFAULT_READ_MODELS).map((model) =>
      runReadModel({ model, events: options.events, views: options.views, signal: controller.signal }).catch(options.onError),
    ),
  ];
  return {
    async stop() {
      controller.abort();
      await Promise.all(running);
    },
  };
}
