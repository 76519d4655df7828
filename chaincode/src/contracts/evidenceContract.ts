/**
 * Evidence (存证): the digest of a document or a batch of records at a point in time, with
 * its provenance, which courts do not presume (SPC online litigation rules 2021, arts. 16-19):
 * a match shows the data is unaltered since it was notarised, nothing about before.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { STATE } from '../ledger/stateKeys';
import { canonicalJson } from '../ledger/canonicalJson';
import { Refusal } from '../rules/refusal';
import { isDigestAlgorithm, isDigestHex, type DigestAlgorithm } from '../rules/digest';
import { EVIDENCE_SUBMITTER_ROLES, readEvidence } from '../rules/logRecordRules';
import type { EvidenceRecord, Provenance } from '../model/records';

@Info({ title: 'Evidence', description: 'Notarisation of digests and their lookup' })
export class EvidenceContract extends SuiTrustContract {
  constructor() {
    super('evidence');
  }

  /**
   * Notarises one digest for the caller's department; a digest already notarised is refused.
   * Request: `{ algorithm, digest, caseReference?, provenance?: { source?, method?, witness? }, metadata?: { key: value } }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { algorithm, digest, caseReference?, provenance?, metadata? }')
  @Returns('string')
  async notarise(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole(...EVIDENCE_SUBMITTER_ROLES);
    const evidence = readEvidence(request);
    const { algorithm, digest, metadata } = evidence;
    const caseReference = evidence.caseReference === '' ? undefined : evidence.caseReference;
    const provenance: Provenance = {
      ...(evidence.source === '' ? {} : { source: evidence.source }),
      ...(evidence.method === '' ? {} : { method: evidence.method }),
      ...(evidence.witness === '' ? {} : { witness: evidence.witness }),
    };
    if (await ctx.read(STATE.evidence, algorithm, digest)) throw new Refusal('EVIDENCE_DUPLICATE', 'digest');

    const record: EvidenceRecord = {
      algorithm,
      digest,
      submitter: { mspId: caller.mspId, department: caller.department },
      ...(caseReference === undefined ? {} : { caseReference }),
      provenance,
      metadata,
      notarised: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.evidence, [algorithm, digest], record);
    ctx.emit({
      aggregateType: 'evidence',
      aggregateId: `${algorithm}:${digest}`,
      evidenceNotarised: {
        algorithm,
        digest,
        submitterDepartment: caller.department,
        submitterMsp: caller.mspId,
        caseReference: evidence.caseReference,
        source: evidence.source,
        method: evidence.method,
        witness: evidence.witness,
        metadata,
      },
    });
    return canonicalJson(record);
  }

  /** The evidence record of a digest: who notarised it, when, and its provenance. */
  @Transaction(false)
  @Param('algorithm', 'string', 'sm3 or sha256')
  @Param('digest', 'string', 'lower-case hex digest')
  @Returns('string')
  async get(ctx: SuiTrustContext, algorithm: string, digest: string): Promise<string> {
    if (!isDigestAlgorithm(algorithm)) throw new Refusal('DIGEST_ALGORITHM', 'algorithm');
    if (!isDigestHex(algorithm, digest)) throw new Refusal('DIGEST_FORMAT', 'digest');
    const record = await ctx.read<EvidenceRecord>(STATE.evidence, algorithm satisfies DigestAlgorithm, digest);
    if (!record) throw new Refusal('EVIDENCE_UNKNOWN', 'digest');
    return canonicalJson(record);
  }
}
