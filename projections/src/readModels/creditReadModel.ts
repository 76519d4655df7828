/**
 * The credit read model: every credit entry of every enterprise as its events left it (recorded,
 * corrected, repaired), and an enterprise's profile at an instant — which entries are active,
 * repaired, expired (display window passed), pending or unpublished, and its status — computed
 * by the chaincode's own pure `creditProfile`, so the view and `credit:getProfile` agree.
 */
import type Database from 'better-sqlite3';
import { CREDIT_RULE_TABLES, creditProfile, dateOf, ruleTableAt, type CreditCategory, type CreditEntryFacts, type CreditProfile, type CreditSeverity } from '@suitrust/chaincode';
import type { ReadModel } from './readModelProcessor';
import { eventFields, type EventFields } from './eventFields';
import { preparedStatement } from './preparedStatement';

/** A credit entry as the view shows it. Dates are calendar dates, China Standard Time. */
export interface CreditEntryRow {
  readonly creditCode: string;
  readonly eventId: string;
  readonly category: CreditCategory;
  readonly severity: CreditSeverity;
  readonly legalBasis: string;
  readonly sourceDepartment: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly effectiveFrom: string | null;
  readonly effectiveUntil: string | null;
  readonly ruleVersion: string;
  readonly published: boolean;
  readonly displayFrom: string;
  readonly displayUntil: string | null;
  readonly repairableFrom: string | null;
  readonly documentDigest: string;
  readonly repairedAt: string | null;
  readonly repairReason: string | null;
  readonly corrections: number;
  readonly recordedAt: string;
  readonly recordedTx: string;
  readonly updatedTx: string;
}

/** An enterprise's credit profile with its entries. */
export interface CreditProfileView extends CreditProfile {
  readonly entries: readonly CreditEntryRow[];
}

/** The credit read model. */
export const creditReadModel: ReadModel = {
  name: 'credit-view',
  migrate(database) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS credit_entry (
        credit_code TEXT NOT NULL, event_id TEXT NOT NULL, category TEXT NOT NULL, severity TEXT NOT NULL, legal_basis TEXT NOT NULL,
        source_department TEXT NOT NULL, decision_number TEXT NOT NULL, decision_date TEXT NOT NULL, effective_from TEXT, effective_until TEXT,
        rule_version TEXT NOT NULL, published INTEGER NOT NULL, display_from TEXT NOT NULL, display_until TEXT, repairable_from TEXT,
        document_digest TEXT NOT NULL, repaired_at TEXT, repair_reason TEXT, corrections INTEGER NOT NULL,
        recorded_at TEXT NOT NULL, recorded_tx TEXT NOT NULL, updated_tx TEXT NOT NULL,
        PRIMARY KEY (credit_code, event_id));
    `);
  },
  apply(database, event) {
    const data = eventFields(event);
    if (event.type === 'creditEventRecorded') recorded(database, data);
    else if (event.type === 'creditEventCorrected') corrected(database, data);
    else if (event.type === 'creditEventRepaired') {
      preparedStatement(database, 'UPDATE credit_entry SET repaired_at = ?, repair_reason = ?, updated_tx = ? WHERE credit_code = ? AND event_id = ?').run(
        data.instant('repairedAt') ?? data.meta('txTime'),
        data.text('reason'),
        data.meta('transactionId'),
        data.text('creditCode'),
        data.text('eventId'),
      );
    }
  },
};

function recorded(database: Database.Database, data: EventFields): void {
  const decisionDate = dayOf(data.instant('decisionDate')) ?? '';
  const severity = (data.text('severity') || 'none') as CreditSeverity;
  const ruleVersion = data.text('ruleVersion');
  preparedStatement(
    database,
    `INSERT OR IGNORE INTO credit_entry VALUES (@creditCode, @eventId, @category, @severity, @legalBasis, @sourceDepartment, @decisionNumber,
       @decisionDate, @effectiveFrom, @effectiveUntil, @ruleVersion, @published, @displayFrom, @displayUntil, @repairableFrom, @documentDigest,
       NULL, NULL, 0, @recordedAt, @recordedTx, @recordedTx)`,
  ).run({
    creditCode: data.text('creditCode'),
    eventId: data.text('eventId'),
    category: data.text('category'),
    severity,
    legalBasis: data.text('legalBasis'),
    sourceDepartment: data.text('sourceDepartment'),
    decisionNumber: data.text('decisionNumber'),
    decisionDate,
    ...windowOf(data, severity, ruleVersion, decisionDate),
    recordedAt: data.meta('txTime'),
    recordedTx: data.meta('transactionId'),
  });
}

function corrected(database: Database.Database, data: EventFields): void {
  const key = { creditCode: data.text('creditCode'), eventId: data.text('eventId') };
  const entry = preparedStatement(database, 'SELECT decision_date AS decisionDate FROM credit_entry WHERE credit_code = @creditCode AND event_id = @eventId').get(key) as
    | { decisionDate: string }
    | undefined;
  if (!entry) return;
  const severity = (data.text('severity') || 'none') as CreditSeverity;
  preparedStatement(
    database,
    `UPDATE credit_entry SET severity = @severity, legal_basis = @legalBasis, effective_from = @effectiveFrom, effective_until = @effectiveUntil,
       rule_version = @ruleVersion, published = @published, display_from = @displayFrom, display_until = @displayUntil, repairable_from = @repairableFrom,
       document_digest = @documentDigest, corrections = corrections + 1, updated_tx = @updatedTx
     WHERE credit_code = @creditCode AND event_id = @eventId`,
  ).run({
    ...key,
    severity,
    legalBasis: data.text('legalBasis'),
    ...windowOf(data, severity, data.text('ruleVersion'), entry.decisionDate),
    updatedTx: data.meta('transactionId'),
  });
}

/** The window fields an event carries, as the entry row stores them. */
function windowOf(data: EventFields, severity: CreditSeverity, ruleVersion: string, decisionDate: string): Record<string, string | number | null> {
  const effective = data.nested('effective');
  const display = data.nested('display');
  return {
    effectiveFrom: dayOf(effective.instant('from')) ?? null,
    effectiveUntil: dayOf(effective.instant('until')) ?? null,
    ruleVersion,
    published: isPublished(severity, ruleVersion, decisionDate) ? 1 : 0,
    displayFrom: dayOf(display.instant('from')) ?? decisionDate,
    displayUntil: dayOf(display.instant('until')) ?? null,
    repairableFrom: dayOf(data.instant('repairableFrom')) ?? null,
    documentDigest: data.text('documentDigest'),
  };
}

/** Whether the rule table that judged the entry publishes its grade (licences and honours always). */
function isPublished(severity: CreditSeverity, ruleVersion: string, decisionDate: string): boolean {
  if (severity === 'none') return true;
  const table = CREDIT_RULE_TABLES.find((candidate) => candidate.version === ruleVersion) ?? ruleTableAt(decisionDate);
  return table.grades[severity].published;
}

/** The China Standard Time calendar date of a canonical instant. */
function dayOf(instant: string | undefined): string | undefined {
  return instant === undefined ? undefined : dateOf(Date.parse(instant));
}

const COLUMNS = `SELECT credit_code AS creditCode, event_id AS eventId, category, severity, legal_basis AS legalBasis, source_department AS sourceDepartment,
  decision_number AS decisionNumber, decision_date AS decisionDate, effective_from AS effectiveFrom, effective_until AS effectiveUntil,
  rule_version AS ruleVersion, published, display_from AS displayFrom, display_until AS displayUntil, repairable_from AS repairableFrom,
  document_digest AS documentDigest, repaired_at AS repairedAt, repair_reason AS repairReason, corrections, recorded_at AS recordedAt,
  recorded_tx AS recordedTx, updated_tx AS updatedTx FROM credit_entry`;

/** Queries of the credit view. */
export const creditQueries = {
  /**
   * An enterprise's credit profile at `asOf`.
   * @param asOf - canonical ISO 8601 instant (the query time when the caller gives none)
   */
  profile(database: Database.Database, creditCode: string, asOf: string): CreditProfileView {
    const entries = (preparedStatement(database, `${COLUMNS} WHERE credit_code = ? ORDER BY event_id`).all(creditCode) as (Omit<CreditEntryRow, 'published'> & { published: number })[]).map(
      (row): CreditEntryRow => ({ ...row, published: row.published === 1 }),
    );
    const facts: CreditEntryFacts[] = entries.map((entry) => ({
      eventId: entry.eventId,
      category: entry.category,
      severity: entry.severity,
      published: entry.published,
      displayFrom: entry.displayFrom,
      ...(entry.displayUntil === null ? {} : { displayUntil: entry.displayUntil }),
      ...(entry.repairedAt === null ? {} : { repair: { at: entry.repairedAt } }),
    }));
    return { ...creditProfile(creditCode, facts, asOf), entries };
  },
};
