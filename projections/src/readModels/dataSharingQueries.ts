/**
 * Queries of the data-sharing view: traces of approved and reported exchanges by data subject,
 * by data resource and by department pair over a time range `[from, until)`, and the auditors'
 * exceptions (reported exchanges no valid authorisation covered). Each exchange comes with its
 * authorisation. A department sees only exchanges it provided or received; an auditor sees all.
 */
import type Database from 'better-sqlite3';
import { preparedStatement } from './preparedStatement';
import { afterKey, readPage, type CursorKey, type CursorList, type Page, type PageRequest } from './pageCursor';

/** Who is reading: an auditor sees every exchange, a department only those it is party to. */
export type SharingViewer = { readonly kind: 'auditor' } | { readonly kind: 'department'; readonly department: string };

/** A time range `[from, until)` of canonical ISO 8601 instants. */
export interface TimeRange {
  readonly from: string;
  readonly until: string;
}

/** An authorisation as the view shows it beside an exchange. */
export interface SharingAuthorisationRow {
  readonly authorisationId: string;
  readonly grantorKind: string;
  readonly grantor: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resourceCode: string;
  readonly sharingClass: string;
  readonly purpose: string;
  readonly fields: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
  readonly useLimit: number;
  readonly grantedAt: string;
  readonly grantedTx: string;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
}

/** Why a reported exchange is not covered: the chaincode's rule code, the field, and the detail. */
export interface ExchangeException {
  readonly rule: string;
  readonly field: string;
  readonly detail: string;
}

/** An approved or reported exchange. */
export interface SharingExchangeRow {
  readonly kind: 'approved' | 'reported';
  readonly authorisationId: string;
  /** The approval's transaction id, or the provider's report id. */
  readonly exchangeId: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resourceCode: string;
  readonly purpose: string;
  readonly fields: readonly string[];
  /** Pseudonym of the data subject, when there is one. */
  readonly dataSubject: string | null;
  /** Approval time (transaction time) or the reported exchange time. */
  readonly exchangedAt: string;
  readonly payloadDigest: string | null;
  /** The approval's transaction. */
  readonly transactionId: string | null;
  /** Where a report sits in the transparency log. */
  readonly logOrigin: string | null;
  readonly leafIndex: number | null;
  /** Whether a valid authorisation covered the exchange (approvals always are). */
  readonly covered: boolean;
  readonly exception: ExchangeException | null;
  /** Its authorisation; `null` when no such authorisation was granted. */
  readonly authorisation: SharingAuthorisationRow | null;
}

const EXCHANGES: CursorList = { name: 'sharing-exchanges', shape: ['text', 'integer'] };
const KEY = ['x.exchanged_at', 'x.position'] as const;

const SELECT = `SELECT x.kind, x.authorisation_id, x.exchange_id, x.provider, x.consumer, x.resource_code, x.purpose, x.fields, x.data_subject,
    x.exchanged_at, x.payload_digest, x.transaction_id, x.log_origin, x.leaf_index, x.position, x.covered, x.rule, x.rule_field, x.rule_detail,
    a.authorisation_id AS a_id, a.grantor_kind AS a_grantor_kind, a.grantor AS a_grantor, a.provider AS a_provider, a.consumer AS a_consumer,
    a.resource_code AS a_resource_code, a.sharing_class AS a_sharing_class, a.purpose AS a_purpose, a.fields AS a_fields, a.valid_from AS a_valid_from,
    a.valid_until AS a_valid_until, a.use_limit AS a_use_limit, a.granted_at AS a_granted_at, a.granted_tx AS a_granted_tx, a.revoked_at AS a_revoked_at,
    a.revocation_reason AS a_revocation_reason
  FROM sharing_exchange x LEFT JOIN sharing_authorisation a ON a.authorisation_id = x.authorisation_id`;

/** Queries of the data-sharing view. */
export const dataSharingQueries = {
  /** Exchanges of one data subject's data (by pseudonym), oldest first. */
  bySubject(database: Database.Database, viewer: SharingViewer, dataSubject: string, range: TimeRange, page: PageRequest): Page<SharingExchangeRow> {
    return exchanges(database, viewer, 'x.data_subject = ?', [dataSubject], range, page);
  },
  /** Exchanges of one data resource, oldest first. */
  byResource(database: Database.Database, viewer: SharingViewer, resourceCode: string, range: TimeRange, page: PageRequest): Page<SharingExchangeRow> {
    return exchanges(database, viewer, 'x.resource_code = ?', [resourceCode], range, page);
  },
  /** Exchanges from one providing department to one consuming department, oldest first. */
  byDepartmentPair(database: Database.Database, viewer: SharingViewer, provider: string, consumer: string, range: TimeRange, page: PageRequest): Page<SharingExchangeRow> {
    return exchanges(database, viewer, 'x.provider = ? AND x.consumer = ?', [provider, consumer], range, page);
  },
  /** Reported exchanges no valid authorisation covered at their time, oldest first. */
  exceptions(database: Database.Database, viewer: SharingViewer, range: TimeRange, page: PageRequest): Page<SharingExchangeRow> {
    return exchanges(database, viewer, 'x.covered = 0', [], range, page);
  },
};

function exchanges(database: Database.Database, viewer: SharingViewer, condition: string, parameters: readonly string[], range: TimeRange, page: PageRequest): Page<SharingExchangeRow> {
  const party = viewer.kind === 'auditor' ? [] : [viewer.department, viewer.department];
  return readPage(
    EXCHANGES,
    page,
    (after: CursorKey | undefined, rows: number) =>
      (
        preparedStatement(
            database,
            `${SELECT} WHERE ${condition} AND x.exchanged_at >= ? AND x.exchanged_at < ?
             ${viewer.kind === 'auditor' ? '' : 'AND (x.provider = ? OR x.consumer = ?)'} ${after ? `AND ${afterKey(KEY)}` : ''}
             ORDER BY x.exchanged_at, x.position LIMIT ?`,
        ).all(...parameters, range.from, range.until, ...party, ...(after ?? []), rows) as ExchangeJoin[]
      ),
    (row) => [row.exchanged_at, row.position],
    rowOf,
  );
}

interface ExchangeJoin {
  readonly kind: 'approved' | 'reported';
  readonly authorisation_id: string;
  readonly exchange_id: string;
  readonly provider: string;
  readonly consumer: string;
  readonly resource_code: string;
  readonly purpose: string;
  readonly fields: string;
  readonly data_subject: string | null;
  readonly exchanged_at: string;
  readonly payload_digest: string | null;
  readonly transaction_id: string | null;
  readonly log_origin: string | null;
  readonly leaf_index: number | null;
  readonly position: number;
  readonly covered: number;
  readonly rule: string | null;
  readonly rule_field: string | null;
  readonly rule_detail: string | null;
  readonly a_id: string | null;
  readonly a_grantor_kind: string;
  readonly a_grantor: string;
  readonly a_provider: string;
  readonly a_consumer: string;
  readonly a_resource_code: string;
  readonly a_sharing_class: string;
  readonly a_purpose: string;
  readonly a_fields: string;
  readonly a_valid_from: string;
  readonly a_valid_until: string;
  readonly a_use_limit: number;
  readonly a_granted_at: string;
  readonly a_granted_tx: string;
  readonly a_revoked_at: string | null;
  readonly a_revocation_reason: string | null;
}

function rowOf(row: ExchangeJoin): SharingExchangeRow {
  return {
    kind: row.kind,
    authorisationId: row.authorisation_id,
    exchangeId: row.exchange_id,
    provider: row.provider,
    consumer: row.consumer,
    resourceCode: row.resource_code,
    purpose: row.purpose,
    fields: JSON.parse(row.fields) as string[],
    dataSubject: row.data_subject,
    exchangedAt: row.exchanged_at,
    payloadDigest: row.payload_digest,
    transactionId: row.transaction_id,
    logOrigin: row.log_origin,
    leafIndex: row.leaf_index,
    covered: row.covered === 1,
    exception: row.covered === 1 ? null : { rule: row.rule ?? '', field: row.rule_field ?? '', detail: row.rule_detail ?? '' },
    authorisation:
      row.a_id === null
        ? null
        : {
            authorisationId: row.a_id,
            grantorKind: row.a_grantor_kind,
            grantor: row.a_grantor,
            provider: row.a_provider,
            consumer: row.a_consumer,
            resourceCode: row.a_resource_code,
            sharingClass: row.a_sharing_class,
            purpose: row.a_purpose,
            fields: JSON.parse(row.a_fields) as string[],
            validFrom: row.a_valid_from,
            validUntil: row.a_valid_until,
            useLimit: row.a_use_limit,
            grantedAt: row.a_granted_at,
            grantedTx: row.a_granted_tx,
            revokedAt: row.a_revoked_at,
            revocationReason: row.a_revocation_reason,
          },
  };
}
