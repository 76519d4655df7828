/**
 * Event conversion to and from the KurrentDB client's shapes, with the real client's helpers
 * (no server needed).
 */
import { describe, expect, it } from 'vitest';
import { fromKurrentEvent, toKurrentEvent } from './kurrentEvents';
import { kurrentFault } from './kurrentFault';
import { loadKurrentClient } from './loadKurrentClient';

describe('KurrentDB event conversion', () => {
  it('sends bytes as binary events and JSON as JSON events, ids unchanged', async () => {
    const api = await loadKurrentClient();
    const binary = toKurrentEvent(api, { id: '2ed6657d-e927-568b-95e1-2665a8aea6a2', type: 'Bytes', data: new Uint8Array([1, 2]) });
    expect(binary).toMatchObject({ id: '2ed6657d-e927-568b-95e1-2665a8aea6a2', type: 'Bytes', contentType: 'application/octet-stream' });
    const json = toKurrentEvent(api, { id: '4c735d77-e415-575c-ae17-4def05d66970', type: 'Json', data: { a: 1 }, metadata: { txId: 't' } });
    expect(json).toMatchObject({ id: '4c735d77-e415-575c-ae17-4def05d66970', contentType: 'application/json', data: { a: 1 } });
  });

  it('reads recorded events back, bytes as plain Uint8Array, positions packed', () => {
    const created = new Date();
    const event = fromKurrentEvent({
      streamId: 's-1',
      id: 'b365c6ce-1036-507f-964f-25946c5243f3',
      revision: 3n,
      type: 'Bytes',
      isJson: false,
      data: Buffer.from([7, 8]),
      metadata: { txId: 't' },
      created,
      position: { commit: 10n, prepare: 9n },
    });
    expect(event).toEqual({ stream: 's-1', revision: 3n, position: 10n * 2n ** 64n + 9n, id: 'b365c6ce-1036-507f-964f-25946c5243f3', type: 'Bytes', data: new Uint8Array([7, 8]), metadata: { txId: 't' }, created });
    expect(Object.getPrototypeOf(event.data)).toBe(Uint8Array.prototype);
  });

  it('maps the client errors by their tags', async () => {
    const api = await loadKurrentClient();
    expect(kurrentFault(new api.UnavailableError())).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    expect(kurrentFault(api.MaxAppendSizeExceededError.fromMaxAppendSize(1024), 's-1')).toMatchObject({ code: 'EVENT_STORE_APPEND_TOO_LARGE', stream: 's-1' });
    expect(kurrentFault(api.StreamDeletedError.fromStreamName('s-1'))).toMatchObject({ code: 'EVENT_STORE_STREAM_DELETED' });
    expect(kurrentFault(new Error('other'))).toMatchObject({ code: 'EVENT_STORE_FAILURE' });
  });
});
