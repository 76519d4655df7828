/**
 * C2SP tlog-checkpoint for both suites: the note text is exactly origin, decimal size and base64
 * root; signed checkpoints verify with the log's key, and each way to be wrong has its reason.
 */
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from './base64';
import { formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint';
import { signNote } from './signedNote';
import { createNoteSigner, createNoteVerifier } from './suiteNoteKeys';

const ORIGIN = 'suitrust.example/exchanges';
const root = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

describe('checkpoint text', () => {
  it('is origin, size and root lines, with optional extension lines', () => {
    expect(formatCheckpoint({ origin: ORIGIN, size: 20852163, root })).toBe(`${ORIGIN}\n20852163\n${encodeBase64(root)}\n`);
    expect(formatCheckpoint({ origin: ORIGIN, size: 0, root, extensions: ['ext one'] })).toBe(`${ORIGIN}\n0\n${encodeBase64(root)}\next one\n`);
    expect(parseCheckpoint(`${ORIGIN}\n20852163\n${encodeBase64(root)}\n`)).toEqual({ ok: true, checkpoint: { origin: ORIGIN, size: 20852163, root } });
    expect(parseCheckpoint(`${ORIGIN}\n5\n${encodeBase64(root)}\nx\ny\n`)).toMatchObject({ ok: true, checkpoint: { size: 5, extensions: ['x', 'y'] } });
  });

  it.each([
    ['two lines', `${ORIGIN}\n5\n`, 'expected origin, size and root'],
    ['an empty origin', `\n5\n${encodeBase64(root)}\n`, 'line 1'],
    ['a leading zero', `${ORIGIN}\n05\n${encodeBase64(root)}\n`, 'line 2'],
    ['a signed size', `${ORIGIN}\n+5\n${encodeBase64(root)}\n`, 'line 2'],
    ['a size above 2^53', `${ORIGIN}\n9007199254740993\n${encodeBase64(root)}\n`, 'line 2'],
    ['a short root', `${ORIGIN}\n5\n${encodeBase64(root.subarray(1))}\n`, 'line 3'],
    ['unpadded base64', `${ORIGIN}\n5\n${encodeBase64(root).replace('=', '')}\n`, 'line 3'],
    ['an empty extension line', `${ORIGIN}\n5\n${encodeBase64(root)}\n\nx\n`, 'line 4'],
    ['no final newline', `${ORIGIN}\n5\n${encodeBase64(root)}`, 'newline'],
  ])('refuses %s', (_, text, where) => {
    expect(parseCheckpoint(text)).toMatchObject({ ok: false, reason: 'MALFORMED_CHECKPOINT', message: expect.stringContaining(where) });
  });

  it('refuses to format what it could not parse back', () => {
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: ORIGIN, size: -1, root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: ORIGIN, size: 1.5, root })).toThrow(RangeError);
    expect(() => formatCheckpoint({ origin: ORIGIN, size: 1, root, extensions: [''] })).toThrow(RangeError);
  });
});

describe.each(['sm', 'std'] as const)('signed checkpoints: %s suite', (name: SuiteName) => {
  const setUp = async () => {
    const suite = await loadSuite(name);
    const { privateKey, publicKey } = suite.generateKeyPair();
    return { suite, signer: createNoteSigner({ suite, name: ORIGIN, privateKey }), verifier: createNoteVerifier({ suite, name: ORIGIN, publicKey }) };
  };

  it('verifies with the log key and returns the checkpoint', async () => {
    const { signer, verifier } = await setUp();
    const note = signCheckpoint({ origin: ORIGIN, size: 1234, root }, [signer]);
    expect(note.startsWith(`${ORIGIN}\n1234\n${encodeBase64(root)}\n\n\u2014 ${ORIGIN} `)).toBe(true);
    expect(verifyCheckpoint(note, { verifiers: [verifier], origin: ORIGIN })).toEqual({
      ok: true,
      checkpoint: { origin: ORIGIN, size: 1234, root },
      verified: [expect.objectContaining({ name: ORIGIN, keyId: verifier.keyId })],
    });
  });

  it('names the check that failed', async () => {
    const { suite, signer, verifier } = await setUp();
    const note = signCheckpoint({ origin: ORIGIN, size: 1234, root }, [signer]);
    expect(verifyCheckpoint(note.replace('\n1234\n', '\n1235\n'), { verifiers: [verifier] })).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
    expect(verifyCheckpoint(note, { verifiers: [verifier], origin: 'suitrust.example/other' })).toMatchObject({ ok: false, reason: 'ORIGIN_MISMATCH' });
    const stranger = createNoteVerifier({ suite, name: ORIGIN, publicKey: suite.generateKeyPair().publicKey });
    expect(verifyCheckpoint(note, { verifiers: [stranger] })).toMatchObject({ ok: false, reason: 'NO_TRUSTED_SIGNATURE' });
    expect(verifyCheckpoint(note, { verifiers: [verifier], hashLength: 48 })).toMatchObject({ ok: false, reason: 'MALFORMED_CHECKPOINT' });
    // A well-signed note that is no checkpoint.
    expect(verifyCheckpoint(signNote(`${ORIGIN}\nsize\n`, [signer]), { verifiers: [verifier] })).toMatchObject({ ok: false, reason: 'MALFORMED_CHECKPOINT' });
    expect(verifyCheckpoint(note.replace('\n\n', '\n'), { verifiers: [verifier] })).toMatchObject({ ok: false, reason: 'MALFORMED_NOTE' });
  });
});
