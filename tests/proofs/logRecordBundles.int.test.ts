/**
 * Proof bundles of transparency-log records, over HTTP from a gateway on the embedded network,
 * with each crypto suite (`sm`: SM3 log, SM2 log and receipt keys; `std`: SHA-256 and Ed25519, as
 * `npm start -- --suite std` runs): the trust list publishes the log key; a record beyond the
 * anchor is answered LOG_RECORD_NOT_ANCHORED; once anchored, an exchange report's bundle (by
 * leaf index) and bulk evidence's bundle (by its evidence proof route) verify against `GET
 * /trust` with the document, and each field tampered with, one at a time, fails the check that
 * names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { common, peer } from '@hyperledger/fabric-protos';
import { ADMIN_MSP_ID, contracts, creditCodeCheckCharacter } from '@suitrust/chaincode';
import { loadSuite, type CryptoSuite, type SuiteName } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { checkpointStores, eventStores, startProjections, type EventStore, type RunningProjections, type SqliteCheckpointStore } from '@suitrust/projections';
import { suitrust } from '@suitrust/proto';
import { verifyBundle, verifyResponseReceipt, type Verification } from '@suitrust/verifier';
import { runVerifyCommand } from '../../verifier/src/cli/verifyCommand';
import { buildGateway, profileNetworkProofs, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, loadReceiptSigner, openRecordLog, type LedgerClient, type NetworkProofs, type RecordLog } from '@suitrust/gateway';

type ProofBundle = suitrust.proofs.v1.ProofBundle;
type TrustAnchors = suitrust.proofs.v1.TrustAnchors;

const ORIGIN = 'bundles.suitrust.local/records';
const CONSUMER = `91310000MA1K00001${creditCodeCheckCharacter('91310000MA1K00001')}`;

/** Polls `read` until `done` holds of its result (the projections run in the background). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function flip(bytes: Uint8Array, at = bytes.length - 1): void {
  bytes[at] = (bytes[at] as number) ^ 0x01;
}

/** The failed checks' names. */
function failures(outcome: Verification): string[] {
  return outcome.checks.filter((check) => !check.ok).map((check) => check.name);
}

/** Rewrites the anchoring transaction's first endorsement signature, in the proof and in the block. */
function tamperEndorsement(copy: ProofBundle): void {
  const ledger = copy.ledger as suitrust.proofs.v1.LedgerProof;
  const envelope = common.Envelope.deserializeBinary(ledger.envelope);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = transaction.getActionsList()[0] as peer.TransactionAction;
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = actionPayload.getAction() as peer.ChaincodeEndorsedAction;
  const endorsement = endorsed.getEndorsementsList()[0] as peer.Endorsement;
  const signature = Uint8Array.from(endorsement.getSignature_asU8());
  flip(signature);
  endorsement.setSignature(signature);
  actionPayload.setAction(endorsed);
  action.setPayload(actionPayload.serializeBinary());
  payload.setData(transaction.serializeBinary());
  envelope.setPayload(payload.serializeBinary());
  ledger.envelope = envelope.serializeBinary();
  ledger.blockEnvelopes[ledger.txIndex] = ledger.envelope;
}

/** Changes one base64 character inside the note's signature (past the key ID), keeping its form. */
function tamperNoteSignature(copy: ProofBundle): void {
  const checkpoint = copy.log?.checkpoint as suitrust.proofs.v1.LogCheckpoint;
  const at = checkpoint.note.length - 12;
  checkpoint.note = `${checkpoint.note.slice(0, at)}${checkpoint.note[at] === 'A' ? 'B' : 'A'}${checkpoint.note.slice(at + 1)}`;
}

/** One field changed, and the check that must then fail. */
interface Tampering {
  readonly what: string;
  readonly fails: string;
  /** Alters the copy of the bundle or of the trusted list; returns another document to verify with. */
  readonly tamper: (copy: ProofBundle, list: TrustAnchors, document: Uint8Array) => Uint8Array | undefined;
}

describe.each<SuiteName>(['sm', 'std'])('log record bundles with the %s suite', (suiteName) => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let ledger: LedgerClient;
  let suite: CryptoSuite;
  let records: RecordLog;
  let proofs: NetworkProofs;
  let events: EventStore;
  let views: SqliteCheckpointStore;
  let projections: RunningProjections;
  let app: FastifyInstance;
  let tokens: Map<string, string>;
  let trust: TrustAnchors;
  const projectionErrors: unknown[] = [];
  const payload = new TextEncoder().encode('{"name":"上海某某科技有限公司","address":"浦东新区"}');
  const exhibit = new TextEncoder().encode('Exhibit 31: the delivery note as scanned on 2 June.');
  let exchangeLeaf: number;
  let exchangeBundle: ProofBundle;
  let evidenceBundle: ProofBundle;

  const as = (name: string): { authorization: string } => {
    const entry = [...tokens.entries()].find(([identity]) => identity.startsWith(`${name}@`));
    if (!entry) throw new Error(`no token for ${name}`);
    return { authorization: `Bearer ${entry[1]}` };
  };
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(who) });
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
  const decode = (json: unknown): ProofBundle => suitrust.proofs.v1.ProofBundle.fromObject(json as Record<string, unknown>);
  const copyOf = (bundle: ProofBundle): ProofBundle => suitrust.proofs.v1.ProofBundle.decode(suitrust.proofs.v1.ProofBundle.encode(bundle).finish());

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), `suitrust-log-bundles-${suiteName}-`));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    suite = await loadSuite(suiteName);
    const administrator = profile.identities.find((identity) => identity.mspId === ADMIN_MSP_ID && identity.role === 'admin')?.name ?? '';
    const auditor = profile.identities.find((identity) => identity.role === 'auditor')?.name ?? '';
    records = await openRecordLog({ directory: join(directory, 'gateway'), suite, origin: ORIGIN, ledger, administrator, anchorEveryRecords: 1_000_000, anchorEveryMs: 3_600_000, onAnchorError: (error) => projectionErrors.push(error) });
    proofs = (await profileNetworkProofs(profile, auditor, 'any')) as NetworkProofs;
    events = eventStores.sqlite(join(directory, 'events.db'));
    views = checkpointStores.sqlite(join(directory, 'views.db'));
    const callers = await loadCallerDirectory(join(directory, 'gateway', 'credentials.json'), profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), suite);
    const receipts = await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), suite);
    app = await buildGateway({ ledger, callers, pseudonyms, receipts, proofs, records, views, logger: false });
    projections = startProjections({ source: ledger.chaincodeEvents(auditor), chaincodeName: profile.chaincode, events, views, logs: [records], onError: (error) => projectionErrors.push(error) });
    tokens = new Map((JSON.parse(readFileSync(join(directory, 'gateway', 'credentials.json'), 'utf8')) as { identity: string; token: string }[]).map((entry) => [entry.identity, entry.token]));
    trust = suitrust.proofs.v1.TrustAnchors.fromObject((await app.inject({ method: 'GET', url: '/trust' })).json() as Record<string, unknown>);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await projections?.stop();
    await records?.close();
    proofs?.source.close();
    await views?.close();
    await events?.close();
    ledger?.close();
    await embedded?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('publishes the log key in the trust list: named after the origin, the suite\'s algorithm, SPKI and its fingerprint', () => {
    expect(trust.logKeys).toHaveLength(1);
    const key = trust.logKeys[0] as suitrust.proofs.v1.TrustedKey;
    expect(key).toMatchObject({ name: ORIGIN, algorithm: suite.signatureAlgorithm });
    expect(hex(key.fingerprint)).toBe(hex(suite.hash(key.publicKey)));
    const pem = suite.exportPublicKeyPem(suite.publicKeyOf(suite.importPrivateKey(readFileSync(join(directory, 'gateway', 'transparency-log.key'), 'utf8'))));
    expect(Buffer.from(key.publicKey).toString('base64')).toBe(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''));
  });

  it('answers LOG_RECORD_NOT_ANCHORED for a record no anchor covers yet, and LOG_RECORD_UNKNOWN beyond the log', async () => {
    const reports = [0, 1, 2].map((n) => ({
      authorisationId: `auth-${n}`,
      reportId: `report-${n}`,
      consumer: CONSUMER,
      resourceCode: 'RES-001',
      purpose: '企业开办',
      fields: ['name', 'address'],
      exchangedAt: '2026-06-01T08:00:00+08:00',
      payloadDigest: { algorithm: suite.hashAlgorithm, value: hex(suite.hash(payload)) },
    }));
    const reported = await app.inject({ method: 'POST', url: '/exchange-reports', headers: as('issuer'), payload: { reports } });
    expect(reported.statusCode).toBe(201);
    exchangeLeaf = (reported.json() as { records: { leafIndex: number }[] }).records[1]?.leafIndex ?? -1;
    const evidence = [exhibit, new TextEncoder().encode('Exhibit 32.')].map((document) => ({ algorithm: suite.hashAlgorithm, digest: hex(suite.hash(document)), caseReference: '(2026)沪0105民初31号' }));
    expect((await app.inject({ method: 'POST', url: '/evidence/bulk', headers: as('judge'), payload: { evidence } })).statusCode).toBe(201);

    const early = await get('auditor', `/log/records/${exchangeLeaf}/bundle`);
    expect(early.json()).toMatchObject({ status: 409, code: 'LOG_RECORD_NOT_ANCHORED', field: 'leafIndex' });
    expect(early.headers['suitrust-receipt']).toBeUndefined();
    expect((await get('auditor', '/log/records/99/bundle')).json()).toMatchObject({ status: 404, code: 'LOG_RECORD_UNKNOWN' });
    expect((await get('auditor', '/log/records/-1/bundle')).json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA' });
    expect((await app.inject({ method: 'GET', url: '/log/records/0/bundle' })).statusCode).toBe(401);
  });

  it('proves an anchored exchange report by its leaf index: the record, its inclusion, the signed checkpoint and the anchor\'s ledger proof', async () => {
    const anchored = await records.anchorNow();
    expect(anchored?.record.size).toBe(5);
    const fetched = await get('auditor', `/log/records/${exchangeLeaf}/bundle`);
    expect(fetched.statusCode).toBe(200);
    expect(verifyResponseReceipt(fetched.rawPayload, String(fetched.headers['suitrust-receipt']), trust).valid).toBe(true);
    exchangeBundle = decode(fetched.json());
    expect(exchangeBundle.claim).toMatchObject({ kind: 'exchange-report', documentDigestAlgorithm: suite.hashAlgorithm, documentDigest: hex(suite.hash(payload)) });
    expect(exchangeBundle.claim?.recordId).toMatch(/\/report-1$/);
    expect(JSON.parse(exchangeBundle.claim?.statement ?? '{}')).toMatchObject({ exchangeReported: { authorisationId: 'auth-1', reportId: 'report-1' } });
    expect(exchangeBundle.log).toMatchObject({ anchorTxId: anchored?.transactionId, checkpoint: { origin: ORIGIN, hashAlgorithm: suite.hashAlgorithm, note: anchored?.record.note } });
    expect(Number(exchangeBundle.log?.checkpoint?.size)).toBe(5);
    expect(exchangeBundle.ledger?.txId).toBe(anchored?.transactionId);
    const protobuf = await app.inject({ method: 'GET', url: `/log/records/${exchangeLeaf}/bundle`, headers: { ...as('auditor'), accept: 'application/x-protobuf' } });
    expect(protobuf.headers['content-type']).toBe('application/x-protobuf');

    const outcome = verifyBundle(exchangeBundle, { trust, document: payload });
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(outcome.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['trust.list', 'log.leaf', 'log.checkpoint.signature', 'log.checkpoint', 'log.inclusion', 'log.anchor', 'ledger.block.dataHash', 'ledger.attestation.threshold', 'claim.document', 'receipt.signature', 'receipt.digest']));
    expect(verifyBundle(suitrust.proofs.v1.ProofBundle.decode(new Uint8Array(protobuf.rawPayload)), { trust, document: payload }).valid).toBe(true);

    // The verify command reads the bundle and the trust list as served.
    writeFileSync(join(directory, 'bundle.json'), fetched.rawPayload);
    writeFileSync(join(directory, 'trust.json'), (await app.inject({ method: 'GET', url: '/trust' })).rawPayload);
    writeFileSync(join(directory, 'payload.json'), payload);
    const out: string[] = [];
    const status = await runVerifyCommand([join(directory, 'bundle.json'), '--trust', join(directory, 'trust.json'), '--file', join(directory, 'payload.json')], { out: (line) => out.push(line), err: (line) => out.push(line) });
    expect(out).toContainEqual(expect.stringMatching(/^ok {3}log\.anchor: transaction [0-9a-f]{64} anchored /));
    expect(out.at(-1)).toBe('VALID: every check holds');
    expect(status).toBe(0);
  });

  it('documents the bundle route in the OpenAPI document', async () => {
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/log/records/{leafIndex}/bundle');
  });

  it('proves bulk evidence by its evidence proof route, through the log', async () => {
    const digest = hex(suite.hash(exhibit));
    const fetched = await eventually(() => get('judge', `/evidence/${suite.hashAlgorithm}/${digest}/proof`), (response) => response.statusCode === 200);
    expect(fetched.statusCode).toBe(200);
    evidenceBundle = decode(fetched.json());
    expect(evidenceBundle.claim).toMatchObject({ kind: 'evidence', recordId: `${suite.hashAlgorithm}:${digest}`, documentDigest: digest });
    expect(Number(evidenceBundle.log?.inclusion?.leafIndex)).toBe(3);
    const outcome = verifyBundle(evidenceBundle, { trust, document: exhibit });
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(projectionErrors).toEqual([]);
    // Evidence neither notarised nor logged is still unknown.
    expect((await get('judge', `/evidence/${suite.hashAlgorithm}/${'0'.repeat(64)}/proof`)).json()).toMatchObject({ status: 404, code: 'EVIDENCE_UNKNOWN' });
  });

  const tamperings: readonly Tampering[] = [
    { what: 'a byte of the document', fails: 'claim.document', tamper: (_copy, _list, document) => { const other = Uint8Array.from(document); flip(other, 0); return other; } },
    { what: 'a byte of the leaf', fails: 'log.leaf', tamper: (copy) => void flip(copy.log!.leaf, 4) },
    { what: 'the leaf\'s last byte, inside its last text', fails: 'log.leaf', tamper: (copy) => void flip(copy.log!.leaf) },
    { what: 'a node of the inclusion path', fails: 'log.inclusion', tamper: (copy) => void flip(copy.log!.inclusion!.path[0]!) },
    { what: 'the leaf index', fails: 'log.inclusion', tamper: (copy) => void (copy.log!.inclusion!.leafIndex = Number(copy.log!.inclusion!.leafIndex) ^ 1) },
    { what: 'the checkpoint size', fails: 'log.checkpoint', tamper: (copy) => void (copy.log!.checkpoint!.size = Number(copy.log!.checkpoint!.size) + 1) },
    { what: 'the checkpoint root', fails: 'log.checkpoint', tamper: (copy) => void flip(copy.log!.checkpoint!.rootHash) },
    { what: 'the log\'s hash algorithm', fails: 'log.checkpoint', tamper: (copy) => void (copy.log!.checkpoint!.hashAlgorithm = copy.log!.checkpoint!.hashAlgorithm === 'sm3' ? 'sha256' : 'sm3') },
    { what: 'the checkpoint signature', fails: 'log.checkpoint.signature', tamper: (copy) => tamperNoteSignature(copy) },
    { what: 'the bundle\'s log key', fails: 'trust.list', tamper: (copy) => void flip(copy.trust!.logKeys[0]!.publicKey) },
    { what: 'the trusted log key', fails: 'log.checkpoint.signature', tamper: (copy, list) => {
      const spki = new Uint8Array(Buffer.from(suite.exportPublicKeyPem(suite.generateKeyPair().publicKey).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
      const other = { name: ORIGIN, algorithm: suite.signatureAlgorithm, publicKey: spki, fingerprint: suite.hash(spki) };
      list.logKeys = [suitrust.proofs.v1.TrustedKey.create(other)];
      copy.trust!.logKeys = [suitrust.proofs.v1.TrustedKey.create(other)];
    } },
    { what: 'a block header', fails: 'ledger.blockSignature.orderer', tamper: (copy) => void flip(copy.ledger!.blockHeader!.previousHash) },
    { what: 'an orderer signature', fails: 'ledger.blockSignature.orderer', tamper: (copy) => void flip(copy.ledger!.blockSignatures[0]!.signature) },
    { what: 'an endorsement signature', fails: 'ledger.endorsement[0].signature', tamper: (copy) => tamperEndorsement(copy) },
    { what: 'a CA certificate', fails: 'trust.list', tamper: (copy) => void flip(copy.trust!.certificates[0]!.der, 40) },
    { what: 'the receipt', fails: 'receipt.signature', tamper: (copy) => void flip(copy.receipt!.signature!.signature) },
    { what: 'the anchoring transaction', fails: 'log.anchor', tamper: (copy) => void (copy.log!.anchorTxId = '0'.repeat(64)) },
  ];

  for (const kind of ['exchange report', 'evidence'] as const) {
    it.each(tamperings)(`refuses the ${kind} bundle with $what changed, naming $fails`, ({ fails, tamper }) => {
      const original = kind === 'exchange report' ? exchangeBundle : evidenceBundle;
      const document = kind === 'exchange report' ? payload : exhibit;
      const copy = copyOf(original);
      const list = suitrust.proofs.v1.TrustAnchors.decode(suitrust.proofs.v1.TrustAnchors.encode(trust).finish());
      const otherDocument = tamper(copy, list, document);
      const outcome = verifyBundle(copy, { trust: list, document: otherDocument ?? document });
      expect(outcome.valid).toBe(false);
      expect(failures(outcome)).toContain(fails);
    });
  }
});
