/**
 * Idempotency keys on the gateway's writes, over the embedded peer (IETF httpapi
 * idempotency-key draft): a retry replays the first answer and writes nothing, a different
 * request under the same key is refused 422, the same key still running 409, and a retry after
 * the gateway died between recording its transaction and answering finds the transaction's
 * outcome on the ledger (or sends the very same transaction again) instead of writing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { contracts, formatCertificateId } from '@suitrust/chaincode';
import { loadSuite } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import {
  buildGateway,
  fabricLedgerClient,
  loadCallerDirectory,
  loadHolderPseudonyms,
  sqliteIdempotencyStore,
  type CallerDirectory,
  type HolderPseudonyms,
  type LedgerClient,
} from '@suitrust/gateway';
import { requestFingerprint } from '../../gateway/src/idempotency/requestFingerprint';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('idempotency keys on writes', () => {
  let gateway: TestGateway;
  let directory: string;
  let profile: ConnectionProfile;
  let ledger: LedgerClient;
  let callers: CallerDirectory;
  let pseudonyms: HolderPseudonyms;
  let app: FastifyInstance;
  const storePath = (): string => join(directory, 'gateway', 'idempotency.db');

  const headers = (name: string, key?: string): Record<string, string> => ({ ...gateway.as(name), ...(key === undefined ? {} : { 'idempotency-key': key }) });
  const notarise = (target: FastifyInstance, key: string | undefined, digest: string, extra: object = {}) =>
    target.inject({ method: 'POST', url: '/evidence', headers: headers('judge', key), payload: { algorithm: 'sm3', digest, ...extra } });
  beforeAll(async () => {
    gateway = await startTestGateway({ name: 'idempotency', gateway: ({ directory: root }) => ({ idempotency: sqliteIdempotencyStore({ path: join(root, 'gateway', 'idempotency.db') }) }) });
    ({ directory, profile, ledger, callers, pseudonyms, app } = gateway);
  }, 60_000);

  afterAll(() => gateway?.close());

  it('replays the first answer to a retry, marked as a replay, and writes once', async () => {
    const digest = digestOf('replay');
    const first = await notarise(app, 'evidence-replay-1', digest);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // A retry with the members in another order is the same request.
    const retry = await app.inject({ method: 'POST', url: '/evidence', headers: headers('judge', '"evidence-replay-1"'), payload: { digest, algorithm: 'sm3' } });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.json()).toEqual(first.json());
    // Without a key the same request is a second write, which the chaincode refuses: so the replay did not write.
    const again = await notarise(app, undefined, digest);
    expect(again.json()).toMatchObject({ status: 409, code: 'EVIDENCE_DUPLICATE' });
  });

  it('refuses the same key for a different request with 422, changing nothing', async () => {
    const first = await notarise(app, 'evidence-reuse-1', digestOf('reuse-a'));
    expect(first.statusCode).toBe(201);
    const other = await notarise(app, 'evidence-reuse-1', digestOf('reuse-b'));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ type: '/problems/IDEMPOTENCY_KEY_REUSED', code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    const read = await app.inject({ method: 'GET', url: `/evidence/sm3/${digestOf('reuse-b')}`, headers: headers('judge') });
    expect(read.json()).toMatchObject({ status: 404 });
    // Keys belong to their caller: another department may use the same one.
    const byOther = await app.inject({ method: 'POST', url: '/evidence', headers: headers('officer', 'evidence-reuse-1'), payload: { algorithm: 'sm3', digest: digestOf('reuse-b') } });
    expect(byOther.statusCode).toBe(201);
  });

  it('answers 409 to the same key while its first request is still running', async () => {
    const digest = digestOf('in-flight');
    const [one, two] = await Promise.all([notarise(app, 'evidence-flight-1', digest), notarise(app, 'evidence-flight-1', digest)]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([201, 409]);
    expect([one, two].find((response) => response.statusCode === 409)?.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_FLIGHT', field: 'Idempotency-Key' });
    const later = await notarise(app, 'evidence-flight-1', digest);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
  });

  it('documents the key and the replay mark on every write in the OpenAPI document', async () => {
    type Operation = { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const writes = Object.entries(openapi.paths).flatMap(([path, operations]) => (operations['post'] && !path.startsWith('/views') ? [[path, operations['post']] as const] : []));
    expect(writes.length).toBeGreaterThan(10);
    for (const [path, operation] of writes) {
      expect(operation.parameters, path).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))?.[1];
      expect(success?.headers, path).toHaveProperty('idempotent-replayed');
    }
  });

  it('replays a refusal too, and refuses a malformed key without writing', async () => {
    const refused = await notarise(app, 'evidence-refused-1', 'XYZ');
    expect(refused.json()).toMatchObject({ status: 400, code: 'DIGEST_FORMAT', field: 'digest' });
    const retry = await notarise(app, 'evidence-refused-1', 'XYZ');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toContain('application/problem+json');
    expect(retry.json()).toEqual(refused.json());
    for (const key of ['short', 'has space in it', 'x'.repeat(129)]) {
      const bad = await notarise(app, key, digestOf(`bad-key-${key}`));
      expect(bad.json()).toMatchObject({ status: 400, code: 'IDEMPOTENCY_KEY_FORMAT', field: 'Idempotency-Key' });
      expect((await app.inject({ method: 'GET', url: `/evidence/sm3/${digestOf(`bad-key-${key}`)}`, headers: headers('judge') })).statusCode).toBe(404);
    }
  });

  it('tells requests for different residents apart without keeping their identity numbers', async () => {
    const market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
    expect((await app.inject({ method: 'POST', url: '/certificate-types', headers: headers('admin', 'type-registration-1'), payload: { typeCode: `${market}001`, name: '营业执照', issuers: [market] } })).statusCode).toBe(201);
    const issue = (idNumber: string) => ({
      certificateId: formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'IDEM1', version: '001' }),
      holder: { idNumber },
      contentDigest: { algorithm: 'sm3', value: digestOf('certificate') },
      validFrom: '2026-01-01T00:00:00+08:00',
    });
    const first = await app.inject({ method: 'POST', url: '/certificates', headers: headers('issuer', 'issue-idem-0001'), payload: issue('11010519491231002X') });
    expect(first.statusCode).toBe(201);
    const other = await app.inject({ method: 'POST', url: '/certificates', headers: headers('issuer', 'issue-idem-0001'), payload: issue('110101199001011237') });
    expect(other.json()).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const same = await app.inject({ method: 'POST', url: '/certificates', headers: headers('issuer', 'issue-idem-0001'), payload: issue('11010519491231002X') });
    expect(same.headers['idempotent-replayed']).toBe('true');
    const stored = Buffer.concat(['', '-wal'].map((suffix) => (existsSync(storePath() + suffix) ? readFileSync(storePath() + suffix) : Buffer.alloc(0)))).toString('latin1');
    expect(stored).toContain('issue-idem-0001');
    expect(stored).not.toContain('11010519491231002X');
  });

  it('after a crash between submit and answer, a retry finds the committed transaction instead of writing again', async () => {
    const digest = digestOf('crash-after-submit');
    const judge = gateway.identity('judge');
    // What the gateway does for a keyed write, stopped dead after the submit: the key and the
    // transaction are recorded, the response never is.
    const store = sqliteIdempotencyStore({ path: storePath() });
    const fingerprint = requestFingerprint('POST', '/evidence', [JSON.stringify({ algorithm: 'sm3', digest })]);
    expect(store.claim({ caller: judge, key: 'evidence-crash-1', fingerprint, now: Date.now() })).toEqual({ kind: 'new' });
    const committed = await ledger.submit(
      { identity: judge, contract: 'evidence', transaction: 'notarise', args: [JSON.stringify({ algorithm: 'sm3', digest })] },
      { beforeSubmit: (prepared) => store.recordPrepared(judge, 'evidence-crash-1', { transactionId: prepared.transactionId, transactionBytes: prepared.bytes }) },
    );
    store.close();

    const restarted = await buildGateway({ ledger, callers, pseudonyms, idempotency: sqliteIdempotencyStore({ path: storePath() }), logger: false });
    try {
      const retry = await notarise(restarted, 'evidence-crash-1', digest);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toMatchObject({ transactionId: committed.transactionId, blockNumber: committed.blockNumber.toString(), record: { digest } });
      const replay = await notarise(restarted, 'evidence-crash-1', digest);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(retry.json());
    } finally {
      await restarted.close();
    }
  });

  it('after a crash between recording the transaction and sending it, a retry sends that same transaction, once', async () => {
    const digest = digestOf('crash-before-submit');
    const judge = gateway.identity('judge');
    const store = sqliteIdempotencyStore({ path: storePath() });
    const fingerprint = requestFingerprint('POST', '/evidence', [JSON.stringify({ algorithm: 'sm3', digest })]);
    store.claim({ caller: judge, key: 'evidence-crash-2', fingerprint, now: Date.now() });
    let recorded = '';
    const crash = new Error('the process died here');
    await expect(
      ledger.submit(
        { identity: judge, contract: 'evidence', transaction: 'notarise', args: [JSON.stringify({ algorithm: 'sm3', digest })] },
        {
          beforeSubmit: (prepared) => {
            store.recordPrepared(judge, 'evidence-crash-2', { transactionId: prepared.transactionId, transactionBytes: prepared.bytes });
            recorded = prepared.transactionId;
            throw crash;
          },
        },
      ),
    ).rejects.toBe(crash);
    store.close();
    expect((await app.inject({ method: 'GET', url: `/evidence/sm3/${digest}`, headers: headers('judge') })).statusCode).toBe(404);

    const restarted = await buildGateway({ ledger, callers, pseudonyms, idempotency: sqliteIdempotencyStore({ path: storePath() }), logger: false });
    try {
      const retry = await notarise(restarted, 'evidence-crash-2', digest);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toMatchObject({ transactionId: recorded, record: { digest } });
      const read = await restarted.inject({ method: 'GET', url: `/evidence/sm3/${digest}`, headers: headers('judge') });
      expect(read.json()).toMatchObject({ digest });
    } finally {
      await restarted.close();
    }
  });
});

describe('idempotency keys when the ledger does not answer', () => {
  let directory: string;
  let embedded: EmbeddedNetwork | undefined;
  let ledger: LedgerClient;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-idempotency-down-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0 });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    const credentialsPath = join(directory, 'gateway', 'credentials.json');
    const callers = await loadCallerDirectory(credentialsPath, profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), await loadSuite('sm'));
    app = await buildGateway({ ledger, callers, pseudonyms, idempotency: sqliteIdempotencyStore({ path: join(directory, 'gateway', 'idempotency.db') }), logger: false });
    token = (JSON.parse(readFileSync(credentialsPath, 'utf8')) as { identity: string; token: string }[]).find((entry) => entry.identity.startsWith('judge@'))?.token ?? '';
    await embedded.close();
    embedded = undefined;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    ledger?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers 503 and keeps no record of a key whose write never reached the ledger, so a retry starts afresh', async () => {
    const send = (digest: string) => app.inject({ method: 'POST', url: '/evidence', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'evidence-down-0001' }, payload: { algorithm: 'sm3', digest } });
    const first = await send(digestOf('down-a'));
    expect(first.json()).toMatchObject({ status: 503, code: 'LEDGER_UNAVAILABLE' });
    // Had the key been kept, a different request under it would be refused 422.
    const other = await send(digestOf('down-b'));
    expect(other.json()).toMatchObject({ status: 503, code: 'LEDGER_UNAVAILABLE' });
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  }, 60_000);
});
