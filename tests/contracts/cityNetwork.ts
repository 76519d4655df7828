/**
 * The organisations, departments and members the contract tests act as: the city's data
 * administration (the administrator organisation), market regulation and the internet court,
 * each with its own CA issuing certificates that carry `role` and `dept` as Fabric CA does.
 */
import { ChaincodeSandbox, CertificateAuthority, type EnrolledIdentity } from '@suitrust/network';
import { contracts, creditCodeCheckCharacter, formatCertificateId } from '@suitrust/chaincode';
import { createHash } from 'node:crypto';

/** A valid unified social credit code from its first 17 characters. */
export const creditCode = (first17: string): string => first17 + creditCodeCheckCharacter(first17);

/** Departments, by their unified social credit codes. */
export const DEPT = {
  dataBureau: creditCode('11310000MB0000001'),
  market: creditCode('11310000MB0000002'),
  tax: creditCode('11310000MB0000003'),
  health: creditCode('11310000MB0000004'),
  court: creditCode('11310000MB0000005'),
} as const;

/** Enterprises. */
export const ENTERPRISE = {
  acme: creditCode('91310000MA1K00001'),
  bolt: creditCode('91310000MA1K00002'),
} as const;

/** A 64-hex pseudonym standing for a holder (tests need no real key). */
export const pseudonym = (name: string): string => createHash('sha256').update(`holder:${name}`).digest('hex');
/** A digest of some content. */
export const sm3Like = (content: string): string => createHash('sha256').update(content).digest('hex');

/** The business-licence type, defined by market regulation. */
export const LICENCE_TYPE = `${DEPT.market}001`;

/** A business-licence identifier issued by market regulation. */
export const licenceId = (serial: string, version = '001'): string =>
  formatCertificateId({ typeCode: LICENCE_TYPE, issuerCode: DEPT.market, serial, version });

/** The members the tests act as. */
export interface CityMembers {
  readonly admin: EnrolledIdentity;
  readonly dataOfficer: EnrolledIdentity;
  readonly marketIssuer: EnrolledIdentity;
  readonly marketOfficer: EnrolledIdentity;
  readonly taxOfficer: EnrolledIdentity;
  readonly taxIssuer: EnrolledIdentity;
  readonly healthOfficer: EnrolledIdentity;
  readonly auditor: EnrolledIdentity;
  readonly judge: EnrolledIdentity;
  /** An administrator of market regulation: right role, wrong organisation for the registry. */
  readonly marketAdmin: EnrolledIdentity;
  /** A member whose certificate carries no attributes at all. */
  readonly plainClient: EnrolledIdentity;
}

/** A sandbox peer running the SuiTrust chaincode, and the city's members. */
export async function startCity(startTime = '2026-06-01T00:00:00Z'): Promise<{ ledger: ChaincodeSandbox; members: CityMembers }> {
  const members = await enrolMembers();
  const ledger = await ChaincodeSandbox.start({ contracts, startTime });
  return { ledger, members };
}

/** The city's organisations' CAs and their members. */
export async function enrolMembers(): Promise<CityMembers> {
  const dataCa = await CertificateAuthority.create({ mspId: 'DataBureauMSP', organisation: 'databureau.city.gov.cn' });
  const marketCa = await CertificateAuthority.create({ mspId: 'MarketRegulationMSP', organisation: 'market.city.gov.cn' });
  const courtCa = await CertificateAuthority.create({ mspId: 'InternetCourtMSP', organisation: 'court.city.gov.cn' });
  const member = (ca: CertificateAuthority, name: string, role?: string, dept?: string) =>
    ca.enrol({ commonName: name, nodeOu: 'client', ...(role && dept ? { attributes: { role, dept } } : {}) });
  return {
    admin: await member(dataCa, 'admin', 'admin', DEPT.dataBureau),
    dataOfficer: await member(dataCa, 'data-officer', 'officer', DEPT.dataBureau),
    marketIssuer: await member(marketCa, 'market-issuer', 'issuer', DEPT.market),
    marketOfficer: await member(marketCa, 'market-officer', 'officer', DEPT.market),
    taxOfficer: await member(dataCa, 'tax-officer', 'officer', DEPT.tax),
    taxIssuer: await member(dataCa, 'tax-issuer', 'issuer', DEPT.tax),
    healthOfficer: await member(dataCa, 'health-officer', 'officer', DEPT.health),
    auditor: await member(dataCa, 'auditor', 'auditor', DEPT.dataBureau),
    judge: await member(courtCa, 'judge', 'court', DEPT.court),
    marketAdmin: await member(marketCa, 'market-admin', 'admin', DEPT.market),
    plainClient: await member(marketCa, 'plain'),
  };
}
