/**
 * Proof bundles of transparency-log records (DESIGN.md, "Log proof": a record's proof is its
 * inclusion path to an anchored root plus the ledger proof of the anchor). A bundle's claim is
 * the record, stated by `@suitrust/verifier`'s `logRecordClaim` (the mapping the verifier checks
 * the leaf against); its `log` part the leaf, its RFC 9162 inclusion proof to the latest anchored
 * checkpoint, that signed checkpoint note and the anchoring transaction's id; its `ledger` part
 * the ledger proof of that anchoring transaction.
 *
 * A record not yet covered by an anchor has no bundle: it is answered LOG_RECORD_NOT_ANCHORED
 * (409), to be asked again after the next anchor (every 1,000 records or 5 s). A bundle never
 * carries a bare inclusion promise: a promise is the log's word alone, while a bundle proves
 * against the chain; the promise stays in the append's response.
 */
import { canonicalJson, logVerifier } from '@suitrust/chaincode';
import { fromHex } from '@suitrust/crypto';
import { openNote } from '@suitrust/proofs';
import { suitrust } from '@suitrust/proto';
import { evidenceQueries, type SqliteCheckpointStore } from '@suitrust/projections';
import { BUNDLE_VERSION, logRecordClaim, noteKeyIdBytes } from '@suitrust/verifier';
import type { RecordLog } from '../transparency/recordLog';
import type { LedgerProofSource } from './ledgerProofSource';

/** Bundles of the log's records. */
export interface LogBundles {
  /**
   * The bundle of record `leafIndex`, without a receipt.
   * @throws {ProblemError} LOG_RECORD_UNKNOWN, LOG_RECORD_NOT_ANCHORED, or the ledger proof's PROOF_UNAVAILABLE
   */
  ofRecord(leafIndex: number): Promise<suitrust.proofs.v1.ProofBundle>;
  /**
   * The bundle of evidence submitted through the log, found in the evidence view, or `undefined`
   * when the view knows no such evidence from this log.
   * @throws {ProblemError} as {@link ofRecord}
   */
  ofEvidence(algorithm: string, digest: string): Promise<suitrust.proofs.v1.ProofBundle | undefined>;
}

/** Options of {@link logBundles}. */
export interface LogBundlesOptions {
  readonly records: RecordLog;
  readonly proofs: LedgerProofSource;
  /** The published trust anchors every bundle carries, the log's key among them. */
  readonly trust: suitrust.proofs.v1.ITrustAnchors;
  /** The read models, to find evidence by digest; without them only leaf indexes are proved. */
  readonly views?: SqliteCheckpointStore;
}

/**
 * Bundles of a log's records.
 *
 * @param options - the log, the ledger proofs, the trust anchors and the views
 * @returns the bundle source
 * @example
 * ```ts
 * const bundles = logBundles({ records, proofs: proofSource, trust, views });
 * const bundle = await bundles.ofRecord(41);
 * ```
 */
export function logBundles(options: Readonly<LogBundlesOptions>): LogBundles {
  const { records, proofs, trust, views } = options;
  const ofRecord = async (leafIndex: number): Promise<suitrust.proofs.v1.ProofBundle> => {
    const { record, proof, anchor } = await records.anchoredInclusion(leafIndex);
    const ledger = await proofs.prove(anchor.anchored.txId);
    const stated = logRecordClaim(record);
    const verifier = logVerifier(records.hashAlgorithm, records.verifierKey);
    const opened = verifier ? openNote(anchor.note, [verifier]) : undefined;
    const signatures = opened?.ok
      ? [...opened.verified, ...opened.unverified].map((line) => ({ keyName: line.name, keyId: noteKeyIdBytes(line.keyId), signature: line.signature }))
      : [];
    return suitrust.proofs.v1.ProofBundle.create({
      version: BUNDLE_VERSION,
      claim: { ...stated, statement: canonicalJson(stated.statement) },
      log: {
        leaf: record,
        inclusion: { leafIndex, treeSize: proof.treeSize, path: [...proof.path] },
        checkpoint: { origin: anchor.origin, size: anchor.size, rootHash: fromHex(anchor.rootHash), hashAlgorithm: records.hashAlgorithm, note: anchor.note, signatures },
        anchorTxId: anchor.anchored.txId,
      },
      ledger,
      trust,
    });
  };
  return {
    ofRecord,
    async ofEvidence(algorithm, digest) {
      const row = views?.query((database) => evidenceQueries.byDigest(database, algorithm, digest));
      if (!row || row.leafIndex === null || row.logOrigin !== records.origin) return undefined;
      const bundle = await ofRecord(row.leafIndex);
      return bundle.claim?.recordId === `${algorithm}:${digest}` ? bundle : undefined;
    },
  };
}

