/**
 * The error family: names, codes and fields; and the README documents exactly the codes there are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventStoreError, eventStoreErrorCodes, WrongExpectedRevisionError } from './eventStoreError';
import { NO_STREAM } from './expectedRevision';

describe('EventStoreError', () => {
  it('carries a stable code, the stream and the cause', () => {
    const cause = new Error('socket closed');
    const error = new EventStoreError('unreachable', { code: 'EVENT_STORE_UNAVAILABLE', stream: 's-1', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'EventStoreError', code: 'EVENT_STORE_UNAVAILABLE', stream: 's-1', cause });
  });

  it('has a subclass for wrong expected revisions with both revisions', () => {
    const error = new WrongExpectedRevisionError({ stream: 's-1', expectedRevision: NO_STREAM, actualRevision: 4n });
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', code: 'EVENT_STORE_WRONG_EXPECTED_REVISION', stream: 's-1', expectedRevision: 'no_stream', actualRevision: 4n });
    expect(error.message).toBe('stream "s-1": expected revision no_stream, actual 4');
  });

  it('has every code documented in the README, and no other', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const documented = new Set(readme.match(/\bEVENT_STORE_[A-Z_]+\b/g));
    expect([...documented].sort()).toEqual([...eventStoreErrorCodes].sort());
  });
});
