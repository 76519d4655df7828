/**
 * Identifiers no earlier run wrote, so the scenarios also run against a ledger that already holds
 * earlier runs: each is derived from the run's tag and a label.
 */
import { createHash } from 'node:crypto';
import { GatewayError, type Contract } from '@hyperledger/fabric-gateway';
import { Refusal, creditCodeCheckCharacter } from '@suitrust/chaincode';
import { refusalIn } from './gatewayOutcomes';

/** The characters of a unified social credit code (GB 32100-2015): no I, O, S, V, Z. */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A 64-character lower-case hex digest (SHA-256) of the run's tag and a label. */
export function freshDigest(runTag: string, label: string): string {
  return createHash('sha256').update(`${runTag}:${label}`).digest('hex');
}

/** A valid enterprise credit code (`91` + Shanghai) new to the ledger. */
export function freshCreditCode(runTag: string, label: string): string {
  const first17 = `91310000${organisationCode(runTag, label)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A well-formed credit code whose check character fails, as pilot-era codes did. */
export function failingCreditCode(runTag: string, label: string): string {
  const first17 = `91310000${organisationCode(runTag, label)}`;
  const right = creditCodeCheckCharacter(first17);
  return first17 + (right === '0' ? '1' : '0');
}

function organisationCode(runTag: string, label: string): string {
  const bytes = createHash('sha256').update(`${runTag}:${label}`).digest();
  return [...bytes.subarray(0, 9)].map((byte) => CREDIT_CODE_ALPHABET[byte % CREDIT_CODE_ALPHABET.length]).join('');
}

/**
 * A type code of the agency that no earlier run registered: the 3-digit sequence starts at a
 * place derived from the label and moves on while `getCertificateType` finds a type.
 * @param registry - the registry contract, as any identity
 */
export async function unusedTypeCode(registry: Contract, agency: string, runTag: string, label: string): Promise<string> {
  const start = createHash('sha256').update(`${runTag}:${label}`).digest().readUInt16BE(0) % 900;
  for (let i = 0; i < 900; i++) {
    const candidate = `${agency}${String(100 + ((start + i) % 900))}`;
    const error = await registry.evaluateTransaction('getCertificateType', candidate).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error === undefined) continue;
    // Not an assertion: the refusal scenarios check the wording.
    const refusal = error instanceof GatewayError ? error.details.map((detail) => refusalIn(detail.message) ?? Refusal.parse(detail.message)).find(Boolean) : undefined;
    if (refusal?.rule === 'CERTIFICATE_TYPE_UNKNOWN') return candidate;
    throw error;
  }
  throw new Error(`every type code of ${agency} is registered`);
}

/** The calendar date `days` days before now, in China Standard Time (the chaincode's day). */
export function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
