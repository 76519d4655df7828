/** Request fingerprints: member order does not matter, any change of meaning does. */
import { describe, expect, it } from 'vitest';
import { requestFingerprint } from './requestFingerprint';

describe('requestFingerprint', () => {
  const args = [JSON.stringify({ algorithm: 'sm3', digest: 'ab', provenance: { source: 's', method: 'm' } })];

  it('is the same for the same arguments in another member order', () => {
    const reordered = [JSON.stringify({ provenance: { method: 'm', source: 's' }, digest: 'ab', algorithm: 'sm3' })];
    expect(requestFingerprint('POST', '/evidence', reordered)).toBe(requestFingerprint('POST', '/evidence', args));
    expect(requestFingerprint('POST', '/evidence', args)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the method, the path or an argument differs', () => {
    const base = requestFingerprint('POST', '/evidence', args);
    expect(requestFingerprint('PUT', '/evidence', args)).not.toBe(base);
    expect(requestFingerprint('POST', '/evidence?x=1', args)).not.toBe(base);
    expect(requestFingerprint('POST', '/evidence', [JSON.stringify({ algorithm: 'sm3', digest: 'ac', provenance: { source: 's', method: 'm' } })])).not.toBe(base);
    // A text argument and the JSON string of the same text are different arguments.
    expect(requestFingerprint('POST', '/x', ['"a"'])).not.toBe(requestFingerprint('POST', '/x', ['a']));
  });
});
