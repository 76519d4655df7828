/**
 * Seeds a realistic demo through the gateway's HTTP API only, as departments would use it:
 * certificate types; thousands of certificates issued by market regulation to residents with
 * valid identity numbers; their uses by the tax bureau, the data bureau and market regulation
 * itself; some suspensions and revocations; data-sharing authorisations and exchanges approved
 * under them; credit entries for enterprises with valid credit codes (licences, honours,
 * penalties) and repairs of the older penalties; evidence for court cases.
 *
 * Every write carries an idempotency key derived from what it is, so a seed interrupted and run
 * again within a day writes nothing twice; a finished seed leaves a marker (an evidence record),
 * and a later run that finds it does nothing.
 */
import { SEED_PARTS, type SeedCaller, type SeedPart } from './seedCallers';
import { demoCertificateId, demoDigest, demoEnterpriseCode, demoResidentId, demoTypeCode } from './demoIdentifiers';

/** How much to seed. */
export interface SeedScale {
  readonly certificates: number;
  readonly enterprises: number;
  readonly evidence: number;
}

/** The default scale: thousands of certificates. */
export const DEFAULT_SEED_SCALE: SeedScale = { certificates: 3000, enterprises: 300, evidence: 200 };

/** Options of {@link seedDemo}. */
export interface SeedDemoOptions {
  /** The gateway's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  readonly callers: Readonly<Record<SeedPart, SeedCaller>>;
  readonly scale?: SeedScale;
  /** Requests in flight at once; 32 by default. */
  readonly concurrency?: number;
  /** Told of progress, a line at a time. */
  readonly onProgress?: (line: string) => void;
  /** The current time, which the demo's dates are set back from; now by default. */
  readonly now?: Date;
}

/** What a seed wrote (or, when it found the marker, would have). */
export interface SeedSummary {
  /** True when the demo was already there and nothing was written. */
  readonly alreadySeeded: boolean;
  readonly certificateTypes: number;
  readonly certificates: number;
  readonly holders: number;
  readonly uses: number;
  readonly suspensions: number;
  readonly revocations: number;
  readonly authorisations: number;
  readonly exchanges: number;
  readonly creditEvents: number;
  readonly repairs: number;
  readonly evidence: number;
}

/** A write the gateway refused: the problem it answered. */
export class SeedError extends Error {
  readonly status: number;
  readonly problem: unknown;

  constructor(message: string, status: number, problem: unknown) {
    super(message);
    this.name = SeedError.name;
    this.status = status;
    this.problem = problem;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Answers worth retrying with the same key: conflicts retried out, ledger unavailable, key still in flight. */
const RETRIED_STATUSES = new Set([409, 503]);
const RETRIED_CODES = new Set(['LEDGER_CONFLICT', 'LEDGER_UNAVAILABLE', 'IDEMPOTENCY_KEY_IN_FLIGHT']);
const ATTEMPTS = 6;
/** The marker a finished seed leaves: the evidence of this text's digest. */
const MARKER = 'suitrust demo seed v1: finished';
const MATTERS = [
  { part: 'taxOfficer', matterCode: 'TAX-REG-001', purpose: '税务登记' },
  { part: 'dataOfficer', matterCode: 'GOV-SVC-014', purpose: '一网通办 企业开办' },
  { part: 'marketOfficer', matterCode: 'MKT-ANN-003', purpose: '企业年报核验' },
] as const;
const CERTIFICATE_TYPES = ['营业执照', '食品经营许可证', '药品经营许可证'];
const RESOURCES = ['MR-ENTERPRISE-BASIC', 'MR-LICENCE-STATUS', 'MR-PENALTY-RECORD'];

/**
 * Seeds the demo; resolves with what it wrote.
 * @throws {SeedError} when the gateway refuses a write for good
 * @example
 * ```ts
 * const callers = await loadSeedCallers('.suitrust/gateway/credentials.json', profile);
 * const summary = await seedDemo({ baseUrl: 'http://127.0.0.1:8080', callers, onProgress: console.log });
 * ```
 */
export async function seedDemo(options: Readonly<SeedDemoOptions>): Promise<SeedSummary> {
  const scale = options.scale ?? DEFAULT_SEED_SCALE;
  const concurrency = options.concurrency ?? 32;
  const progress = options.onProgress ?? (() => undefined);
  const now = options.now ?? new Date();
  const { callers } = options;
  for (const part of SEED_PARTS) if (!callers[part]) throw new Error(`callers.${part}: missing`);

  const call = async (part: SeedPart, method: 'GET' | 'POST', path: string, key?: string, body?: object): Promise<{ status: number; json: Record<string, unknown> }> => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(new URL(path, options.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${callers[part].token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key === undefined ? {} : { 'idempotency-key': key }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      const retry = RETRIED_STATUSES.has(response.status) && RETRIED_CODES.has(String(json['code']));
      if (!retry || attempt === ATTEMPTS) return { status: response.status, json };
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  };
  const write = async (part: SeedPart, path: string, key: string, body: object): Promise<Record<string, unknown>> => {
    const { status, json } = await call(part, 'POST', path, `seed-v1-${key}`, body);
    if (status >= 300) throw new SeedError(`seed: POST ${path} (${key}) answered ${status} ${String(json['code'])}: ${String(json['detail'])}`, status, json);
    return (json['record'] ?? {}) as Record<string, unknown>;
  };
  /** Runs `count` writes, `concurrency` at a time, reporting every tenth of the way. */
  const many = async (label: string, count: number, one: (index: number) => Promise<unknown>, width = concurrency): Promise<void> => {
    let next = 0;
    let done = 0;
    const step = Math.max(1, Math.ceil(count / 10));
    const worker = async (): Promise<void> => {
      for (let index = next++; index < count; index = next++) {
        await one(index);
        done++;
        if (done % step === 0 || done === count) progress(`seed: ${label} ${done}/${count}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  };

  const market = callers.issuer.department;
  const tax = callers.taxOfficer.department;
  const dataBureau = callers.dataOfficer.department;
  const markerDigest = demoDigest(MARKER);
  const holders = Math.max(1, Math.ceil(scale.certificates / 2));
  const typeCodes = CERTIFICATE_TYPES.map((_, index) => demoTypeCode(market, index + 1));
  const certificateOf = (index: number): string => demoCertificateId(typeCodes[index % typeCodes.length] as string, market, index);
  // Every certificate is used once, and the first half of them a second time.
  const uses = Math.floor(scale.certificates * 1.5);
  const suspended = (index: number): boolean => index % 50 === 7;
  const revoked = (index: number): boolean => index % 97 === 11;
  const authorisationsCount = RESOURCES.length * 2;
  const exchangesPerAuthorisation = Math.max(1, Math.ceil(scale.enterprises / 10));
  const repairable = (index: number): boolean => index % 4 === 2;
  const creditEventsPerEnterprise = 3;

  const summary: SeedSummary = {
    alreadySeeded: false,
    certificateTypes: typeCodes.length,
    certificates: scale.certificates,
    holders,
    uses,
    suspensions: count(scale.certificates, (index) => suspended(index) && !revoked(index)),
    revocations: count(scale.certificates, revoked),
    authorisations: authorisationsCount,
    exchanges: authorisationsCount * exchangesPerAuthorisation,
    creditEvents: scale.enterprises * creditEventsPerEnterprise,
    repairs: count(scale.enterprises, repairable),
    evidence: scale.evidence,
  };
  const marker = await call('judge', 'GET', `/evidence/sm3/${markerDigest}`);
  if (marker.status === 200) {
    progress('seed: the demo is already there; nothing to do');
    return { ...summary, alreadySeeded: true };
  }

  progress(`seed: ${scale.certificates} certificates for ${holders} residents, ${scale.enterprises} enterprises, ${scale.evidence} pieces of evidence`);
  await many('certificate types', typeCodes.length, (index) =>
    write('admin', '/certificate-types', `type-${index}`, { typeCode: typeCodes[index], name: CERTIFICATE_TYPES[index], issuers: [market] }),
  );
  await many('certificates', scale.certificates, (index) =>
    write('issuer', '/certificates', `certificate-${index}`, {
      certificateId: certificateOf(index),
      holder: { idNumber: demoResidentId(index % holders) },
      contentDigest: { algorithm: 'sm3', value: demoDigest(`certificate ${index}`) },
      validFrom: isoDay(now.getTime() - (400 + (index % 300)) * DAY_MS),
      validUntil: isoDay(now.getTime() + (1000 + (index % 700)) * DAY_MS),
    }),
  );
  // The tax bureau, the data bureau and market regulation use certificates in turn.
  await many('certificate uses', uses, (index) => {
    const certificate = index % scale.certificates;
    const matter = MATTERS[index % MATTERS.length] as (typeof MATTERS)[number];
    return write(matter.part, `/certificates/${encodeURIComponent(certificateOf(certificate))}/uses`, `use-${index}`, { matterCode: matter.matterCode, purpose: matter.purpose });
  });
  await many('suspensions and revocations', scale.certificates, async (index) => {
    if (revoked(index)) await write('issuer', `/certificates/${encodeURIComponent(certificateOf(index))}/revocation`, `revocation-${index}`, { reason: '以欺骗手段取得，依法撤销' });
    else if (suspended(index)) await write('issuer', `/certificates/${encodeURIComponent(certificateOf(index))}/suspension`, `suspension-${index}`, { reason: '责令停业整顿期间暂扣' });
  });

  const authorisationIds: string[] = [];
  await many('authorisations', authorisationsCount, async (index) => {
    const resourceCode = RESOURCES[index % RESOURCES.length] as string;
    const consumer = index < RESOURCES.length ? tax : dataBureau;
    const record = await write('marketOfficer', '/authorisations', `authorisation-${index}`, {
      grantorKind: 'department',
      provider: market,
      consumer,
      resourceCode,
      sharingClass: index % 2 === 0 ? 'unconditional' : 'conditional',
      purpose: consumer === tax ? '税收征管' : '一网通办',
      fields: ['creditCode', 'name', 'status'],
      validFrom: isoDay(now.getTime() - 30 * DAY_MS),
      validUntil: isoDay(now.getTime() + 365 * DAY_MS),
    });
    authorisationIds[index] = String(record['authorisationId']);
  });
  // One exchange at a time per authorisation: each approval updates its authorisation.
  await many(
    'approved exchanges',
    authorisationsCount,
    async (index) => {
      for (let exchange = 0; exchange < exchangesPerAuthorisation; exchange++) {
        const resourceCode = RESOURCES[index % RESOURCES.length] as string;
        await write('marketOfficer', `/authorisations/${authorisationIds[index]}/exchanges`, `exchange-${index}-${exchange}`, {
          consumer: index < RESOURCES.length ? tax : dataBureau,
          resourceCode,
          purpose: index < RESOURCES.length ? '税收征管' : '一网通办',
          fields: ['creditCode', 'status'],
          payloadDigest: { algorithm: 'sm3', value: demoDigest(`exchange ${index} ${exchange}`) },
        });
      }
    },
  );

  const penaltyIds: string[] = [];
  await many('credit events', scale.enterprises, async (index) => {
    const code = demoEnterpriseCode(index);
    const recordEntry = (kind: string, part: SeedPart, body: object) =>
      write(part, `/enterprises/${code}/credit-events`, `credit-${kind}-${index}`, { ...body, documentDigest: { algorithm: 'sm3', value: demoDigest(`credit ${kind} ${index}`) } });
    await recordEntry('licence', 'marketOfficer', { category: 'licence', severity: 'none', legalBasis: '《市场主体登记管理条例》第二十一条', decisionNumber: `沪市监登字〔${index}〕号`, decisionDate: isoDate(now.getTime() - (500 + (index % 200)) * DAY_MS) });
    await recordEntry('honour', 'taxOfficer', { category: 'honour', severity: 'none', legalBasis: '纳税信用A级评价', decisionNumber: `沪税信〔${index}〕号`, decisionDate: isoDate(now.getTime() - (100 + (index % 100)) * DAY_MS) });
    const penalty = await recordEntry('penalty', 'marketOfficer', {
      category: 'penalty',
      severity: 'ordinary',
      legalBasis: '《中华人民共和国食品安全法》第一百二十六条',
      decisionNumber: `沪市监罚〔${index}〕号`,
      // Old enough (over the three-month minimum, within the year) to be repaired.
      decisionDate: isoDate(now.getTime() - (120 + (index % 200)) * DAY_MS),
    });
    penaltyIds[index] = String(penalty['eventId']);
  });
  await many('credit repairs', scale.enterprises, async (index) => {
    if (!repairable(index)) return;
    await write('marketOfficer', `/enterprises/${demoEnterpriseCode(index)}/credit-events/${penaltyIds[index]}/repair`, `repair-${index}`, {
      reason: '已履行行政处罚决定并公开信用承诺',
      documentDigest: { algorithm: 'sm3', value: demoDigest(`repair ${index}`) },
    });
  });

  await many('evidence', scale.evidence, (index) =>
    write('judge', '/evidence', `evidence-${index}`, {
      algorithm: 'sm3',
      digest: demoDigest(`evidence ${index}`),
      caseReference: demoCaseReference(index),
      provenance: { source: '当事人提交', method: '网页取证', witness: '第三方存证平台' },
    }),
  );
  await write('judge', '/evidence', 'marker', { algorithm: 'sm3', digest: markerDigest, metadata: { note: MARKER } });
  progress('seed: done');
  return summary;
}

/** The court case the `index`th piece of evidence belongs to: ten pieces a case. */
export function demoCaseReference(index: number): string {
  return `(2026)沪0105民初${1000 + Math.floor(index / 10)}号`;
}

function count(total: number, predicate: (index: number) => boolean): number {
  let counted = 0;
  for (let index = 0; index < total; index++) if (predicate(index)) counted++;
  return counted;
}

function isoDay(ms: number): string {
  return `${isoDate(ms)}T00:00:00+08:00`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
