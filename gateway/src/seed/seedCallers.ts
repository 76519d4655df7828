/**
 * The callers the demo seed acts as: each one's bearer token from the gateway's credentials
 * file and its department from the connection profile (the embedded network's city: the data
 * bureau's officer and administrator, the tax bureau's officer, market regulation's issuer and
 * officer, and the internet court's judge).
 */
import { readFile } from 'node:fs/promises';
import type { ConnectionProfile } from '@suitrust/network';

/** One caller of the seed. */
export interface SeedCaller {
  readonly token: string;
  /** The department's credit code. */
  readonly department: string;
}

/** The parts the seed plays. */
export const SEED_PARTS = ['admin', 'issuer', 'marketOfficer', 'dataOfficer', 'taxOfficer', 'judge'] as const;
/** A part the seed plays. */
export type SeedPart = (typeof SEED_PARTS)[number];

/** Which profile identity (user name and role) plays each part. */
const PLAYED_BY: Readonly<Record<SeedPart, { user: string; role: string; msp: string }>> = {
  admin: { user: 'admin', role: 'admin', msp: 'DataBureauMSP' },
  issuer: { user: 'issuer', role: 'issuer', msp: 'MarketRegulationMSP' },
  marketOfficer: { user: 'officer', role: 'officer', msp: 'MarketRegulationMSP' },
  dataOfficer: { user: 'officer', role: 'officer', msp: 'DataBureauMSP' },
  taxOfficer: { user: 'tax-officer', role: 'officer', msp: 'DataBureauMSP' },
  judge: { user: 'judge', role: 'court', msp: 'InternetCourtMSP' },
};

/**
 * Reads the callers from the credentials file the gateway wrote and the profile.
 * @throws {Error} naming a part no identity of the profile can play
 */
export async function loadSeedCallers(credentialsPath: string, profile: ConnectionProfile): Promise<Record<SeedPart, SeedCaller>> {
  const credentials = JSON.parse(await readFile(credentialsPath, 'utf8')) as { identity: string; token: string }[];
  const callers = {} as Record<SeedPart, SeedCaller>;
  for (const part of SEED_PARTS) {
    const { user, role, msp } = PLAYED_BY[part];
    const identity = profile.identities.find((candidate) => candidate.name.startsWith(`${user}@`) && candidate.role === role && candidate.mspId === msp);
    const token = identity && credentials.find((entry) => entry.identity === identity.name)?.token;
    if (!identity || !token) throw new Error(`seed: no identity with a token plays ${part} (${user}, ${role}, ${msp})`);
    callers[part] = { token, department: identity.dept };
  }
  return callers;
}
