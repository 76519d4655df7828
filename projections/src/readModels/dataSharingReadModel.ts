/**
 * The data-sharing read model: every authorisation, every exchange approved under one (chaincode
 * `exchangeApproved` events) and every exchange reported after the fact (`exchangeReported`
 * events, which the transparency log's follower appends to `reported-exchange-<authorisation>`
 * streams), for the traces auditors and departments ask for.
 *
 * Each reported exchange carries the verdict of the chaincode's own `judgeExchange` against the
 * authorisation as it stood at the exchange time (`authorisationAsOf`: revoked only if revoked
 * by then; uses counted so far). The uses counted are the earlier reports of the same
 * authorisation that were covered, in exchange-time order: a report is the record that data
 * moved, while an approval is only the permission asked before, so counting approvals too would
 * count each exchange twice. Facts can arrive late (a report before its grant is relayed, a
 * revocation relayed after a report of a later exchange), so whenever one arrives the reports it
 * can change are judged again; the verdicts depend only on the events, never on their arrival
 * order beyond ties of exchange time, which the order of arrival breaks.
 *
 * The order of arrival is the model's own sequence (`position`: 1, 2, 3… in the event store's
 * global order), not the store's position: KurrentDB's positions (commit × 2⁶⁴ + prepare) do not
 * fit SQLite's 64-bit integers.
 */
import type Database from 'better-sqlite3';
import { authorisationAsOf, judgeExchange, type AuthorisationRecord, type ExchangeVerdict } from '@suitrust/chaincode';
import type { RecordedEvent } from '../eventStore/eventData';
import type { ReadModel } from './readModelProcessor';
import { eventFields, type EventFields } from './eventFields';
import { preparedStatement } from './preparedStatement';

/** The event type the transparency log's follower appends for a reported exchange. */
export const EXCHANGE_REPORTED = 'exchangeReported';

/** The data-sharing read model. */
export const dataSharingReadModel: ReadModel = {
  name: 'data-sharing-view',
  migrate(database) {
    database.exec(`
      CREATE TABLE IF NOT EXISTS sharing_authorisation (
        authorisation_id TEXT PRIMARY KEY, grantor_kind TEXT NOT NULL, grantor TEXT NOT NULL, provider TEXT NOT NULL,
        consumer TEXT NOT NULL, resource_code TEXT NOT NULL, sharing_class TEXT NOT NULL, purpose TEXT NOT NULL,
        fields TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, use_limit INTEGER NOT NULL,
        consent_digest TEXT, recorded_by_msp TEXT NOT NULL, recorded_by_department TEXT NOT NULL,
        granted_at TEXT NOT NULL, granted_tx TEXT NOT NULL, revoked_at TEXT, revocation_reason TEXT, revoked_tx TEXT);
      CREATE TABLE IF NOT EXISTS sharing_exchange (
        event_id TEXT PRIMARY KEY, kind TEXT NOT NULL, authorisation_id TEXT NOT NULL, exchange_id TEXT NOT NULL,
        provider TEXT NOT NULL, consumer TEXT NOT NULL, resource_code TEXT NOT NULL, purpose TEXT NOT NULL, fields TEXT NOT NULL,
        reported_subject TEXT, data_subject TEXT, exchanged_at TEXT NOT NULL, payload_digest TEXT, use_number INTEGER,
        transaction_id TEXT, log_origin TEXT, leaf_index INTEGER, reported_by TEXT, position INTEGER NOT NULL,
        covered INTEGER NOT NULL, rule TEXT, rule_field TEXT, rule_detail TEXT);
      CREATE UNIQUE INDEX IF NOT EXISTS sharing_exchange_by_position ON sharing_exchange (position);
      CREATE INDEX IF NOT EXISTS sharing_exchange_by_subject ON sharing_exchange (data_subject, exchanged_at, position);
      CREATE INDEX IF NOT EXISTS sharing_exchange_by_resource ON sharing_exchange (resource_code, exchanged_at, position);
      CREATE INDEX IF NOT EXISTS sharing_exchange_by_pair ON sharing_exchange (provider, consumer, exchanged_at, position);
      CREATE INDEX IF NOT EXISTS sharing_exchange_by_authorisation ON sharing_exchange (authorisation_id, kind, exchanged_at, position);
      CREATE INDEX IF NOT EXISTS sharing_exchange_exceptions ON sharing_exchange (exchanged_at, position) WHERE covered = 0;
    `);
  },
  apply(database, event) {
    const fields = eventFields(event);
    switch (event.type) {
      case 'authorisationGranted':
        return granted(database, fields);
      case 'authorisationRevoked':
        return revoked(database, fields);
      case 'exchangeApproved':
        return approved(database, event, fields);
      case EXCHANGE_REPORTED:
        return reported(database, event, fields);
      default:
        return undefined;
    }
  },
};

function granted(database: Database.Database, data: EventFields): void {
  const authorisationId = data.text('authorisationId');
  const validity = data.nested('validity');
  preparedStatement(
    database,
    `INSERT OR IGNORE INTO sharing_authorisation VALUES (@authorisationId, @grantorKind, @grantor, @provider, @consumer, @resourceCode,
       @sharingClass, @purpose, @fields, @validFrom, @validUntil, @useLimit, @consentDigest, @msp, @department, @grantedAt, @grantedTx, NULL, NULL, NULL)`,
  ).run({
    authorisationId,
    grantorKind: data.text('grantorKind'),
    grantor: data.text('grantor'),
    provider: data.text('provider'),
    consumer: data.text('consumer'),
    resourceCode: data.text('resourceCode'),
    sharingClass: data.text('sharingClass'),
    purpose: data.text('purpose'),
    fields: JSON.stringify(data.texts('fields')),
    validFrom: validity.instant('from') ?? '',
    validUntil: validity.instant('until') ?? '',
    useLimit: data.count('useLimit'),
    consentDigest: data.text('consentDigest') || null,
    msp: data.meta('submitterMsp'),
    department: data.meta('submitterDepartment'),
    grantedAt: data.meta('txTime'),
    grantedTx: data.meta('transactionId'),
  });
  // Reports may have come before the grant was relayed: they were judged against no authorisation.
  judgeReports(database, authorisationId);
}

function revoked(database: Database.Database, data: EventFields): void {
  const authorisationId = data.text('authorisationId');
  const revokedAt = data.meta('txTime');
  preparedStatement(database, 'UPDATE sharing_authorisation SET revoked_at = ?, revocation_reason = ?, revoked_tx = ? WHERE authorisation_id = ? AND revoked_at IS NULL').run(
    revokedAt,
    data.text('reason'),
    data.meta('transactionId'),
    authorisationId,
  );
  // Only exchanges from the revocation on can change verdict.
  judgeReports(database, authorisationId, { exchangedAt: revokedAt, position: 0 });
}

function approved(database: Database.Database, event: Pick<RecordedEvent, 'id'>, data: EventFields): void {
  const authorisationId = data.text('authorisationId');
  const authorisation = authorisationRow(database, authorisationId);
  insertExchange(database, {
    eventId: event.id,
    kind: 'approved',
    authorisationId,
    exchangeId: data.text('exchangeId'),
    provider: data.text('provider'),
    consumer: data.text('consumer'),
    resourceCode: data.text('resourceCode'),
    purpose: data.text('purpose'),
    fields: JSON.stringify(data.texts('fields')),
    reportedSubject: null,
    // The data subject of an approved exchange is the subject who granted the authorisation.
    dataSubject: authorisation?.grantor_kind === 'subject' ? authorisation.grantor : null,
    exchangedAt: data.meta('txTime'),
    payloadDigest: data.text('payloadDigest') || null,
    useNumber: data.count('useNumber') || null,
    transactionId: data.meta('transactionId'),
    logOrigin: null,
    leafIndex: null,
    reportedBy: data.meta('submitterDepartment'),
    covered: 1,
    rule: null,
    ruleField: null,
    ruleDetail: null,
  });
}

function reported(database: Database.Database, event: Pick<RecordedEvent, 'id'>, data: EventFields): void {
  const authorisationId = data.text('authorisationId');
  const exchangedAt = data.instant('exchangedAt') ?? '';
  const reportedSubject = data.text('dataSubject') || null;
  const leafIndex = Number(data.meta('leafIndex'));
  insertExchange(database, {
    eventId: event.id,
    kind: 'reported',
    authorisationId,
    exchangeId: data.text('reportId'),
    provider: data.text('provider'),
    consumer: data.text('consumer'),
    resourceCode: data.text('resourceCode'),
    purpose: data.text('purpose'),
    fields: JSON.stringify(data.texts('fields')),
    reportedSubject,
    dataSubject: reportedSubject,
    exchangedAt,
    payloadDigest: data.text('payloadDigest') || null,
    useNumber: null,
    transactionId: null,
    logOrigin: data.meta('origin') || null,
    leafIndex: Number.isSafeInteger(leafIndex) && data.meta('leafIndex') !== '' ? leafIndex : null,
    reportedBy: data.meta('submitterDepartment'),
    covered: 0,
    rule: null,
    ruleField: null,
    ruleDetail: null,
  });
  const { position } = preparedStatement(database, 'SELECT position FROM sharing_exchange WHERE event_id = ?').get(event.id) as { position: number };
  judgeReports(database, authorisationId, { exchangedAt, position });
}

/** A row of `sharing_authorisation`. */
interface AuthorisationRow {
  readonly authorisation_id: string;
  readonly grantor_kind: string;
  readonly grantor: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resource_code: string;
  readonly sharing_class: string;
  readonly purpose: string;
  readonly fields: string;
  readonly valid_from: string;
  readonly valid_until: string;
  readonly use_limit: number;
  readonly recorded_by_msp: string;
  readonly recorded_by_department: string;
  readonly granted_at: string;
  readonly granted_tx: string;
  readonly revoked_at: string | null;
}

interface ReportRow {
  readonly event_id: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resource_code: string;
  readonly purpose: string;
  readonly fields: string;
  readonly reported_subject: string | null;
  readonly data_subject: string | null;
  readonly exchanged_at: string;
  readonly position: number;
  readonly covered: number;
  readonly rule: string | null;
  readonly rule_field: string | null;
  readonly rule_detail: string | null;
}

function authorisationRow(database: Database.Database, authorisationId: string): AuthorisationRow | undefined {
  return preparedStatement(database, 'SELECT * FROM sharing_authorisation WHERE authorisation_id = ?').get(authorisationId) as AuthorisationRow | undefined;
}

/** The authorisation as the chaincode's record type, from its row. */
function recordOf(row: AuthorisationRow): AuthorisationRecord {
  const granted = { txId: row.granted_tx, at: row.granted_at };
  return {
    authorisationId: row.authorisation_id,
    grantorKind: row.grantor_kind as AuthorisationRecord['grantorKind'],
    grantor: row.grantor,
    provider: row.provider,
    consumer: row.consumer,
    resourceCode: row.resource_code,
    sharingClass: row.sharing_class as AuthorisationRecord['sharingClass'],
    purpose: row.purpose,
    fields: JSON.parse(row.fields) as string[],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    useLimit: row.use_limit,
    uses: 0,
    status: 'active',
    recordedBy: { mspId: row.recorded_by_msp, department: row.recorded_by_department },
    granted,
    updated: granted,
  };
}

/**
 * Judges again the reports of one authorisation from `from` on (all of them without it), in
 * exchange-time order, counting the covered reports before each as its uses so far.
 */
function judgeReports(database: Database.Database, authorisationId: string, from?: { exchangedAt: string; position: number }): void {
  const row = authorisationRow(database, authorisationId);
  const authorisation = row === undefined ? undefined : recordOf(row);
  const start = from ?? { exchangedAt: '', position: 0 };
  let usesSoFar = (
    preparedStatement(
      database,
      `SELECT COUNT(*) AS uses FROM sharing_exchange WHERE authorisation_id = ? AND kind = 'reported' AND covered = 1 AND (exchanged_at, position) < (?, ?)`,
    ).get(authorisationId, start.exchangedAt, start.position) as { uses: number }
  ).uses;
  const reports = preparedStatement(
    database,
    `SELECT * FROM sharing_exchange WHERE authorisation_id = ? AND kind = 'reported' AND (exchanged_at, position) >= (?, ?) ORDER BY exchanged_at, position`,
  ).all(authorisationId, start.exchangedAt, start.position) as ReportRow[];
  for (const report of reports) {
    const verdict = judgeReport(authorisation, row?.revoked_at ?? undefined, report, usesSoFar);
    if (verdict.ok) usesSoFar += 1;
    const dataSubject = report.reported_subject ?? (authorisation?.grantorKind === 'subject' ? authorisation.grantor : null);
    const next = verdict.ok ? { covered: 1, rule: null, field: null, detail: null } : { covered: 0, rule: verdict.rule, field: verdict.field, detail: verdict.detail };
    if (next.covered === report.covered && next.rule === report.rule && next.field === report.rule_field && next.detail === report.rule_detail && dataSubject === report.data_subject) continue;
    preparedStatement(database, 'UPDATE sharing_exchange SET covered = ?, rule = ?, rule_field = ?, rule_detail = ?, data_subject = ? WHERE event_id = ?').run(
      next.covered,
      next.rule,
      next.field,
      next.detail,
      dataSubject,
      report.event_id,
    );
  }
}

/** The verdict on one report: the chaincode's rule, against the authorisation as it stood then. */
function judgeReport(authorisation: AuthorisationRecord | undefined, revokedAt: string | undefined, report: ReportRow, usesSoFar: number): ExchangeVerdict {
  if (authorisation === undefined) return { ok: false, rule: 'AUTHORISATION_UNKNOWN', field: 'authorisationId', detail: 'no authorisation with this id was granted' };
  const at = Date.parse(report.exchanged_at);
  if (Number.isNaN(at)) return { ok: false, rule: 'INPUT_TIME', field: 'exchangedAt', detail: 'the report carries no exchange time' };
  const exchange = { provider: report.provider, consumer: report.consumer, resourceCode: report.resource_code, purpose: report.purpose, fields: JSON.parse(report.fields) as string[] };
  return judgeExchange(authorisationAsOf(authorisation, revokedAt, at, usesSoFar), exchange, at);
}

interface ExchangeInsert {
  readonly eventId: string;
  readonly kind: 'approved' | 'reported';
  readonly authorisationId: string;
  readonly exchangeId: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resourceCode: string;
  readonly purpose: string;
  readonly fields: string;
  readonly reportedSubject: string | null;
  readonly dataSubject: string | null;
  readonly exchangedAt: string;
  readonly payloadDigest: string | null;
  readonly useNumber: number | null;
  readonly transactionId: string | null;
  readonly logOrigin: string | null;
  readonly leafIndex: number | null;
  readonly reportedBy: string;
  readonly covered: number;
  readonly rule: string | null;
  readonly ruleField: string | null;
  readonly ruleDetail: string | null;
}

function insertExchange(database: Database.Database, row: ExchangeInsert): void {
  preparedStatement(
    database,
    `INSERT OR IGNORE INTO sharing_exchange VALUES (@eventId, @kind, @authorisationId, @exchangeId, @provider, @consumer, @resourceCode, @purpose,
       @fields, @reportedSubject, @dataSubject, @exchangedAt, @payloadDigest, @useNumber, @transactionId, @logOrigin, @leafIndex, @reportedBy,
       (SELECT IFNULL(MAX(position), 0) + 1 FROM sharing_exchange), @covered, @rule, @ruleField, @ruleDetail)`,
  ).run(row);
}
