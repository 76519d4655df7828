/**
 * Anchors of transparency logs (DESIGN.md, "Log proof"): the administrator registers a log (its
 * origin, hash and signer's key); then signed checkpoints of it are anchored, each accepted only
 * with a valid RFC 9162 consistency proof from the anchor before, so an anchored log can only
 * grow and a rewritten history is refused even when its checkpoint is validly signed.
 *
 * **Who may anchor.** Any member with a SuiTrust role. What makes an anchor trustworthy is the
 * log's signature, checked against the registered key, and the consistency proof, not who hands
 * them in; letting an auditor or the court anchor too means the log's operator cannot hold its
 * log back from the chain.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { STATE } from '../ledger/stateKeys';
import { ROLES } from '../ledger/access';
import { canonicalJson } from '../ledger/canonicalJson';
import { RequestReader } from '../rules/request';
import { Refusal } from '../rules/refusal';
import { isDigestAlgorithm } from '../rules/digest';
import { judgeCheckpoint, logSuite, logVerifier } from '../rules/checkpointAnchoring';
import type { CheckpointAnchorRecord, TransparencyLogRecord } from '../model/transparencyLogRecords';

/** A log origin: a schema-less URL as C2SP tlog-checkpoint recommends, printable ASCII without spaces. */
const ORIGIN = { max: 200, pattern: /^[A-Za-z0-9][A-Za-z0-9._~:/-]*$/, patternName: 'a schema-less URL such as suitrust.example/exchanges' };
/** Hashes in a consistency proof at most: 2 × log2(2^53) covers every tree size. */
const MAX_PROOF_HASHES = 128;
/** Sizes as fixed-width key parts, so anchors list in size order. */
const sizeKey = (size: number): string => String(size).padStart(16, '0');

@Info({ title: 'Anchors', description: 'Transparency logs and their checkpoints anchored on chain' })
export class AnchorContract extends SuiTrustContract {
  constructor() {
    super('anchors');
  }

  /**
   * Registers a transparency log (the administrator organisation's administrators only).
   * Request: `{ origin, hashAlgorithm: "sm3" | "sha256", verifierKey }`; the verifier key must be of
   * the hash's suite (SM2 for sm3, Ed25519 for sha256).
   */
  @Transaction()
  @Param('request', 'string', 'JSON { origin, hashAlgorithm, verifierKey }')
  @Returns('string')
  async registerLog(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireAdministrator();
    const body = RequestReader.parse(request, ['origin', 'hashAlgorithm', 'verifierKey']);
    const origin = body.text('origin', ORIGIN);
    const hashAlgorithm = body.text('hashAlgorithm', { max: 16 });
    if (!isDigestAlgorithm(hashAlgorithm)) throw new Refusal('DIGEST_ALGORITHM', 'hashAlgorithm');
    const verifierKey = body.text('verifierKey', { max: 512 });
    if (logVerifier(hashAlgorithm, verifierKey) === undefined) {
      throw new Refusal('LOG_VERIFIER_KEY', 'verifierKey', `expected a ${logSuite(hashAlgorithm).signatureAlgorithm} signed-note verifier key <name>+<key id>+<base64 key>`);
    }
    if (await ctx.read(STATE.transparencyLog, origin)) throw new Refusal('LOG_EXISTS', 'origin');

    const record: TransparencyLogRecord = {
      origin,
      hashAlgorithm,
      verifierKey,
      registeredBy: { mspId: caller.mspId, department: caller.department },
      registered: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.transparencyLog, [origin], record);
    ctx.emit({ aggregateType: 'transparency-log', aggregateId: origin, transparencyLogRegistered: { origin, hashAlgorithm, verifierKey } });
    return canonicalJson(record);
  }

  /**
   * Anchors a signed checkpoint of a registered log (any member with a role; see the module).
   * Request: `{ origin, note, consistencyProof?: [hex…] }`: the proof from the last anchored size
   * (none for the first anchor). Refused: an unknown log, a bad signature or checkpoint text, a
   * smaller size, the anchored size again, and a proof that does not connect the two trees.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { origin, note, consistencyProof? }')
  @Returns('string')
  async anchorCheckpoint(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole(...ROLES);
    const body = RequestReader.parse(request, ['origin', 'note', 'consistencyProof']);
    const origin = body.text('origin', ORIGIN);
    const note = body.text('note', { max: 8192 });
    const consistencyProof = body.textList('consistencyProof', { max: 128 }, MAX_PROOF_HASHES);
    const log = await ctx.read<TransparencyLogRecord>(STATE.transparencyLog, origin);
    if (!log) throw new Refusal('LOG_UNKNOWN', 'origin');
    const verdict = judgeCheckpoint(log, { note, consistencyProof });
    if (!verdict.ok) throw new Refusal(verdict.rule, verdict.field, verdict.detail);

    const { head, previous } = verdict;
    const anchored = { txId: ctx.txId, at: ctx.txTime };
    const anchor: CheckpointAnchorRecord = {
      origin,
      ...head,
      previous,
      note,
      anchoredBy: { mspId: caller.mspId, department: caller.department },
      anchored,
    };
    await ctx.write(STATE.checkpointAnchor, [origin, sizeKey(head.size)], anchor);
    await ctx.write(STATE.transparencyLog, [origin], { ...log, latest: { ...head, anchored } } satisfies TransparencyLogRecord);
    ctx.emit({
      aggregateType: 'transparency-log',
      aggregateId: origin,
      checkpointAnchored: {
        origin,
        size: head.size,
        rootHash: head.rootHash,
        previousSize: previous.size,
        previousRootHash: previous.rootHash,
        note,
      },
    });
    return canonicalJson(anchor);
  }

  /** A registered log: origin, hash, verifier key and latest anchored head. */
  @Transaction(false)
  @Param('origin', 'string', 'the log origin')
  @Returns('string')
  async getLog(ctx: SuiTrustContext, origin: string): Promise<string> {
    return canonicalJson(await requireLog(ctx, origin));
  }

  /** The latest anchor of a log, or JSON `null` when none is anchored yet. */
  @Transaction(false)
  @Param('origin', 'string', 'the log origin')
  @Returns('string')
  async latestAnchor(ctx: SuiTrustContext, origin: string): Promise<string> {
    const log = await requireLog(ctx, origin);
    if (!log.latest) return 'null';
    const anchor = await ctx.read<CheckpointAnchorRecord>(STATE.checkpointAnchor, origin, sizeKey(log.latest.size));
    return canonicalJson(anchor as CheckpointAnchorRecord);
  }

  /** Every anchor of a log, in size order. */
  @Transaction(false)
  @Param('origin', 'string', 'the log origin')
  @Returns('string')
  async anchorHistory(ctx: SuiTrustContext, origin: string): Promise<string> {
    await requireLog(ctx, origin);
    return canonicalJson(await ctx.list<CheckpointAnchorRecord>(STATE.checkpointAnchor, origin));
  }
}

async function requireLog(ctx: SuiTrustContext, origin: string): Promise<TransparencyLogRecord> {
  const log = await ctx.read<TransparencyLogRecord>(STATE.transparencyLog, origin);
  if (!log) throw new Refusal('LOG_UNKNOWN', 'origin');
  return log;
}
