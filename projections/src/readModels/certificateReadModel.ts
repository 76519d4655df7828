/**
 * The certificates read model: each certificate's current status, and every use of it, for the
 * views departments and holders need — status by id, uses of a certificate, uses of all of a
 * holder's certificates, uses per department, certificate type and day (China Standard Time) —
 * and the matters each department reports it handled per day, for the certificate-use rate.
 *
 * The certificate-use rate of a department over a day range is the matters in which it used an
 * electronic certificate divided by the matters it handled. A CertificateUsed event names the
 * matter's code (the kind of matter, 事项) and the holder, not the case, so one matter handled
 * is counted as one distinct (department, day, matter code, holder): a holder's licence and ID
 * card both checked for one application count once, while two holders served under the same
 * matter code count twice. The denominator is the department's own MattersHandledReported
 * figures (the last report for a day replaces earlier ones); a day without a report adds no
 * matters handled, and with no report in the range the rate is `null`.
 */
import type Database from 'better-sqlite3';
import type { ReadModel } from './readModelProcessor';
import { preparedStatement } from './preparedStatement';
import { afterKey, readPage, type CursorKey, type CursorList, type Page, type PageRequest } from './pageCursor';

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
      CREATE INDEX IF NOT EXISTS certificate_use_by_position ON certificate_use (position);
      CREATE INDEX IF NOT EXISTS certificate_use_by_certificate ON certificate_use (certificate_id, position);
      CREATE INDEX IF NOT EXISTS certificate_use_by_holder ON certificate_use (holder_pseudonym, position);
      CREATE INDEX IF NOT EXISTS certificate_use_by_day ON certificate_use (day, using_department, type_code);
      CREATE TABLE IF NOT EXISTS matters_handled (
        department TEXT NOT NULL, day TEXT NOT NULL, matters_handled INTEGER NOT NULL, transaction_id TEXT NOT NULL,
        PRIMARY KEY (department, day));
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
      // `position` is the order of arrival, the model's own sequence: KurrentDB's positions
      // (commit × 2⁶⁴ + prepare) do not fit SQLite's 64-bit integers.
      preparedStatement(database, 'INSERT OR IGNORE INTO certificate_use VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT IFNULL(MAX(position), 0) + 1 FROM certificate_use))').run(
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
      );
    } else if (event.type === 'mattersHandledReported') {
      // The last report of a day replaces the earlier ones (the event's own rule).
      preparedStatement(database, 'INSERT OR REPLACE INTO matters_handled VALUES (?, ?, ?, ?)').run(
        data['department'],
        data['day'],
        typeof data['mattersHandled'] === 'number' ? data['mattersHandled'] : 0,
        transactionId,
      );
    }
  },
};

/** A department's certificate-use rate over a day range. */
export interface CertificateUseRateRow {
  readonly department: string;
  readonly from: string;
  readonly to: string;
  /** Matters the department reported it handled on the days of the range. */
  readonly mattersHandled: number;
  /** Distinct (day, matter code, holder) in which it used a certificate. */
  readonly mattersUsingCertificates: number;
  /** `mattersUsingCertificates / mattersHandled`, `null` when it reported no matters handled. */
  readonly rate: number | null;
}

const USES: CursorList = { name: 'certificate-uses', shape: ['integer'] };
const HOLDER_USES: CursorList = { name: 'holder-certificate-uses', shape: ['integer'] };
const USE_COUNTS: CursorList = { name: 'certificate-use-counts', shape: ['text', 'text', 'text'] };
const USE_RATES: CursorList = { name: 'certificate-use-rates', shape: ['text'] };

type UseRow = CertificateUseRow & { readonly position: number };

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
  usesOfCertificate(database: Database.Database, certificateId: string, page: PageRequest): Page<CertificateUseRow> {
    return usesWhere(database, USES, 'certificate_id', certificateId, page);
  },
  /** Uses of all certificates of one holder, oldest first. */
  usesOfHolder(database: Database.Database, holderPseudonym: string, page: PageRequest): Page<CertificateUseRow> {
    return usesWhere(database, HOLDER_USES, 'holder_pseudonym', holderPseudonym, page);
  },
  /** Uses per department, type and day over `[from, to]` (dates `YYYY-MM-DD`). */
  useCounts(database: Database.Database, from: string, to: string, page: PageRequest): Page<UseCountRow> {
    return readPage(
      USE_COUNTS,
      page,
      (after: CursorKey | undefined, rows: number) =>
        preparedStatement(
          database,
          `SELECT using_department AS usingDepartment, type_code AS typeCode, day, COUNT(*) AS uses FROM certificate_use
           WHERE day BETWEEN ? AND ? ${after ? `AND ${afterKey(['day', 'using_department', 'type_code'])}` : ''}
           GROUP BY day, using_department, type_code ORDER BY day, using_department, type_code LIMIT ?`,
        ).all(from, to, ...(after ?? []), rows) as UseCountRow[],
      (row) => [row.day, row.usingDepartment, row.typeCode],
      (row) => row,
    );
  },
  /**
   * Each department's certificate-use rate over the days `[from, to]` (dates `YYYY-MM-DD`), in
   * department order; one department only when `department` is given.
   */
  useRates(database: Database.Database, from: string, to: string, department: string | undefined, page: PageRequest): Page<CertificateUseRateRow> {
    return readPage(
      USE_RATES,
      page,
      (after: CursorKey | undefined, rows: number) =>
        preparedStatement(
          database,
          `WITH handled AS (SELECT department, SUM(matters_handled) AS matters FROM matters_handled WHERE day BETWEEN @from AND @to GROUP BY department),
                used AS (SELECT department, COUNT(*) AS matters FROM
                           (SELECT DISTINCT using_department AS department, day, matter_code, holder_pseudonym FROM certificate_use WHERE day BETWEEN @from AND @to)
                         GROUP BY department),
                departments AS (SELECT department FROM handled UNION SELECT department FROM used)
           SELECT d.department, COALESCE(h.matters, 0) AS handled, h.matters IS NOT NULL AS reported, COALESCE(u.matters, 0) AS used
           FROM departments d LEFT JOIN handled h ON h.department = d.department LEFT JOIN used u ON u.department = d.department
           WHERE (@department IS NULL OR d.department = @department) ${after ? 'AND d.department > @after' : ''}
           ORDER BY d.department LIMIT @rows`,
        ).all({ from, to, department: department ?? null, rows, ...(after ? { after: after[0] } : {}) }) as { department: string; handled: number; reported: number; used: number }[],
      (row) => [row.department],
      (row) => ({
        department: row.department,
        from,
        to,
        mattersHandled: row.handled,
        mattersUsingCertificates: row.used,
        rate: row.reported === 1 && row.handled > 0 ? row.used / row.handled : null,
      }),
    );
  },
};

function usesWhere(database: Database.Database, list: CursorList, column: 'certificate_id' | 'holder_pseudonym', value: string, page: PageRequest): Page<CertificateUseRow> {
  return readPage(
    list,
    page,
    (after: CursorKey | undefined, rows: number) =>
      preparedStatement(database, `${USE_COLUMNS} WHERE ${column} = ? ${after ? 'AND position > ?' : ''} ORDER BY position LIMIT ?`).all(value, ...(after ?? []), rows) as UseRow[],
    (row) => [row.position],
    ({ position: _position, ...use }) => use,
  );
}

const USE_COLUMNS = `SELECT event_id AS eventId, certificate_id AS certificateId, type_code AS typeCode, holder_pseudonym AS holderPseudonym,
  using_department AS usingDepartment, matter_code AS matterCode, purpose, authorisation_id AS authorisationId, day, transaction_id AS transactionId, position
  FROM certificate_use`;

function instantOf(seconds: number | undefined): string | null {
  return seconds === undefined ? null : new Date(seconds * 1000).toISOString();
}

/** The calendar date in China Standard Time (UTC+8) of an ISO instant. */
function chinaDate(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
