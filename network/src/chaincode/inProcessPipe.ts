import { EventEmitter } from 'node:events';
import type { peer } from '@hyperledger/fabric-protos';
import type { MessageStream } from './messageStream';

class PipeEnd extends EventEmitter implements MessageStream {
  other: PipeEnd | undefined;
  #ended = false;

  write(message: peer.ChaincodeMessage): void {
    // Delivered on a later turn, as a network stream would, so neither side re-enters the other.
    const other = this.other;
    if (!this.#ended && other) setImmediate(() => other.emit('data', message));
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const other = this.other;
    if (other) setImmediate(() => other.emit('end'));
  }
}

/**
 * Two connected message streams: what one side writes, the other receives. Messages cross as
 * the protobuf objects themselves, exactly as the gRPC stream hands them over after decoding.
 */
export function inProcessPipe(): [MessageStream, MessageStream] {
  const a = new PipeEnd();
  const b = new PipeEnd();
  a.other = b;
  b.other = a;
  return [a, b];
}
