/**
 * The certificates read model: each certificate's current status, and every use of it, for the
 * views departments and holders need — status by id, uses of a certificate, uses of all of a
 * holder's certificates, and uses per department, certificate type and day (China Standard Time).
 */
import type Database from 'better-sqlite3';
import type { ReadModel } from './readModelProcessor';
import { preparedStatement } from './preparedStatement';

/** A certificate as the view shows it. */
export interface CertificateRow {
  readonly certificateId: string;
  readonly typeCode: string;
  readonly issuer: string;
  readonly holderPseudonym: string;
  readonly status: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly issuedTx: string;
  readonly updatedTx: string;
}

/** One use of a certificate. */
export interface CertificateUseRow {
  readonly eventId: string;
  readonly certificateId: string;
  readonly typeCode: string;
  readonly holderPseudonym: string;
  readonly usingDepartment: string;
  readonly matterCode: string;
  readonly purpose: string;
  readonly authorisationId: string | null;
  readonly day: string;
  readonly transactionId: string;
}

/** Uses counted per department, type and day. */
export interface UseCountRow {
  readonly usingDepartment: string;
  readonly typeCode: string;
  readonly day: string;
  readonly uses: number;
}

type Fields = Record<string, unknown>;

const STATUS_AFTER: Readonly<Record<string, string>> = {
  certificateSuspended: 'suspended',
  certificateReinstated: 'valid',
  certificateRevoked: 'revoked',
  certificateCancelled: 'cancelled',
};

/** The certificates read model. */
export const certificateReadModel: ReadModel = {
  name: 'certificates-view',
  migrate(database) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS certificate (
        certificate_id TEXT PRIMARY KEY, type_code TEXT NOT NULL, issuer TEXT NOT NULL, holder_pseudonym TEXT NOT NULL,
        status TEXT NOT NULL, valid_from TEXT, valid_until TEXT, issued_tx TEXT NOT NULL, updated_tx TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS certificate_by_holder ON certificate (holder_pseudonym);
      CREATE TABLE IF NOT EXISTS certificate_use (
        event_id TEXT PRIMARY KEY, certificate_id TEXT NOT NULL, type_code TEXT NOT NULL, holder_pseudonym TEXT NOT NULL,
        using_department TEXT NOT NULL, matter_code TEXT NOT NULL, purpose TEXT NOT NULL, authorisation_id TEXT,
        day TEXT NOT NULL, transaction_id TEXT NOT NULL, position INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS certificate_use_by_certificate ON certificate_use (certificate_id, position);
      CREATE INDEX IF NOT EXISTS certificate_use_by_holder ON certificate_use (holder_pseudonym, position);
      CREATE INDEX IF NOT EXISTS certificate_use_by_day ON certificate_use (day, using_department, type_code);
    `);
  },
  apply(database, event) {
    const data = event.data as Fields;
    const transactionId = String(event.metadata?.['transactionId'] ?? '');
    if (event.type === 'certificateIssued') {
      const validity = (data['validity'] ?? {}) as { from?: { seconds?: number }; until?: { seconds?: number } };
      preparedStatement(database, `INSERT OR REPLACE INTO certificate VALUES (@certificateId, @typeCode, @issuer, @holderPseudonym, 'valid', @validFrom, @validUntil, @transactionId, @transactionId)`).run({
          certificateId: data['certificateId'],
          typeCode: data['typeCode'],
          issuer: data['issuer'],
          holderPseudonym: data['holderPseudonym'],
          validFrom: instantOf(validity.from?.seconds),
          validUntil: instantOf(validity.until?.seconds),
          transactionId,
        });
    } else if (event.type in STATUS_AFTER) {
      preparedStatement(database, 'UPDATE certificate SET status = ?, updated_tx = ? WHERE certificate_id = ?').run(STATUS_AFTER[event.type], transactionId, data['certificateId']);
    } else if (event.type === 'certificateUsed') {
      preparedStatement(database, 'INSERT OR IGNORE INTO certificate_use VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        event.id,
        data['certificateId'],
        data['typeCode'],
        data['holderPseudonym'],
        data['usingDepartment'],
        data['matterCode'],
        data['purpose'] ?? '',
        data['authorisationId'] || null,
        chinaDate(String(event.metadata?.['txTime'] ?? '')),
        transactionId,
        event.position,
      );
    }
  },
};

/** Queries of the certificates view. */
export const certificateQueries = {
  /** A certificate by id, or `undefined`. */
  certificate(database: Database.Database, certificateId: string): CertificateRow | undefined {
    return preparedStatement(
      database,
      `SELECT certificate_id AS certificateId, type_code AS typeCode, issuer, holder_pseudonym AS holderPseudonym, status,
              valid_from AS validFrom, valid_until AS validUntil, issued_tx AS issuedTx, updated_tx AS updatedTx
       FROM certificate WHERE certificate_id = ?`,
    ).get(certificateId) as CertificateRow | undefined;
  },
  /** Uses of one certificate, oldest first. */
  usesOfCertificate(database: Database.Database, certificateId: string, page: Page): CertificateUseRow[] {
    return database.prepare(`${USE_COLUMNS} WHERE certificate_id = ? ORDER BY position LIMIT ? OFFSET ?`).all(certificateId, page.limit, page.offset) as CertificateUseRow[];
  },
  /** Uses of all certificates of one holder, oldest first. */
  usesOfHolder(database: Database.Database, holderPseudonym: string, page: Page): CertificateUseRow[] {
    return database.prepare(`${USE_COLUMNS} WHERE holder_pseudonym = ? ORDER BY position LIMIT ? OFFSET ?`).all(holderPseudonym, page.limit, page.offset) as CertificateUseRow[];
  },
  /** Uses per department, type and day over `[from, to]` (dates `YYYY-MM-DD`). */
  useCounts(database: Database.Database, from: string, to: string): UseCountRow[] {
    return database
      .prepare(
        `SELECT using_department AS usingDepartment, type_code AS typeCode, day, COUNT(*) AS uses FROM certificate_use
         WHERE day BETWEEN ? AND ? GROUP BY day, using_department, type_code ORDER BY day, using_department, type_code`,
      )
      .all(from, to) as UseCountRow[];
  },
};

/** A page of results. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

const USE_COLUMNS = `SELECT event_id AS eventId, certificate_id AS certificateId, type_code AS typeCode, holder_pseudonym AS holderPseudonym,
  using_department AS usingDepartment, matter_code AS matterCode, purpose, authorisation_id AS authorisationId, day, transaction_id AS transactionId
  FROM certificate_use`;

function instantOf(seconds: number | undefined): string | null {
  return seconds === undefined ? null : new Date(seconds * 1000).toISOString();
}

/** The calendar date in China Standard Time (UTC+8) of an ISO instant. */
function chinaDate(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
