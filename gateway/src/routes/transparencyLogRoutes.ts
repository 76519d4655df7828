/**
 * The transparency log over HTTP (DESIGN.md, "Log proof"; "Exchanges, two paths"): providers
 * report exchanges in bulk, departments and courts submit evidence in bulk, each record answered
 * at once with its leaf index and signed inclusion promise; anyone authenticated reads the latest
 * checkpoint and anchor, consistency proofs, and a record's inclusion proof to the anchored
 * checkpoint with the anchoring transaction. Records are checked with the chaincode's own rules
 * (`readExchangeReport`, `readEvidence`) before any is appended: one bad record appends none.
 */
import type { FastifyInstance } from 'fastify';
import { EVIDENCE_SUBMITTER_ROLES, EXCHANGE_REPORTER_ROLES, Refusal, readEvidence, readExchangeReport, type CheckpointAnchorRecord } from '@suitrust/chaincode';
import { toHex } from '@suitrust/crypto';
import type { Caller } from '../auth/callerCredentials';
import { ProblemError } from '../errors/problemError';
import { callerOf } from '../plugins/authentication';
import type { HolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import type { LogRecordBody } from '../transparency/logRecordCodec';
import { inclusionPromiseJson, inclusionPromiseSchema } from '../transparency/proofJson';
import { schemas } from './ledgerRoute';
import type { RecordLog } from '../transparency/recordLog';

/** Records per request at most: a batch of 1,000 reports stays well under the 1 MiB body limit. */
const MAX_RECORDS = 1000;
const tags = ['transparency log'];
/** A size or index in a URL: decimal, at most 2^53 − 1 (the gateway's ajv does not coerce types). */
const INDEX = { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})$' } as const;

/** Options of {@link transparencyLogRoutes}. */
export interface TransparencyLogRoutesOptions {
  readonly records: RecordLog;
  readonly pseudonyms: HolderPseudonyms;
}

const appendedSchema = {
  type: 'object',
  required: ['origin', 'records'],
  properties: {
    origin: { type: 'string' },
    records: { type: 'array', items: { type: 'object', required: ['leafIndex', 'promise'], properties: { leafIndex: { type: 'integer' }, promise: inclusionPromiseSchema } } },
  },
} as const;

const anchorSchema = {
  type: ['object', 'null'],
  properties: {
    size: { type: 'integer' },
    rootHash: { type: 'string' },
    note: { type: 'string' },
    transactionId: { type: 'string' },
    anchoredAt: { type: 'string' },
  },
} as const;

const exchangeReportSchema = {
  type: 'object',
  required: ['authorisationId', 'reportId', 'consumer', 'resourceCode', 'purpose', 'fields', 'exchangedAt'],
  additionalProperties: false,
  properties: {
    authorisationId: { type: 'string' },
    reportId: { type: 'string' },
    consumer: { type: 'string' },
    resourceCode: { type: 'string' },
    purpose: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    exchangedAt: { type: 'string' },
    payloadDigest: { type: 'object', required: ['algorithm', 'value'], additionalProperties: false, properties: { algorithm: { type: 'string' }, value: { type: 'string' } } },
    dataSubject: { type: 'object', required: ['idNumber'], additionalProperties: false, properties: { idNumber: { type: 'string', maxLength: 32 } } },
  },
} as const;


/** Registers the transparency log routes. */
export async function transparencyLogRoutes(app: FastifyInstance, options: Readonly<TransparencyLogRoutesOptions>): Promise<void> {
  const { records, pseudonyms } = options;

  const appendChecked = async (caller: Caller, bodies: readonly LogRecordBody[]) => {
    const promises = await records.append(caller, bodies);
    return { origin: records.origin, records: promises.map((promise) => ({ leafIndex: promise.leafIndex, promise: inclusionPromiseJson(promise) })) };
  };

  app.post('/exchange-reports', {
    schema: {
      tags,
      summary: 'Report exchanges that happened, in bulk, as their provider (the caller\'s department)',
      body: { type: 'object', required: ['reports'], additionalProperties: false, properties: { reports: { type: 'array', minItems: 1, maxItems: MAX_RECORDS, items: exchangeReportSchema } } },
      response: { 201: appendedSchema },
    },
  }, async (request, reply) => {
    const caller = requireRole(callerOf(request), EXCHANGE_REPORTER_ROLES);
    const { reports } = request.body as { reports: ({ dataSubject?: { idNumber: string } } & Record<string, unknown>)[] };
    const bodies: LogRecordBody[] = [];
    for (const [index, { dataSubject, ...report }] of reports.entries()) {
      const path = `reports[${index}]`;
      const pseudonym = dataSubject === undefined ? {} : { dataSubject: pseudonyms.of(dataSubject.idNumber, `${path}.dataSubject.idNumber`) };
      bodies.push({ exchangeReported: await underPath(path, () => readExchangeReport(JSON.stringify({ ...report, ...pseudonym }), caller.department)) });
    }
    return reply.status(201).send(await appendChecked(caller, bodies));
  });

  app.post('/evidence/bulk', {
    schema: {
      tags,
      summary: 'Submit evidence digests in bulk through the transparency log',
      body: { type: 'object', required: ['evidence'], additionalProperties: false, properties: { evidence: { type: 'array', minItems: 1, maxItems: MAX_RECORDS, items: schemas.evidence } } },
      response: { 201: appendedSchema },
    },
  }, async (request, reply) => {
    const caller = requireRole(callerOf(request), EVIDENCE_SUBMITTER_ROLES);
    const { evidence } = request.body as { evidence: object[] };
    const bodies: LogRecordBody[] = [];
    for (const [index, item] of evidence.entries()) {
      bodies.push({ evidenceLogged: await underPath(`evidence[${index}]`, () => readEvidence(JSON.stringify(item))) });
    }
    return reply.status(201).send(await appendChecked(caller, bodies));
  });

  app.get('/log/checkpoint', {
    schema: {
      tags,
      summary: 'The log\'s latest signed checkpoint and its latest anchor on chain',
      response: {
        200: {
          type: 'object',
          required: ['origin', 'hashAlgorithm', 'verifierKey', 'checkpoint', 'anchor'],
          properties: {
            origin: { type: 'string' },
            hashAlgorithm: { type: 'string' },
            verifierKey: { type: 'string' },
            checkpoint: { type: 'object', required: ['size', 'rootHash', 'note'], properties: { size: { type: 'integer' }, rootHash: { type: 'string' }, note: { type: 'string' } } },
            anchor: anchorSchema,
          },
        },
      },
    },
  }, async (request) => {
    callerOf(request);
    const [{ checkpoint, note }, anchor] = await Promise.all([records.checkpoint(), records.latestAnchor()]);
    return {
      origin: records.origin,
      hashAlgorithm: records.hashAlgorithm,
      verifierKey: records.verifierKey,
      checkpoint: { size: checkpoint.size, rootHash: toHex(checkpoint.root), note },
      anchor: anchor === undefined ? null : anchorJson(anchor),
    };
  });

  app.get('/log/consistency', {
    schema: {
      tags,
      summary: 'The RFC 9162 consistency proof between two sizes of the log (to: the current size by default)',
      querystring: { type: 'object', required: ['from'], additionalProperties: false, properties: { from: INDEX, to: INDEX } },
      response: { 200: { type: 'object', required: ['origin', 'from', 'to', 'proof'], properties: { origin: { type: 'string' }, from: { type: 'integer' }, to: { type: 'integer' }, proof: { type: 'array', items: { type: 'string' } } } } },
    },
  }, async (request) => {
    callerOf(request);
    const query = request.query as { from: string; to?: string };
    const from = Number(query.from);
    const to = query.to === undefined ? records.size : Number(query.to);
    const { proof } = await records.consistency(from, to);
    return { origin: records.origin, from, to, proof: proof.map(toHex) };
  });

  app.get('/log/records/:leafIndex/proof', {
    schema: {
      tags,
      summary: 'A record and its inclusion proof to the latest anchored checkpoint, with the anchoring transaction',
      params: { type: 'object', required: ['leafIndex'], properties: { leafIndex: INDEX } },
      response: {
        200: {
          type: 'object',
          required: ['origin', 'hashAlgorithm', 'leafIndex', 'record', 'leafHash', 'inclusion', 'checkpoint', 'anchor'],
          properties: {
            origin: { type: 'string' },
            hashAlgorithm: { type: 'string' },
            leafIndex: { type: 'integer' },
            record: { type: 'string', description: 'the LogRecord bytes, base64' },
            leafHash: { type: 'string' },
            inclusion: { type: 'object', required: ['treeSize', 'path'], properties: { treeSize: { type: 'integer' }, path: { type: 'array', items: { type: 'string' } } } },
            checkpoint: { type: 'object', required: ['size', 'rootHash', 'note'], properties: { size: { type: 'integer' }, rootHash: { type: 'string' }, note: { type: 'string' } } },
            anchor: { type: 'object', required: ['transactionId', 'anchoredAt'], properties: { transactionId: { type: 'string' }, anchoredAt: { type: 'string' } } },
          },
        },
      },
    },
  }, async (request) => {
    callerOf(request);
    const leafIndex = Number((request.params as { leafIndex: string }).leafIndex);
    const { record, proof, anchor } = await records.anchoredInclusion(leafIndex);
    return {
      origin: records.origin,
      hashAlgorithm: records.hashAlgorithm,
      leafIndex,
      record: Buffer.from(record).toString('base64'),
      leafHash: toHex(proof.leafHash),
      inclusion: { treeSize: proof.treeSize, path: proof.path.map(toHex) },
      checkpoint: { size: anchor.size, rootHash: anchor.rootHash, note: anchor.note },
      anchor: { transactionId: anchor.anchored.txId, anchoredAt: anchor.anchored.at },
    };
  });
}

/** The caller, if its role is one of `roles`. */
function requireRole(caller: Caller, roles: readonly string[]): Caller {
  if (!roles.includes(caller.role)) throw new ProblemError('ACCESS_ROLE', `this operation requires the role ${roles.join(' or ')}`, { field: 'role' });
  return caller;
}

/** Runs a record's rule check, turning its refusal into a problem naming the record's field. */
async function underPath<T>(path: string, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof Refusal) throw new ProblemError(error.rule, error.detail, { field: error.field === '' ? path : `${path}.${error.field}` });
    throw error;
  }
}

function anchorJson(anchor: CheckpointAnchorRecord): object {
  return { size: anchor.size, rootHash: anchor.rootHash, note: anchor.note, transactionId: anchor.anchored.txId, anchoredAt: anchor.anchored.at };
}
