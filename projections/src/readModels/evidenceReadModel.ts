/**
 * The evidence read model: notarised digests, looked up by digest or by court case reference,
 * with who notarised them and when (the transaction time).
 */
import type Database from 'better-sqlite3';
import type { ReadModel } from './readModelProcessor';
import { preparedStatement } from './preparedStatement';
import { afterKey, readPage, type CursorKey, type CursorList, type Page, type PageRequest } from './pageCursor';

/** A notarised digest as the view shows it. */
export interface EvidenceRow {
  readonly algorithm: string;
  readonly digest: string;
  readonly caseReference: string | null;
  readonly submitterMsp: string;
  readonly submitterDepartment: string;
  readonly notarisedAt: string;
  readonly transactionId: string;
}

/** The evidence read model. */
export const evidenceReadModel: ReadModel = {
  name: 'evidence-view',
  migrate(database) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS evidence (
        algorithm TEXT NOT NULL, digest TEXT NOT NULL, case_reference TEXT, submitter_msp TEXT NOT NULL,
        submitter_department TEXT NOT NULL, notarised_at TEXT NOT NULL, transaction_id TEXT NOT NULL,
        PRIMARY KEY (algorithm, digest));
      CREATE INDEX IF NOT EXISTS evidence_by_case ON evidence (case_reference);
      CREATE INDEX IF NOT EXISTS evidence_by_case_in_order ON evidence (case_reference, notarised_at, algorithm, digest);
    `);
  },
  apply(database, event) {
    if (event.type !== 'evidenceNotarised') return;
    const data = event.data as Record<string, unknown>;
    preparedStatement(database, 'INSERT OR IGNORE INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      data['algorithm'],
      data['digest'],
      data['caseReference'] || null,
      data['submitterMsp'] ?? '',
      data['submitterDepartment'] ?? '',
      String(event.metadata?.['txTime'] ?? ''),
      String(event.metadata?.['transactionId'] ?? ''),
    );
  },
};

const COLUMNS = `SELECT algorithm, digest, case_reference AS caseReference, submitter_msp AS submitterMsp,
  submitter_department AS submitterDepartment, notarised_at AS notarisedAt, transaction_id AS transactionId FROM evidence`;

const BY_CASE: CursorList = { name: 'evidence-by-case', shape: ['text', 'text', 'text'] };

/** Queries of the evidence view. */
export const evidenceQueries = {
  /** The evidence of a digest, or `undefined`. */
  byDigest(database: Database.Database, algorithm: string, digest: string): EvidenceRow | undefined {
    return database.prepare(`${COLUMNS} WHERE algorithm = ? AND digest = ?`).get(algorithm, digest) as EvidenceRow | undefined;
  },
  /** Every piece of evidence of a court case, in notarisation order. */
  byCase(database: Database.Database, caseReference: string, page: PageRequest): Page<EvidenceRow> {
    return readPage(
      BY_CASE,
      page,
      (after: CursorKey | undefined, rows: number) =>
        preparedStatement(
          database,
          `${COLUMNS} WHERE case_reference = ? ${after ? `AND ${afterKey(['notarised_at', 'algorithm', 'digest'])}` : ''} ORDER BY notarised_at, algorithm, digest LIMIT ?`,
        ).all(caseReference, ...(after ?? []), rows) as EvidenceRow[],
      (row) => [row.notarisedAt, row.algorithm, row.digest],
      (row) => row,
    );
  },
};
