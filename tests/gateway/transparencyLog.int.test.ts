/**
 * The transparency log end to end, over HTTP only and the embedded peer through fabric-gateway:
 * reports and bulk evidence appended with signed promises, checkpoints anchored on chain by the
 * anchor contract, a record's inclusion proof verified against the anchored checkpoint, consistency
 * between anchors, bad requests answered with problems that change nothing, and a restarted
 * gateway resuming from the chain's latest anchor; the chaincode's CheckpointAnchored events and
 * the log follower's records both reach the event store, and bulk evidence the evidence view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ADMIN_MSP_ID, contracts, creditCodeCheckCharacter } from '@suitrust/chaincode';
import { fromHex, loadSuite, type CryptoSuite } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { createMerkleHasher, parseVerifierKey, verifyCheckpoint, verifyConsistency, verifyInclusion, verifyInclusionPromise, type InclusionPromise } from '@suitrust/proofs';
import { suitrust } from '@suitrust/proto';
import { checkpointStores, eventStores, logEventIdFor, startProjections, type EventStore, type RunningProjections, type SqliteCheckpointStore } from '@suitrust/projections';
import { buildGateway, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, openRecordLog, type InclusionPromiseJson, type LedgerClient, type RecordLog } from '@suitrust/gateway';

const ORIGIN = 'test.suitrust.local/records';

/** Polls `read` until `done` holds of its result (the projections run in the background). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const CONSUMER = `91310000MA1K00001${creditCodeCheckCharacter('91310000MA1K00001')}`;
const report = (n: number) => ({
  authorisationId: `auth-${n % 2}`,
  reportId: `report-${n}`,
  consumer: CONSUMER,
  resourceCode: 'RES-001',
  purpose: '企业开办',
  fields: ['name', 'address'],
  exchangedAt: '2026-06-01T08:00:00+08:00',
});

describe('the transparency log over HTTP, anchored on the embedded peer', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let ledger: LedgerClient;
  let suite: CryptoSuite;
  let records: RecordLog;
  let app: FastifyInstance;
  let tokens: Map<string, string>;
  let administrator: string;
  let events: EventStore;
  let views: SqliteCheckpointStore;
  let projections: RunningProjections;
  const projectionErrors: unknown[] = [];

  const as = (name: string): { authorization: string } => {
    const entry = [...tokens.entries()].find(([identity]) => identity.startsWith(`${name}@`));
    if (!entry) throw new Error(`no token for ${name}`);
    return { authorization: `Bearer ${entry[1]}` };
  };
  const post = (who: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: as(who), payload });
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(who) });
  const openRecords = () =>
    openRecordLog({ directory: join(directory, 'gateway'), suite, origin: ORIGIN, ledger, administrator, anchorEveryRecords: 1_000_000, anchorEveryMs: 3_600_000, onAnchorError: (error) => { throw error; } });
  const startGateway = async () => {
    records = await openRecords();
    const callers = await loadCallerDirectory(join(directory, 'gateway', 'credentials.json'), profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), suite);
    app = await buildGateway({ ledger, callers, pseudonyms, records, views, logger: false });
    const auditor = profile.identities.find((identity) => identity.role === 'auditor')?.name ?? '';
    projections = startProjections({ source: ledger.chaincodeEvents(auditor), chaincodeName: profile.chaincode, events, views, logs: [records], onError: (error) => projectionErrors.push(error) });
  };
  const stopGateway = async () => {
    await app.close();
    await projections.stop();
    await records.close();
  };
  const hasher = () => createMerkleHasher(suite);
  const verifier = () => {
    const key = parseVerifierKey(suite, records.verifierKey);
    if (!key) throw new Error('the log published an unreadable verifier key');
    return key;
  };
  const promiseOf = (json: InclusionPromiseJson): InclusionPromise => ({
    ...json,
    leafHash: fromHex(json.leafHash),
    batch: { ...json.batch, root: fromHex(json.batch.root) },
    batchPath: json.batchPath.map(fromHex),
    signature: new Uint8Array(Buffer.from(json.signature, 'base64')),
  });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-log-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 100, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 10 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    suite = await loadSuite('sm');
    administrator = profile.identities.find((identity) => identity.mspId === ADMIN_MSP_ID && identity.role === 'admin')?.name ?? '';
    events = eventStores.sqlite(join(directory, 'events.db'));
    views = checkpointStores.sqlite(join(directory, 'views.db'));
    await startGateway();
    tokens = new Map((JSON.parse(readFileSync(join(directory, 'gateway', 'credentials.json'), 'utf8')) as { identity: string; token: string }[]).map((entry) => [entry.identity, entry.token]));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await projections?.stop();
    await records?.close();
    await views?.close();
    await events?.close();
    ledger?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('registers the log on chain at first start, with its key kept in a file only its owner reads', async () => {
    expect(statSync(join(directory, 'gateway', 'transparency-log.key')).mode & 0o077).toBe(0);
    const registered = JSON.parse(Buffer.from(await ledger.evaluate({ identity: administrator, contract: 'anchors', transaction: 'getLog', args: [ORIGIN] })).toString('utf8'));
    expect(registered).toMatchObject({ origin: ORIGIN, hashAlgorithm: 'sm3', verifierKey: records.verifierKey, registeredBy: { mspId: ADMIN_MSP_ID } });
    const checkpoint = await get('auditor', '/log/checkpoint');
    expect(checkpoint.statusCode).toBe(200);
    expect(checkpoint.json()).toMatchObject({ origin: ORIGIN, hashAlgorithm: 'sm3', verifierKey: records.verifierKey, checkpoint: { size: 0 }, anchor: null });
  });

  it('documents its routes and problem codes', async () => {
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/exchange-reports', '/evidence/bulk', '/log/checkpoint', '/log/consistency', '/log/records/{leafIndex}/proof']));
    const problems = (await app.inject({ method: 'GET', url: '/problems' })).json() as { code: string; status: number }[];
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'LOG_RECORD_NOT_ANCHORED', status: 409 }),
      expect.objectContaining({ code: 'ANCHOR_INCONSISTENT', status: 422 }),
      expect.objectContaining({ code: 'LOG_UNKNOWN', status: 404 }),
    ]));
  });

  it('appends reported exchanges at once, each with a signed promise that verifies', async () => {
    const response = await post('officer', '/exchange-reports', { reports: [report(0), report(1), { ...report(2), dataSubject: { idNumber: '11010519491231002X' } }] });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { origin: string; records: { leafIndex: number; promise: InclusionPromiseJson }[] };
    expect(body.origin).toBe(ORIGIN);
    expect(body.records.map((record) => record.leafIndex)).toEqual([0, 1, 2]);
    for (const { promise } of body.records) {
      expect(verifyInclusionPromise(hasher(), promiseOf(promise), { verifiers: [verifier()], origin: ORIGIN })).toEqual({ ok: true });
    }
    const tampered = { ...body.records[0]!.promise, leafIndex: 1 };
    expect(verifyInclusionPromise(hasher(), promiseOf(tampered), { verifiers: [verifier()], origin: ORIGIN }).ok).toBe(false);
  });

  it('appends evidence in bulk for the caller', async () => {
    const response = await post('judge', '/evidence/bulk', { evidence: [{ algorithm: 'sm3', digest: 'a1'.repeat(32), caseReference: '(2026)沪0105民初1号' }, { algorithm: 'sha256', digest: 'b2'.repeat(32) }] });
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as { records: { leafIndex: number }[] }).records.map((record) => record.leafIndex)).toEqual([3, 4]);
  });

  it('refuses bad batches whole, with a problem naming the record and field, appending nothing', async () => {
    const before = records.size;
    const wrongCheck = `${CONSUMER.slice(0, 17)}${CONSUMER.endsWith('0') ? '1' : '0'}`;
    const badCode = await post('officer', '/exchange-reports', { reports: [report(5), { ...report(6), consumer: wrongCheck }] });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()).toMatchObject({ code: 'CREDIT_CODE_CHECK', field: 'reports[1].consumer', type: '/problems/CREDIT_CODE_CHECK' });
    const badId = await post('officer', '/exchange-reports', { reports: [{ ...report(7), dataSubject: { idNumber: '110105194912310021' } }] });
    expect(badId.json()).toMatchObject({ code: 'RESIDENT_ID_CHECK', field: 'reports[0].dataSubject.idNumber' });
    expect(badId.body).not.toContain('110105194912310021');
    const provider = await post('officer', '/exchange-reports', { reports: [{ ...report(8), provider: CONSUMER }] });
    expect(provider.json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA', field: 'body.reports.0.provider' });
    const auditor = await post('auditor', '/exchange-reports', { reports: [report(9)] });
    expect(auditor.json()).toMatchObject({ status: 403, code: 'ACCESS_ROLE', field: 'role' });
    const digest = await post('judge', '/evidence/bulk', { evidence: [{ algorithm: 'sm3', digest: 'A1'.repeat(32) }] });
    expect(digest.json()).toMatchObject({ status: 400, code: 'DIGEST_FORMAT', field: 'evidence[0].digest' });
    const empty = await post('judge', '/evidence/bulk', { evidence: [] });
    expect(empty.json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA' });
    expect(records.size).toBe(before);
  });

  it('proves a record only once an anchored checkpoint covers it, then verifies it against the anchor', async () => {
    const early = await get('auditor', '/log/records/0/proof');
    expect(early.json()).toMatchObject({ status: 409, code: 'LOG_RECORD_NOT_ANCHORED', field: 'leafIndex' });
    const anchored = await records.anchorNow();
    expect(anchored?.record).toMatchObject({ origin: ORIGIN, size: 5, previous: { size: 0 } });

    const checkpoint = (await get('auditor', '/log/checkpoint')).json() as { anchor: { size: number; rootHash: string; transactionId: string; note: string } };
    expect(checkpoint.anchor).toMatchObject({ size: 5, transactionId: anchored?.transactionId });
    const proofResponse = await get('judge', '/log/records/2/proof');
    expect(proofResponse.statusCode, proofResponse.body).toBe(200);
    const proof = proofResponse.json() as { record: string; leafHash: string; inclusion: { treeSize: number; path: string[] }; checkpoint: { size: number; rootHash: string; note: string }; anchor: { transactionId: string } };
    expect(proof.anchor.transactionId).toBe(anchored?.transactionId);
    // What a verifier does offline: the note with the log's key, then the path to the note's root.
    const opened = verifyCheckpoint(proof.checkpoint.note, { verifiers: [verifier()], origin: ORIGIN });
    if (!opened.ok) throw new Error(opened.message);
    const leaf = new Uint8Array(Buffer.from(proof.record, 'base64'));
    expect(verifyInclusion(hasher(), { leafIndex: 2, treeSize: proof.inclusion.treeSize, leafHash: hasher().leafHash(leaf), path: proof.inclusion.path.map(fromHex), root: opened.checkpoint.root })).toEqual({ ok: true });
    const decoded = suitrust.events.v1.LogRecord.decode(leaf);
    expect(decoded.exchangeReported).toMatchObject({ reportId: 'report-2', consumer: CONSUMER, dataSubject: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(decoded.submitter).toMatchObject({ mspId: ADMIN_MSP_ID, role: 'officer' });
    expect(Buffer.from(leaf).toString('utf8')).not.toContain('11010519491231002X');

    const beyond = await get('auditor', '/log/records/5/proof');
    expect(beyond.json()).toMatchObject({ status: 404, code: 'LOG_RECORD_UNKNOWN' });
  });

  it('answers consistency between any two sizes and refuses sizes out of order or beyond the log', async () => {
    await post('officer', '/exchange-reports', { reports: [report(10), report(11), report(12)] });
    const second = await records.anchorNow();
    expect(second?.record).toMatchObject({ size: 8, previous: { size: 5 } });
    const response = await get('auditor', '/log/consistency?from=5&to=8');
    const body = response.json() as { proof: string[] };
    expect(verifyConsistency(hasher(), { firstSize: 5, secondSize: 8, firstRoot: fromHex(second?.record.previous.rootHash ?? ''), secondRoot: fromHex(second?.record.rootHash ?? ''), proof: body.proof.map(fromHex) })).toEqual({ ok: true });
    expect((await get('auditor', '/log/consistency?from=6&to=5')).json()).toMatchObject({ status: 400, code: 'LOG_RANGE', field: 'from' });
    expect((await get('auditor', '/log/consistency?from=1&to=99')).json()).toMatchObject({ status: 400, code: 'LOG_RANGE', field: 'to' });
    expect((await get('auditor', '/log/consistency?from=-1')).json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA' });
    expect((await get('auditor', '/log/records/abc/proof')).json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA' });
    expect(await records.anchorNow()).toBeUndefined();
  });

  it('resumes after a restart from the anchor on chain, with the same registered key', async () => {
    await stopGateway();
    await startGateway();
    expect(records.size).toBe(8);
    await post('officer', '/exchange-reports', { reports: [report(13)] });
    const third = await records.anchorNow();
    expect(third?.record).toMatchObject({ size: 9, previous: { size: 8 } });
    const history = JSON.parse(Buffer.from(await ledger.evaluate({ identity: administrator, contract: 'anchors', transaction: 'anchorHistory', args: [ORIGIN] })).toString('utf8')) as { size: number }[];
    expect(history.map((anchor) => anchor.size)).toEqual([5, 8, 9]);
  });

  it('refuses to start over a data directory whose log key is not the one registered for the origin', async () => {
    const other = openRecordLog({ directory: join(directory, 'other-key'), suite, origin: ORIGIN, ledger, administrator, onAnchorError: () => undefined });
    await expect(other).rejects.toThrow(/another sm3 key/);
    const message = await other.catch((error: Error) => error.message);
    expect(message).not.toContain(readFileSync(join(directory, 'other-key', 'transparency-log.key'), 'utf8').split('\n')[1]);
  });

  it('relays the anchors from the chain and the records from the log into the event store', async () => {
    const anchors = await eventually(async () => events.readStream(`transparency-log-${ORIGIN}`), (stream) => stream.length === 4);
    expect(anchors.map((event) => event.type)).toEqual(['transparencyLogRegistered', 'checkpointAnchored', 'checkpointAnchored', 'checkpointAnchored']);
    // Protobuf defaults are omitted from event data, as for every chaincode event: previous size 0.
    expect(anchors[1]?.data).toEqual({ origin: ORIGIN, size: 5, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/), previousRootHash: expect.stringMatching(/^[0-9a-f]{64}$/), note: expect.stringContaining(`${ORIGIN}\n5\n`) });
    expect(anchors[3]?.data).toMatchObject({ size: 9, previousSize: 8 });

    const reported = await eventually(async () => events.readStream('reported-exchange-auth-1'), (stream) => stream.length === 3);
    expect(reported.map((event) => (event.data as { reportId: string }).reportId)).toEqual(['report-1', 'report-11', 'report-13']);
    expect(reported[0]).toMatchObject({ id: logEventIdFor(ORIGIN, 1), type: 'exchangeReported', metadata: { origin: ORIGIN, leafIndex: 1, submitterMsp: ADMIN_MSP_ID } });
    expect(projectionErrors).toEqual([]);
  });

  it('shows bulk evidence in the evidence view, by case, with where in the log to prove it', async () => {
    const view = await eventually(
      async () => (await get('judge', `/views/evidence?caseReference=${encodeURIComponent('(2026)沪0105民初1号')}`)).json() as { items: { leafIndex: number | null }[] },
      (body) => (body.items ?? []).length > 0,
    );
    expect(view.items).toEqual([expect.objectContaining({ algorithm: 'sm3', digest: 'a1'.repeat(32), submitterMsp: 'InternetCourtMSP', transactionId: '', logOrigin: ORIGIN, leafIndex: 3 })]);
  });

  it('anchors by itself once enough records wait, with what it was told of failures', async () => {
    const failures: unknown[] = [];
    const own = await openRecordLog({ directory: join(directory, 'batched'), suite, origin: `${ORIGIN}-batched`, ledger, administrator, anchorEveryRecords: 3, anchorEveryMs: 3_600_000, onAnchorError: (error) => failures.push(error) });
    try {
      const caller = { identity: administrator, mspId: ADMIN_MSP_ID, role: 'admin', department: profile.identities[0]?.dept ?? '' };
      await own.append(caller, [{ evidenceLogged: { algorithm: 'sm3', digest: 'c3'.repeat(32), caseReference: '', source: '', method: '', witness: '', metadata: [] } }]);
      await own.append(caller, [1, 2].map((n) => ({ evidenceLogged: { algorithm: 'sm3' as const, digest: `${n}`.repeat(64), caseReference: '', source: '', method: '', witness: '', metadata: [] } })));
      await expect.poll(async () => (await own.latestAnchor())?.size, { timeout: 20_000, interval: 100 }).toBe(3);
      expect(failures).toEqual([]);
    } finally {
      await own.close();
    }
    await expect(own.append({ identity: administrator, mspId: ADMIN_MSP_ID, role: 'admin', department: '' }, [])).rejects.toMatchObject({ code: 'LOG_UNAVAILABLE', status: 503 });
  });
});
