/**
 * The evidence read model: digests notarised on chain (`evidenceNotarised`) or submitted in bulk
 * through the transparency log (`evidenceLogged`), looked up by digest or by court case
 * reference, with who submitted them and when (the transaction time, or for the log the time the
 * gateway appended the record; its anchor on chain gives chain time) and where to prove them.
 * The first submission of a digest is the one kept.
 */
import type Database from 'better-sqlite3';
import type { ReadModel } from './readModelProcessor';
import { preparedStatement } from './preparedStatement';
import { afterKey, readPage, type CursorKey, type CursorList, type Page, type PageRequest } from './pageCursor';

/** A digest as the view shows it. */
export interface EvidenceRow {
  readonly algorithm: string;
  readonly digest: string;
  readonly caseReference: string | null;
  readonly submitterMsp: string;
  readonly submitterDepartment: string;
  readonly notarisedAt: string;
  /** The notarising transaction; `''` for evidence submitted through the log. */
  readonly transactionId: string;
  /** For evidence submitted through the log: the log's origin and the record's leaf index. */
  readonly logOrigin: string | null;
  readonly leafIndex: number | null;
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
    // Views made before evidence came through the log lack its columns.
    const columns = new Set((database.prepare('PRAGMA table_info(evidence)').all() as { name: string }[]).map((column) => column.name));
    if (!columns.has('log_origin')) database.exec('ALTER TABLE evidence ADD COLUMN log_origin TEXT');
    if (!columns.has('leaf_index')) database.exec('ALTER TABLE evidence ADD COLUMN leaf_index INTEGER');
  },
  apply(database, event) {
    if (event.type !== 'evidenceNotarised' && event.type !== 'evidenceLogged') return;
    const data = event.data as Record<string, unknown>;
    const logged = event.type === 'evidenceLogged';
    preparedStatement(database, `INSERT OR IGNORE INTO evidence (algorithm, digest, case_reference, submitter_msp, submitter_department,
      notarised_at, transaction_id, log_origin, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      data['algorithm'],
      data['digest'],
      data['caseReference'] || null,
      data['submitterMsp'] ?? '',
      data['submitterDepartment'] ?? '',
      String(event.metadata?.[logged ? 'appendedAt' : 'txTime'] ?? ''),
      logged ? '' : String(event.metadata?.['transactionId'] ?? ''),
      logged ? String(event.metadata?.['origin'] ?? '') : null,
      logged ? Number(event.metadata?.['leafIndex']) : null,
    );
  },
};

const COLUMNS = `SELECT algorithm, digest, case_reference AS caseReference, submitter_msp AS submitterMsp,
  submitter_department AS submitterDepartment, notarised_at AS notarisedAt, transaction_id AS transactionId,
  log_origin AS logOrigin, leaf_index AS leafIndex FROM evidence`;

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
