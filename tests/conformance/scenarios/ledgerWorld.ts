/**
 * Ledger state the scenarios build on, made once per run on first use: a certificate type market
 * regulation issues, certificates in each status, authorisations in each state, credit entries in
 * each standing, notarised evidence and an accepted pilot-era credit code. Each getter submits
 * what it needs through fabric-gateway the first time and returns the same value afterwards.
 */
import { formatCertificateId } from '@suitrust/chaincode';
import type { ConformanceFixture } from './conformanceFixture';
import { daysAgo, failingCreditCode, freshCreditCode, freshDigest, unusedTypeCode } from './freshIdentifiers';
import { submitCommitted } from './gatewayOutcomes';

/** The state a scenario may ask for. */
export interface LedgerWorld {
  /** A type market regulation may issue. */
  certificateType(): Promise<string>;
  /** A type only the tax department may issue. */
  taxOnlyType(): Promise<string>;
  /** A new certificate identifier under {@link certificateType}, not yet issued. */
  certificateId(serial: string): Promise<string>;
  /** A valid certificate issued by market regulation, with its holder and content digest. */
  validCertificate(): Promise<IssuedCertificate>;
  /** A revoked certificate. */
  revokedCertificate(): Promise<string>;
  /** An authorisation market regulation granted the tax department (use limit 1, unused). */
  activeAuthorisation(): Promise<GrantedAuthorisation>;
  /** An authorisation whose one use is made. */
  usedUpAuthorisation(): Promise<string>;
  revokedAuthorisation(): Promise<string>;
  expiredAuthorisation(): Promise<string>;
  futureAuthorisation(): Promise<string>;
  /** A licence entry market regulation recorded (not repairable). */
  licenceEntry(): Promise<CreditEntry>;
  /** A penalty decided two days ago: repair is too early. */
  recentPenalty(): Promise<CreditEntry>;
  /** A penalty decided long ago and repaired. */
  repairedPenalty(): Promise<CreditEntry>;
  /** A digest notarised by the court. */
  notarisedDigest(): Promise<string>;
  /** A failing credit code on the accepted list. */
  acceptedLegacyCode(): Promise<string>;
}

export interface IssuedCertificate {
  readonly certificateId: string;
  readonly holderPseudonym: string;
  readonly contentDigest: string;
}

export interface GrantedAuthorisation {
  readonly authorisationId: string;
  readonly resourceCode: string;
  readonly purpose: string;
  readonly fields: readonly string[];
}

export interface CreditEntry {
  readonly creditCode: string;
  readonly eventId: string;
  readonly decisionNumber: string;
}

/** What {@link authorisationRequest} fills in unless told otherwise. */
export const GRANT_DEFAULTS = { resourceCode: 'TAX/enterprise-licences', purpose: 'tax registration check', fields: ['creditCode', 'licenceNumber'] } as const;

/** A department grant by market regulation to `consumer`, valid for a year around now unless overridden. */
export function authorisationRequest(market: string, consumer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    grantorKind: 'department',
    provider: market,
    consumer,
    resourceCode: GRANT_DEFAULTS.resourceCode,
    sharingClass: 'conditional',
    purpose: GRANT_DEFAULTS.purpose,
    fields: [...GRANT_DEFAULTS.fields],
    validFrom: new Date(now - 86_400_000).toISOString(),
    validUntil: new Date(now + 365 * 86_400_000).toISOString(),
    ...overrides,
  };
}

/** A credit entry request by market regulation about `creditCode`. */
export function creditRequest(creditCode: string, decisionNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    creditCode,
    category: 'penalty',
    severity: 'ordinary',
    legalBasis: 'Regulations on Optimising the Business Environment, art. 53',
    decisionNumber,
    decisionDate: daysAgo(2),
    documentDigest: { algorithm: 'sm3', value: freshDigest(decisionNumber, 'document') },
    ...overrides,
  };
}

/**
 * The run's world, built lazily on the fixture's ledger.
 * @param fixture - gives the run's fixture; called on first use
 */
export function ledgerWorld(fixture: () => ConformanceFixture): LedgerWorld {
  const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () => (made ??= make());
  };
  const f = (): ConformanceFixture => fixture();
  const network = (identity: string) => f().network(identity);
  const submit = <T = Record<string, unknown>>(identity: string, contract: string, transaction: string, request: object) =>
    submitCommitted<T>(network(identity), f().contract(identity, contract), transaction, request);

  const registerType = async (label: string, issuers: readonly string[]): Promise<string> => {
    const { departments, runTag } = f();
    const typeCode = await unusedTypeCode(f().contract('admin', 'registry'), departments.market, runTag, label);
    await submit('admin', 'registry', 'registerCertificateType', { typeCode, name: `conformance ${label}`, issuers });
    return typeCode;
  };
  const certificateType = once(() => registerType('market-type', [f().departments.market]));
  const taxOnlyType = once(() => registerType('tax-only-type', [f().departments.tax]));
  const certificateId = async (serial: string): Promise<string> =>
    formatCertificateId({ typeCode: await certificateType(), issuerCode: f().departments.market, serial, version: '001' });
  const issue = async (serial: string): Promise<IssuedCertificate> => {
    const issued = { certificateId: await certificateId(serial), holderPseudonym: freshDigest(f().runTag, `holder-${serial}`), contentDigest: freshDigest(f().runTag, `content-${serial}`) };
    await submit('issuer', 'certificates', 'issue', {
      certificateId: issued.certificateId,
      holderPseudonym: issued.holderPseudonym,
      contentDigest: { algorithm: 'sm3', value: issued.contentDigest },
      validFrom: '2026-01-01T00:00:00Z',
    });
    return issued;
  };
  const grant = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const granted = await submit<{ authorisationId: string }>('officer@market', 'authorisations', 'grant', authorisationRequest(f().departments.market, f().departments.tax, { useLimit: 1, ...overrides }));
    return granted.result.authorisationId;
  };
  const approve = (authorisationId: string) =>
    submit('officer@market', 'authorisations', 'approveExchange', { authorisationId, consumer: f().departments.tax, resourceCode: GRANT_DEFAULTS.resourceCode, purpose: GRANT_DEFAULTS.purpose, fields: ['creditCode'] });
  const record = async (label: string, overrides: Record<string, unknown>): Promise<CreditEntry> => {
    const creditCode = freshCreditCode(f().runTag, label);
    const decisionNumber = `CONF-${f().runTag}-${label}`;
    const recorded = await submit<{ eventId: string }>('officer@market', 'credit', 'record', creditRequest(creditCode, decisionNumber, overrides));
    return { creditCode, eventId: recorded.result.eventId, decisionNumber };
  };

  return {
    certificateType,
    taxOnlyType,
    certificateId,
    validCertificate: once(() => issue('WORLDVALID')),
    revokedCertificate: once(async () => {
      const { certificateId: revoked } = await issue('WORLDREVOKED');
      await submit('issuer', 'certificates', 'revoke', { certificateId: revoked, reason: 'issued in error' });
      return revoked;
    }),
    activeAuthorisation: once(async () => ({ authorisationId: await grant(), ...GRANT_DEFAULTS })),
    usedUpAuthorisation: once(async () => {
      const authorisationId = await grant();
      await approve(authorisationId);
      return authorisationId;
    }),
    revokedAuthorisation: once(async () => {
      const authorisationId = await grant();
      await submit('officer@market', 'authorisations', 'revoke', { authorisationId, reason: 'no longer needed' });
      return authorisationId;
    }),
    expiredAuthorisation: once(() => grant({ validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' })),
    futureAuthorisation: once(() => grant({ validFrom: '2999-01-01T00:00:00Z', validUntil: '2999-12-31T00:00:00Z' })),
    licenceEntry: once(() => record('licence', { category: 'licence', severity: 'none' })),
    recentPenalty: once(() => record('recent-penalty', {})),
    repairedPenalty: once(async () => {
      const entry = await record('old-penalty', { decisionDate: '2025-01-06' });
      await submit('officer@market', 'credit', 'repair', { creditCode: entry.creditCode, eventId: entry.eventId, reason: 'rectified', documentDigest: { algorithm: 'sm3', value: freshDigest(f().runTag, 'repair') } });
      return entry;
    }),
    notarisedDigest: once(async () => {
      const digest = freshDigest(f().runTag, 'world-evidence');
      await submit('judge', 'evidence', 'notarise', { algorithm: 'sm3', digest });
      return digest;
    }),
    acceptedLegacyCode: once(async () => {
      const creditCode = failingCreditCode(f().runTag, 'legacy');
      await submit('admin', 'registry', 'acceptLegacyCreditCode', { creditCode, reason: 'issued before the check character was enforced' });
      return creditCode;
    }),
  };
}
