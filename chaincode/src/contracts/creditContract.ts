/**
 * Business-environment credit (营商环境信用): entries recorded by their source department,
 * corrected or repaired (信用修复) by it with a reason, never deleted; and an enterprise's
 * credit profile computed by the pure rule in `rules/creditStatus.ts`.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { STATE } from '../ledger/stateKeys';
import { canonicalJson } from '../ledger/canonicalJson';
import { RequestReader, creditCodeOrRefuse } from '../rules/request';
import { Refusal } from '../rules/refusal';
import {
  CREDIT_CATEGORIES,
  CREDIT_SEVERITIES,
  NEGATIVE_CATEGORIES,
  displayWindow,
  severityFits,
  type CreditCategory,
  type CreditSeverity,
  type DisplayWindow,
} from '../rules/creditRules';
import { creditProfile } from '../rules/creditStatus';
import { dateOf, formatInstant, parseInstant, startOfDate, timestampOf } from '../rules/time';
import type { CreditEntryRecord } from '../model/records';
import type { suitrust } from '@suitrust/proto';

@Info({ title: 'Credit', description: 'Business-environment credit entries, their correction and repair, and credit profiles' })
export class CreditContract extends SuiTrustContract {
  constructor() {
    super('credit');
  }

  /**
   * Records a credit entry from the caller's department. The display window follows from the
   * grade, the decision date and the rule in force at that date; a stated `displayUntil` must
   * lie within the rule's bounds. Its event id is the transaction id.
   * Request: `{ creditCode, category, severity, legalBasis, decisionNumber, decisionDate,
   * effectiveFrom?, effectiveUntil?, displayUntil?, documentDigest }` (dates `YYYY-MM-DD`).
   */
  @Transaction()
  @Param('request', 'string', 'JSON { creditCode, category, severity, legalBasis, decisionNumber, decisionDate, effectiveFrom?, effectiveUntil?, displayUntil?, documentDigest }')
  @Returns('string')
  async record(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(
      request,
      ['creditCode', 'category', 'severity', 'legalBasis', 'decisionNumber', 'decisionDate', 'effectiveFrom', 'effectiveUntil', 'displayUntil', 'documentDigest'],
      ctx.isLegacyCreditCode,
    );
    const creditCode = await body.creditCode('creditCode');
    const category = body.oneOf<CreditCategory>('category', CREDIT_CATEGORIES);
    const severity = body.oneOf<CreditSeverity>('severity', CREDIT_SEVERITIES);
    if (!severityFits(category, severity)) throw new Refusal('CREDIT_SEVERITY_CATEGORY', 'severity', `a ${category} entry cannot be ${severity}`);
    const legalBasis = body.text('legalBasis', { max: 512 });
    const decisionNumber = body.text('decisionNumber', { max: 128 });
    const decisionDate = body.date('decisionDate');
    if (decisionDate > dateOf(ctx.txTimeMs)) throw new Refusal('CREDIT_DECISION_IN_FUTURE', 'decisionDate');
    const effectiveFrom = body.optionalDate('effectiveFrom') ?? decisionDate;
    const effectiveUntil = body.optionalDate('effectiveUntil');
    if (effectiveUntil !== undefined && effectiveUntil <= effectiveFrom) throw new Refusal('INPUT_PERIOD', 'effectiveUntil');
    const statedDisplayUntil = body.optionalDate('displayUntil');
    const documentDigest = body.digest('documentDigest');
    const window = windowOrRefuse({ category, severity, decisionDate, effectiveFrom, effectiveUntil, statedDisplayUntil });

    const decisionKey = [caller.department, decisionNumber];
    if (await ctx.read(STATE.creditDecision, ...decisionKey)) throw new Refusal('CREDIT_DECISION_EXISTS', 'decisionNumber');

    const eventId = ctx.txId;
    const stamp = { txId: ctx.txId, at: ctx.txTime };
    const record: CreditEntryRecord = {
      creditCode,
      eventId,
      category,
      severity,
      legalBasis,
      sourceDepartment: caller.department,
      decisionNumber,
      decisionDate,
      effectiveFrom,
      ...(effectiveUntil === undefined ? {} : { effectiveUntil }),
      ...windowFields(window),
      documentDigest,
      corrections: [],
      recorded: stamp,
      updated: stamp,
    };
    await ctx.write(STATE.creditEntry, [creditCode, eventId], record);
    await ctx.write(STATE.creditDecision, decisionKey, { creditCode, eventId });
    ctx.emit({
      aggregateType: 'enterprise',
      aggregateId: creditCode,
      creditEventRecorded: {
        creditCode,
        eventId,
        category,
        severity,
        legalBasis,
        sourceDepartment: caller.department,
        decisionNumber,
        decisionDate: dateTimestamp(decisionDate),
        effective: period(effectiveFrom, effectiveUntil),
        display: period(window.displayFrom, window.displayUntil),
        ruleVersion: window.ruleVersion,
        documentDigest: documentDigest.value,
        repairableFrom: window.repairableFrom === undefined ? null : dateTimestamp(window.repairableFrom),
      },
    });
    return canonicalJson(record);
  }

  /**
   * Corrects an entry (更正) by its source department, with a reason. Category, decision
   * number and decision date are the entry's identity and stay; a different decision is a new
   * entry. The window is recomputed under the rule of the decision date.
   * Request: `{ creditCode, eventId, reason, severity?, legalBasis?, effectiveUntil?, displayUntil?, documentDigest? }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { creditCode, eventId, reason, severity?, legalBasis?, effectiveUntil?, displayUntil?, documentDigest? }')
  @Returns('string')
  async correct(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(
      request,
      ['creditCode', 'eventId', 'reason', 'severity', 'legalBasis', 'effectiveUntil', 'displayUntil', 'documentDigest'],
      ctx.isLegacyCreditCode,
    );
    const entry = await this.#requireOwnEntry(ctx, body, caller.department);
    const reason = body.text('reason', { max: 512 });
    const severity = body.has('severity') ? body.oneOf<CreditSeverity>('severity', CREDIT_SEVERITIES) : entry.severity;
    if (!severityFits(entry.category, severity)) throw new Refusal('CREDIT_SEVERITY_CATEGORY', 'severity', `a ${entry.category} entry cannot be ${severity}`);
    const legalBasis = body.optionalText('legalBasis', { max: 512 }) ?? entry.legalBasis;
    const effectiveUntil = body.optionalDate('effectiveUntil') ?? entry.effectiveUntil;
    if (effectiveUntil !== undefined && effectiveUntil <= entry.effectiveFrom) throw new Refusal('INPUT_PERIOD', 'effectiveUntil');
    const statedDisplayUntil = body.optionalDate('displayUntil');
    const documentDigest = body.optionalDigest('documentDigest') ?? entry.documentDigest;
    const window = windowOrRefuse({
      category: entry.category,
      severity,
      decisionDate: entry.decisionDate,
      effectiveFrom: entry.effectiveFrom,
      effectiveUntil,
      statedDisplayUntil,
    });

    const { displayUntil: _display, repairableFrom: _repairable, effectiveUntil: _effective, ...kept } = entry;
    const record: CreditEntryRecord = {
      ...kept,
      severity,
      legalBasis,
      ...(effectiveUntil === undefined ? {} : { effectiveUntil }),
      ...windowFields(window),
      documentDigest,
      corrections: [...entry.corrections, { reason, at: ctx.txTime, txId: ctx.txId }],
      updated: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.creditEntry, [entry.creditCode, entry.eventId], record);
    ctx.emit({
      aggregateType: 'enterprise',
      aggregateId: entry.creditCode,
      creditEventCorrected: {
        creditCode: entry.creditCode,
        eventId: entry.eventId,
        reason,
        severity,
        legalBasis,
        effective: period(entry.effectiveFrom, effectiveUntil),
        display: period(window.displayFrom, window.displayUntil),
        documentDigest: documentDigest.value,
        ruleVersion: window.ruleVersion,
        repairableFrom: window.repairableFrom === undefined ? null : dateTimestamp(window.repairableFrom),
      },
    });
    return canonicalJson(record);
  }

  /**
   * Repairs a published negative entry (信用修复) once the rule's minimum display period has
   * passed: display stops from the transaction time; the entry stays in the history.
   * Request: `{ creditCode, eventId, reason, documentDigest }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { creditCode, eventId, reason, documentDigest }')
  @Returns('string')
  async repair(ctx: SuiTrustContext, request: string): Promise<string> {
    const caller = await ctx.requireRole('officer', 'issuer');
    const body = RequestReader.parse(request, ['creditCode', 'eventId', 'reason', 'documentDigest'], ctx.isLegacyCreditCode);
    const entry = await this.#requireOwnEntry(ctx, body, caller.department);
    const reason = body.text('reason', { max: 512 });
    const documentDigest = body.digest('documentDigest');
    if (!NEGATIVE_CATEGORIES.includes(entry.category) || !entry.published || entry.repairableFrom === undefined) {
      throw new Refusal('CREDIT_NOT_REPAIRABLE', 'eventId');
    }
    if (entry.repair !== undefined) throw new Refusal('CREDIT_ALREADY_REPAIRED', 'eventId');
    if (ctx.txTimeMs < startOfDate(entry.repairableFrom)) {
      throw new Refusal('CREDIT_REPAIR_TOO_EARLY', 'eventId', `repair is possible from ${entry.repairableFrom} (${entry.ruleVersion})`);
    }

    const record: CreditEntryRecord = {
      ...entry,
      repair: { reason, documentDigest, at: ctx.txTime, txId: ctx.txId },
      updated: { txId: ctx.txId, at: ctx.txTime },
    };
    await ctx.write(STATE.creditEntry, [entry.creditCode, entry.eventId], record);
    ctx.emit({
      aggregateType: 'enterprise',
      aggregateId: entry.creditCode,
      creditEventRepaired: {
        creditCode: entry.creditCode,
        eventId: entry.eventId,
        reason,
        documentDigest: documentDigest.value,
        repairedAt: timestampOf(ctx.txTime),
      },
    });
    return canonicalJson(record);
  }

  /**
   * An enterprise's credit profile: its status and entries sorted into active, repaired,
   * expired, pending and unpublished, at `asOf` (ISO 8601; empty: the transaction time).
   */
  @Transaction(false)
  @Param('creditCode', 'string', 'the enterprise\'s unified social credit code')
  @Param('asOf', 'string', 'ISO 8601 instant, or empty for the transaction time')
  @Returns('string')
  async getProfile(ctx: SuiTrustContext, creditCode: string, asOf: string): Promise<string> {
    await creditCodeOrRefuse(creditCode, 'creditCode', ctx.isLegacyCreditCode);
    let at = ctx.txTime;
    if (asOf !== '') {
      const ms = parseInstant(asOf);
      if (ms === undefined) throw new Refusal('INPUT_TIME', 'asOf');
      at = formatInstant(ms);
    }
    const entries = await ctx.list<CreditEntryRecord>(STATE.creditEntry, creditCode);
    return canonicalJson({ ...creditProfile(creditCode, entries, at), entries });
  }

  /** Every version of a credit entry, oldest first. */
  @Transaction(false)
  @Param('creditCode', 'string', 'the enterprise\'s unified social credit code')
  @Param('eventId', 'string', 'the entry\'s event id')
  @Returns('string')
  async getHistory(ctx: SuiTrustContext, creditCode: string, eventId: string): Promise<string> {
    if (!(await ctx.read(STATE.creditEntry, creditCode, eventId))) throw new Refusal('CREDIT_EVENT_UNKNOWN', 'eventId');
    return canonicalJson(await ctx.history<CreditEntryRecord>(STATE.creditEntry, creditCode, eventId));
  }

  async #requireOwnEntry(ctx: SuiTrustContext, body: RequestReader, department: string): Promise<CreditEntryRecord> {
    const creditCode = await body.creditCode('creditCode');
    const eventId = body.text('eventId', { max: 128 });
    const entry = await ctx.read<CreditEntryRecord>(STATE.creditEntry, creditCode, eventId);
    if (!entry) throw new Refusal('CREDIT_EVENT_UNKNOWN', 'eventId');
    if (entry.sourceDepartment !== department) throw new Refusal('ACCESS_NOT_SOURCE', 'dept');
    return entry;
  }
}

function windowOrRefuse(entry: Parameters<typeof displayWindow>[0]): DisplayWindow {
  if (entry.statedDisplayUntil !== undefined && entry.severity === 'none') {
    throw new Refusal('CREDIT_DISPLAY_BOUNDS', 'displayUntil', 'licences and honours are displayed while in effect; state effectiveUntil');
  }
  const result = displayWindow(entry);
  if (!result.ok) {
    throw new Refusal('CREDIT_DISPLAY_BOUNDS', 'displayUntil', `the display must end between ${result.earliestEnd} and ${result.latestEnd}`);
  }
  return result.window;
}

function windowFields(window: DisplayWindow): Pick<CreditEntryRecord, 'ruleVersion' | 'published' | 'displayFrom' | 'displayUntil' | 'repairableFrom'> {
  return {
    ruleVersion: window.ruleVersion,
    published: window.published,
    displayFrom: window.displayFrom,
    ...(window.displayUntil === undefined ? {} : { displayUntil: window.displayUntil }),
    ...(window.repairableFrom === undefined ? {} : { repairableFrom: window.repairableFrom }),
  };
}

function dateTimestamp(date: string): suitrust.events.v1.ITimestamp {
  return { seconds: startOfDate(date) / 1000, nanos: 0 };
}

function period(from: string, until: string | undefined): suitrust.events.v1.IPeriod {
  return { from: dateTimestamp(from), until: until === undefined ? null : dateTimestamp(until) };
}
