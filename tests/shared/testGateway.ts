/**
 * The gateway as the HTTP tests use it: an embedded network on a free port, the gateway over it
 * with the network's callers and a fresh pseudonym key, and — when asked — the transparency log
 * and the projections beside it as `npm start` runs them. One temporary directory holds it all
 * and goes with `close()`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { contracts } from '@suitrust/chaincode';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { checkpointStores, eventStores, startProjections, type RunningProjections, type SqliteCheckpointStore, type SqliteEventStore } from '@suitrust/projections';
import {
  buildGateway,
  fabricLedgerClient,
  loadCallerDirectory,
  loadHolderPseudonyms,
  loadReceiptSigner,
  openRecordLog,
  profileNetworkProofs,
  type CallerDirectory,
  type GatewayOptions,
  type HolderPseudonyms,
  type LedgerClient,
  type NetworkProofs,
  type RecordLog,
} from '@suitrust/gateway';

/** What a test asks of its gateway. */
export interface TestGatewayOptions {
  /** Prefix of the temporary directory. */
  readonly name: string;
  /** The suite of pseudonyms and the log; `sm` by default. */
  readonly suite?: SuiteName;
  /** Wraps the Fabric ledger client (e.g. in group commit). */
  readonly ledger?: (fabric: LedgerClient) => LedgerClient;
  /** Runs the relay and the read models, and serves the views. */
  readonly projections?: boolean;
  /** Opens the transparency log (and, with projections, follows it). */
  readonly records?: boolean;
  /** Signs receipts and serves proof bundles and the trust list, every organisation's peer witnessing. */
  readonly proofs?: boolean;
  /** The orderer's batch timeout; 10 ms by default. */
  readonly batchTimeoutMs?: number;
  /** More gateway options, given the parts already made. */
  readonly gateway?: (parts: { readonly directory: string; readonly profile: ConnectionProfile }) => Partial<GatewayOptions> | Promise<Partial<GatewayOptions>>;
}

/** A running test gateway. */
export interface TestGateway {
  readonly directory: string;
  readonly embedded: EmbeddedNetwork;
  readonly profile: ConnectionProfile;
  readonly ledger: LedgerClient;
  readonly callers: CallerDirectory;
  readonly pseudonyms: HolderPseudonyms;
  readonly app: FastifyInstance;
  readonly events: SqliteEventStore | undefined;
  readonly views: SqliteCheckpointStore | undefined;
  readonly records: RecordLog | undefined;
  readonly proofs: NetworkProofs | undefined;
  /** The profile identity whose name starts with `<name>@` (or with `name` when it holds an `@`). */
  identity(name: string): string;
  /** The department (credit code) of that identity. */
  department(name: string): string;
  /** Its bearer token. */
  token(name: string): string;
  /** Its `Authorization` header. */
  as(name: string): { authorization: string };
  get(who: string, url: string): Promise<LightMyRequestResponse>;
  post(who: string, url: string, payload: object): Promise<LightMyRequestResponse>;
  /** Polls `request` until `done` holds of its JSON body (the projections run in the background); the last body. */
  eventually<T>(request: () => Promise<LightMyRequestResponse>, done: (body: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Stops everything and removes the directory. */
  close(): Promise<void>;
}

/**
 * Starts the embedded network and the gateway over it.
 * @param options - what to run beside the gateway
 * @returns the running parts and request helpers
 */
export async function startTestGateway(options: Readonly<TestGatewayOptions>): Promise<TestGateway> {
  const directory = mkdtempSync(join(tmpdir(), `suitrust-${options.name}-`));
  const embedded = await startEmbeddedNetwork({
    directory: join(directory, 'network'),
    contracts,
    port: 0,
    limits: { maxMessageCount: 100, preferredMaxBytes: 512 * 1024, batchTimeoutMs: options.batchTimeoutMs ?? 10 },
  });
  const profile = await readConnectionProfile(embedded.connectionProfilePath);
  const fabric = fabricLedgerClient({ profile });
  const ledger = options.ledger ? options.ledger(fabric) : fabric;
  const suite = await loadSuite(options.suite ?? 'sm');
  const credentialsPath = join(directory, 'gateway', 'credentials.json');
  const callers = await loadCallerDirectory(credentialsPath, profile);
  const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), suite);
  const identity = (name: string): string => {
    const prefix = name.includes('@') ? name : `${name}@`;
    const found = profile.identities.find((candidate) => candidate.name.startsWith(prefix));
    if (!found) throw new Error(`the profile has no identity ${name}@…`);
    return found.name;
  };
  const administrator = profile.identities.find((candidate) => candidate.role === 'admin' && candidate.mspId === 'DataBureauMSP')?.name ?? '';
  const records = options.records ? await openRecordLog({ directory: join(directory, 'gateway'), suite, origin: `${options.name}.suitrust.test/records`, ledger, administrator, onAnchorError: () => undefined }) : undefined;
  const auditor = profile.identities.find((candidate) => candidate.role === 'auditor')?.name ?? '';
  const proofs = options.proofs ? await profileNetworkProofs(profile, auditor, 'any') : undefined;
  const receipts = options.proofs ? await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), suite) : undefined;
  const events = options.projections ? eventStores.sqlite(join(directory, 'events.db')) : undefined;
  const views = options.projections ? checkpointStores.sqlite(join(directory, 'views.db')) : undefined;
  const app = await buildGateway({
    ledger,
    callers,
    pseudonyms,
    logger: false,
    ...(views ? { views } : {}),
    ...(records ? { records } : {}),
    ...(proofs ? { proofs } : {}),
    ...(receipts ? { receipts } : {}),
    ...((await options.gateway?.({ directory, profile })) ?? {}),
  });
  let projections: RunningProjections | undefined;
  if (events && views) {
    projections = startProjections({ source: ledger.chaincodeEvents(auditor), chaincodeName: profile.chaincode, events, views, ...(records ? { logs: [records] } : {}), onError: () => undefined });
  }
  const tokens = new Map((JSON.parse(readFileSync(credentialsPath, 'utf8')) as { identity: string; token: string }[]).map((entry) => [entry.identity, entry.token]));
  const as = (name: string): { authorization: string } => ({ authorization: `Bearer ${tokens.get(identity(name)) ?? ''}` });

  return {
    directory,
    embedded,
    profile,
    ledger,
    callers,
    pseudonyms,
    app,
    events,
    views,
    records,
    proofs,
    identity,
    department: (name) => profile.identities.find((candidate) => candidate.name === identity(name))?.dept ?? '',
    token: (name) => tokens.get(identity(name)) ?? '',
    as,
    get: (who, url) => app.inject({ method: 'GET', url, headers: as(who) }),
    post: (who, url, payload) => app.inject({ method: 'POST', url, headers: as(who), payload }),
    async eventually<T>(request: () => Promise<LightMyRequestResponse>, done: (body: T) => boolean, timeoutMs = 15_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const body = (await request()).json() as T;
        if (done(body) || Date.now() > deadline) return body;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await app.close();
      await projections?.stop();
      await records?.close();
      proofs?.source.close();
      await views?.close();
      await events?.close();
      ledger.close();
      await embedded.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
