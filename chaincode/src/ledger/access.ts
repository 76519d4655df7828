/**
 * Who the caller is, from its own certificate only (DESIGN.md: the chaincode never trusts an
 * identity passed as an argument): the MSP ID and the Fabric CA attributes `role` and `dept`
 * (X.509 extension 1.2.3.4.5.6.7.8.1), as fabric-contract-api's ClientIdentity reads them.
 */
import type { Context } from 'fabric-contract-api';
import { Refusal } from '../rules/refusal';
import { creditCodeOrRefuse, type LegacyCreditCodeLookup } from '../rules/request';

/** The roles a SuiTrust certificate may carry. */
export const ROLES = ['admin', 'issuer', 'officer', 'auditor', 'court'] as const;
/** A caller's role. */
export type Role = (typeof ROLES)[number];

/**
 * MSP ID of the administrator organisation (the city's data administration), which registers
 * certificate types and their issuers. Compiled in, so every peer agrees.
 */
export const ADMIN_MSP_ID = 'DataBureauMSP';

/** The caller of a transaction. */
export interface Caller {
  readonly mspId: string;
  readonly role: Role;
  /** The caller's department's unified social credit code. */
  readonly department: string;
  /** fabric-contract-api's unique identity string (subject and issuer DN). */
  readonly id: string;
}

/**
 * The caller, if its role is one of `roles` and it carries a valid department code.
 * @param legacy - the accepted list of pilot-era credit codes
 * @throws {Refusal} ACCESS_ROLE or ACCESS_DEPARTMENT
 */
export async function requireCaller(ctx: Context, roles: readonly Role[], legacy: LegacyCreditCodeLookup): Promise<Caller> {
  const identity = ctx.clientIdentity;
  const role = identity.getAttributeValue('role');
  if (role === null || !(roles as readonly string[]).includes(role)) {
    throw new Refusal('ACCESS_ROLE', 'role', `this operation requires the role ${roles.join(' or ')}`);
  }
  const department = identity.getAttributeValue('dept');
  if (department === null) throw new Refusal('ACCESS_DEPARTMENT', 'dept', 'the certificate has no dept attribute');
  try {
    await creditCodeOrRefuse(department, 'dept', legacy);
  } catch {
    throw new Refusal('ACCESS_DEPARTMENT', 'dept', 'the dept attribute is not a valid unified social credit code');
  }
  return { mspId: identity.getMSPID(), role: role as Role, department, id: identity.getID() };
}

/**
 * The caller, if it is an administrator of the administrator organisation.
 * @throws {Refusal} ACCESS_ADMIN_ORGANISATION, ACCESS_ROLE or ACCESS_DEPARTMENT
 */
export async function requireAdministrator(ctx: Context, legacy: LegacyCreditCodeLookup): Promise<Caller> {
  if (ctx.clientIdentity.getMSPID() !== ADMIN_MSP_ID) throw new Refusal('ACCESS_ADMIN_ORGANISATION', 'mspId');
  return requireCaller(ctx, ['admin'], legacy);
}
