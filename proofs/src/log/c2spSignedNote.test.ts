/**
 * C2SP signed notes: the Ed25519 example of Go's reference implementation reproduced byte for
 * byte (test/fixtures/go-sumdb-note.json), then one behaviour table for both suites (Ed25519 and
 * SM2 keys): round trips, the spec's rules on unknown and failing keys, malformed notes.
 */
import { readFileSync } from 'node:fs';
import { loadSuite, type CryptoSuite, type SuiteName } from '@suitrust/crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64';
import { MAX_NOTE_SIGNATURES, noteKeyId, openNote, signNote } from './signedNote';
import { createNoteSigner, createNoteVerifier, formatVerifierKey, NOTE_SIGNATURE_TYPES, parseVerifierKey } from './suiteNoteKeys';

const go = JSON.parse(readFileSync(new URL('../../test/fixtures/go-sumdb-note.json', import.meta.url), 'utf8')) as {
  verifierKey: string;
  signerKey: string;
  text: string;
  signatureLine: string;
};

describe('signed note: Go reference example (Ed25519)', () => {
  const note = `${go.text}\n${go.signatureLine}`;
  const seed = (): Uint8Array => {
    // PRIVATE+KEY+<name>+<key ID>+<base64(type ‖ seed)>; the base64 may itself hold "+".
    const typed = decodeBase64(go.signerKey.split('+').slice(4).join('+')) as Uint8Array;
    expect(typed[0]).toBe(0x01);
    return typed.slice(1);
  };

  it('reads the verifier key and opens the note', async () => {
    const suite = await loadSuite('std');
    const verifier = parseVerifierKey(suite, go.verifierKey);
    expect(verifier).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(openNote(note, [verifier!])).toMatchObject({ ok: true, text: go.text, verified: [{ name: 'PeterNeumann', keyId: 0xc74f20a3 }] });
    expect(openNote(new TextEncoder().encode(note), [verifier!])).toMatchObject({ ok: true, text: go.text });
    expect(formatVerifierKey(verifier!)).toBe(go.verifierKey);
  });

  it('signs the text into the same signature line', async () => {
    const suite = await loadSuite('std');
    const signer = createNoteSigner({ suite, name: 'PeterNeumann', privateKey: seed() });
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(formatVerifierKey(signer)).toBe(go.verifierKey);
    expect(signNote(go.text, [signer])).toBe(note);
  });

  it('refuses the note with one character of its text changed', async () => {
    const verifier = parseVerifierKey(await loadSuite('std'), go.verifierKey)!;
    expect(openNote(note.replace('cryptography', 'cryptographY'), [verifier])).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
  });

  it('refuses mangled verifier keys', async () => {
    const suite = await loadSuite('std');
    for (const bad of [go.verifierKey.slice(1), go.verifierKey.replace('c74f20a3', 'c74f20a4'), go.verifierKey.replace('+A', '+B'), `${go.verifierKey}+`, 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW']) {
      expect(parseVerifierKey(suite, bad)).toBeUndefined();
    }
    // An Ed25519 key is not an SM2 key.
    expect(parseVerifierKey(await loadSuite('sm'), go.verifierKey)).toBeUndefined();
  });
});

describe.each(['sm', 'std'] as const)('signed note behaviour: %s suite', (name: SuiteName) => {
  const TEXT = 'suitrust.example/exchanges\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
  const keys = async (keyName = 'suitrust.example/exchanges') => {
    const suite: CryptoSuite = await loadSuite(name);
    const { privateKey, publicKey } = suite.generateKeyPair();
    return { suite, signer: createNoteSigner({ suite, name: keyName, privateKey }), verifier: createNoteVerifier({ suite, name: keyName, publicKey }) };
  };

  it('derives the key ID from name, signature type and public key', async () => {
    const { suite, signer, verifier } = await keys();
    const type = NOTE_SIGNATURE_TYPES[suite.signatureAlgorithm];
    expect(type[0]).toBe(name === 'std' ? 0x01 : 0xff);
    expect(signer.keyId).toBe(noteKeyId('suitrust.example/exchanges', type, signer.publicKey));
    expect(verifier.keyId).toBe(signer.keyId);
    expect(parseVerifierKey(suite, formatVerifierKey(verifier))).toMatchObject({ name: verifier.name, keyId: verifier.keyId, publicKey: verifier.publicKey });
  });

  it('round-trips and verifies with several signers, ignoring unknown ones', async () => {
    const a = await keys('a.example/log');
    const b = await keys('b.example/witness');
    const note = signNote(TEXT, [a.signer, b.signer]);
    expect(note.split('\n').filter((line) => line.startsWith('\u2014 '))).toHaveLength(2);
    expect(openNote(note, [a.verifier])).toMatchObject({ ok: true, text: TEXT, verified: [{ name: 'a.example/log' }], unverified: [{ name: 'b.example/witness' }] });
    expect(openNote(note, [a.verifier, b.verifier])).toMatchObject({ ok: true, verified: [{ name: 'a.example/log' }, { name: 'b.example/witness' }] });
  });

  it('ignores a signature whose name or key ID alone matches a trusted key', async () => {
    const trusted = await keys('a.example/log');
    const sameName = await keys('a.example/log');
    const note = signNote(TEXT, [sameName.signer]);
    expect(openNote(note, [trusted.verifier])).toMatchObject({ ok: false, reason: 'NO_TRUSTED_SIGNATURE' });
  });

  it('rejects the whole note when a trusted key\'s signature fails', async () => {
    const a = await keys('a.example/log');
    const b = await keys('b.example/log');
    const note = signNote(TEXT, [a.signer, b.signer]);
    const lines = note.split('\n');
    const forged = signNote('other text\n', [b.signer]).split('\n').at(-2) as string;
    const tampered = [...lines.slice(0, -2), forged, ''].join('\n');
    expect(openNote(tampered, [a.verifier])).toMatchObject({ ok: true });
    expect(openNote(tampered, [a.verifier, b.verifier])).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
  });

  it('refuses malformed notes with MALFORMED_NOTE', async () => {
    const { signer, verifier } = await keys();
    const note = signNote(TEXT, [signer]);
    const line = note.split('\n').at(-2) as string;
    const malformed = [
      note.replace('\n\n', '\n'), // no blank line
      note.slice(0, -1), // last line without newline
      note.replace('exchanges\n12', 'exchanges\t\n12'), // a control character
      note.replace('\u2014 ', '-- '), // not an em dash
      note.replace(line, `${line}=`), // not canonical base64
      note.replace(line, '\u2014 suitrust.example/exchanges AAAA'), // 3 bytes: no room for key ID and signature
      note.replace(line, `${line.replace('suitrust.example/exchanges', 'bad+name')}`), // "+" in a key name
    ];
    for (const bad of malformed) expect(openNote(bad, [verifier])).toMatchObject({ ok: false, reason: 'MALFORMED_NOTE' });
    expect(openNote(Uint8Array.of(...new TextEncoder().encode(TEXT), 0xff, 0x0a, 0x0a), [verifier])).toMatchObject({ ok: false, reason: 'MALFORMED_NOTE' });
  });

  it('caps the number of signature lines', async () => {
    const { signer, verifier } = await keys();
    const line = signNote(TEXT, [signer]).split('\n').at(-2) as string;
    const many = `${TEXT}\n${`${line}\n`.repeat(MAX_NOTE_SIGNATURES + 1)}`;
    expect(openNote(many, [verifier])).toMatchObject({ ok: false, reason: 'TOO_MANY_SIGNATURES' });
  });

  it('refuses to sign text the format cannot carry', async () => {
    const { suite, signer } = await keys();
    expect(() => signNote('no final newline', [signer])).toThrow(RangeError);
    expect(() => signNote('a\u0000b\n', [signer])).toThrow(RangeError);
    expect(() => signNote(TEXT, [])).toThrow(RangeError);
    expect(() => createNoteSigner({ suite, name: 'has space', privateKey: suite.generateKeyPair().privateKey })).toThrow(RangeError);
  });
});
