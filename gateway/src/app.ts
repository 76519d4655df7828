/**
 * The SuiTrust HTTP gateway (fastify): problem details for every failure, callers (bearer tokens
 * or mutual TLS) acting as their own department's Fabric identity, idempotency keys on writes,
 * one structured log line per request, the OpenAPI document generated from the
 * route schemas (served at `/openapi.json`, with a UI at `/docs`), operations endpoints, and one
 * plugin per resource.
 */
import fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { CallerDirectory } from './auth/callerCredentials';
import type { ClientCertificateCallers } from './auth/clientCertificateCallers';
import type { LedgerClient } from './ledger/ledgerClient';
import type { HolderPseudonyms } from './pseudonyms/holderPseudonyms';
import { authentication } from './plugins/authentication';
import { operations } from './plugins/operations';
import { frameworkErrorProblem, problemDetails } from './plugins/problemDetails';
import { idempotency } from './plugins/idempotency';
import { requestLog, requestIdOf } from './plugins/requestLog';
import type { IdempotencyStore } from './idempotency/idempotencyStore';
import { sqliteIdempotencyStore } from './idempotency/sqliteIdempotencyStore';
import { authorisationRoutes } from './routes/authorisationRoutes';
import { certificateRoutes } from './routes/certificateRoutes';
import { creditRoutes } from './routes/creditRoutes';
import { evidenceRoutes } from './routes/evidenceRoutes';
import { registryRoutes } from './routes/registryRoutes';
import { certificateViewRoutes } from './routes/certificateViewRoutes';
import { evidenceViewRoutes } from './routes/evidenceViewRoutes';
import { dataSharingViewRoutes } from './routes/dataSharingViewRoutes';
import { creditViewRoutes } from './routes/creditViewRoutes';
import type { SqliteCheckpointStore } from '@suitrust/projections';
import type { RecordLog } from './transparency/recordLog';
import { transparencyLogRoutes } from './routes/transparencyLogRoutes';

/** HTTPS, and optionally mutual TLS, for the gateway's listener. */
export interface GatewayTls {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** The CA whose client certificates are accepted; without it, no client certificate is asked for. */
  readonly clientCaPem?: string;
  /** Which department each accepted client certificate's subject stands for. */
  readonly clientCertificates?: ClientCertificateCallers;
}
import { suitrust } from '@suitrust/proto';
import type { LedgerProofSource } from './proofs/ledgerProofSource';
import type { ReceiptSigner } from './receipts/receiptSigner';
import { receipts } from './plugins/receipts';
import { proofRoutes } from './routes/proofRoutes';
import { trustRoute } from './routes/trustRoute';
import { logBundles } from './proofs/logBundles';
import { logBundleRoutes } from './routes/logBundleRoutes';
import { builtVerifyPageDirectory, verifyPageRoutes } from './routes/verifyPageRoutes';

/** Options of {@link buildGateway}. */
export interface GatewayOptions {
  readonly ledger: LedgerClient;
  readonly callers: CallerDirectory;
  readonly pseudonyms: HolderPseudonyms;
  /** The read models' database; without it the view routes are not served. */
  readonly views?: SqliteCheckpointStore;
  /** The transparency log of reported exchanges and bulk evidence; without it the log routes are not served. */
  readonly records?: RecordLog;
  /** Serve HTTPS (and accept client certificates) instead of plain HTTP. */
  readonly tls?: GatewayTls;
  /**
   * Where idempotency keys are recorded: a file in the data directory in production (so a retry
   * after a crash finds its key); an in-memory SQLite store when omitted.
   */
  readonly idempotency?: IdempotencyStore;
  /** Signs a receipt of every successful write and bundle (the `SuiTrust-Receipt` header); without it none. */
  readonly receipts?: ReceiptSigner;
  /** Ledger proofs and the channel's trust anchors; without them `/trust` and the proof routes are not served. */
  readonly proofs?: { readonly source: LedgerProofSource; readonly channelTrust: suitrust.proofs.v1.ITrustAnchors };
  /** The built verification page's folder; `@suitrust/verifier`'s `dist/page` by default, not served when absent. */
  readonly verifyPage?: string;
  /** fastify's logger option; structured JSON logs by default, silent in tests. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Builds the gateway application (not yet listening). */
export async function buildGateway(options: Readonly<GatewayOptions>): Promise<FastifyInstance> {
  const tls = options.tls;
  const app = fastify({
    ...(tls
      ? {
          // Any client certificate passes the handshake; authentication answers an untrusted one with a problem.
          https: { cert: tls.certificatePem, key: tls.privateKeyPem, ...(tls.clientCaPem ? { ca: tls.clientCaPem, requestCert: true, rejectUnauthorized: false } : {}) },
        }
      : {}),
    logger: options.logger ?? { level: 'info', redact: ['req.headers.authorization'] },
    // One line per request, written by the requestLog plugin, in place of fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // A client's plain X-Request-Id, or a fresh UUID: unique across restarts, as receipts name the request they answer.
    genReqId: requestIdOf,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorProblem,
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
  });
  await app.register(problemDetails);
  await app.register(requestLog);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'SuiTrust gateway', version: '0.1.0', description: 'Certificates, data-sharing authorisations, credit and evidence on a Fabric ledger. Failures are RFC 9457 problem details; see /problems.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await app.register(authentication, { directory: options.callers, ...(tls?.clientCertificates ? { certificates: tls.clientCertificates } : {}) });
  if (options.receipts) await app.register(receipts, { signer: options.receipts });
  await app.register(operations, { ledger: options.ledger });
  await app.register(idempotency, { ledger: options.ledger, store: options.idempotency ?? sqliteIdempotencyStore({ path: ':memory:' }) });
  await app.register(registryRoutes, { ledger: options.ledger });
  await app.register(certificateRoutes, { ledger: options.ledger, pseudonyms: options.pseudonyms });
  await app.register(authorisationRoutes, { ledger: options.ledger, pseudonyms: options.pseudonyms });
  await app.register(creditRoutes, { ledger: options.ledger });
  await app.register(evidenceRoutes, { ledger: options.ledger });
  if (options.records) await app.register(transparencyLogRoutes, { records: options.records, pseudonyms: options.pseudonyms });
  if (options.proofs) {
    const trust = suitrust.proofs.v1.TrustAnchors.create({ ...options.proofs.channelTrust, receiptKeys: options.receipts ? [options.receipts.key] : [], logKeys: options.records ? [options.records.trustedKey] : [] });
    const records = options.records ? logBundles({ records: options.records, proofs: options.proofs.source, trust, ...(options.views ? { views: options.views } : {}) }) : undefined;
    await app.register(trustRoute, { trust });
    await app.register(proofRoutes, { ledger: options.ledger, proofs: options.proofs.source, trust, ...(options.receipts ? { receipts: options.receipts } : {}), ...(records ? { logBundles: records } : {}) });
    if (records) await app.register(logBundleRoutes, { bundles: records, ...(options.receipts ? { receipts: options.receipts } : {}) });
  }
  verifyPageRoutes(app, { directory: options.verifyPage ?? builtVerifyPageDirectory() });
  if (options.views) {
    await app.register(certificateViewRoutes, { views: options.views, pseudonyms: options.pseudonyms });
    await app.register(evidenceViewRoutes, { views: options.views });
    await app.register(dataSharingViewRoutes, { views: options.views, pseudonyms: options.pseudonyms });
    await app.register(creditViewRoutes, { views: options.views });
  }
  return app;
}
