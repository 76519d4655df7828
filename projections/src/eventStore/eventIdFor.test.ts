/**
 * Event ids are RFC 9562 version-5 UUIDs: checked against the RFC's own example (Appendix A.4)
 * and against ids computed independently with Python's `uuid.uuid5` (values below).
 */
import { describe, expect, it } from 'vitest';
import { EVENT_ID_NAMESPACE, eventIdFor, uuidV5 } from './eventIdFor';

const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('eventIdFor', () => {
  it('computes RFC 9562 Appendix A.4: UUIDv5 of www.example.com in the DNS namespace', () => {
    expect(uuidV5(NAMESPACE_DNS, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('uses the namespace derived from urn:suitrust:event-id in the URL namespace', () => {
    expect(uuidV5(NAMESPACE_URL, 'urn:suitrust:event-id')).toBe(EVENT_ID_NAMESPACE);
  });

  // python3 -c "import uuid; ns = uuid.UUID('734ea03d-82ee-55b4-aa06-646d290d1458'); print(uuid.uuid5(ns, f'{tx}:{i}'))"
  it.each([
    ['a1b2c3', 0, '4c735d77-e415-575c-ae17-4def05d66970'],
    ['a1b2c3', 1, 'b365c6ce-1036-507f-964f-25946c5243f3'],
    ['3f6c1c2d9e0b4a7f8e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f', 0, '2d2eba8a-986d-5733-b300-b0a492c449b0'],
    ['3f6c1c2d9e0b4a7f8e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f', 41, 'f03c20d6-7153-51e4-a8b7-e4d82318a825'],
    ['交易', 7, 'de96764f-478d-56c3-ace0-2e27ea72d7d7'],
  ])('eventIdFor(%j, %i) = %s, as Python computes it', (transactionId, index, expected) => {
    expect(eventIdFor(transactionId, index)).toBe(expected);
  });

  it('is deterministic and distinct per (transaction, index)', () => {
    const ids = new Set<string>();
    for (const tx of ['tx1', 'tx2', 'tx1:0']) for (let i = 0; i < 100; i++) ids.add(eventIdFor(tx, i));
    expect(ids.size).toBe(300);
    expect(eventIdFor('tx1', 5)).toBe(eventIdFor('tx1', 5));
  });

  it('refuses an empty transaction id or a bad index', () => {
    for (const [tx, index] of [['', 0], ['tx', -1], ['tx', 1.5], ['tx', Number.NaN]] as const) {
      expect(() => eventIdFor(tx, index)).toThrow(expect.objectContaining({ code: 'EVENT_STORE_INVALID_ARGUMENT' }));
    }
    expect(() => uuidV5('NOT-A-UUID', 'x')).toThrow(expect.objectContaining({ code: 'EVENT_STORE_INVALID_ARGUMENT' }));
  });
});
