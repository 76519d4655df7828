/**
 * Identifiers for the demo data, valid under the national rules because their check characters
 * come from the chaincode's own rules: resident identity numbers (GB 11643-1999, ISO 7064
 * MOD 11-2), enterprise credit codes (GB 32100-2015) and certificate identifiers (GB/T
 * 36904-2018, MOD 37,36). Each is a pure function of an index, so a second run names the same
 * people, enterprises and certificates.
 */
import { createHash } from 'node:crypto';
import { creditCodeCheckCharacter, formatCertificateId, mod11_2 } from '@suitrust/chaincode';

/** Shanghai's district codes (GB/T 2260), the first six digits of a resident's number. */
const DISTRICTS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310115'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Birth dates are spread over 1950-01-01 and the ~60 years after it. */
const FIRST_BIRTH_DAY = Date.UTC(1950, 0, 1);
/** The credit-code alphabet without the letters GB 32100 leaves out (I, O, Z, S, V). */
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The `index`th demo resident's identity number: district, birth date, sequence, check digit. */
export function demoResidentId(index: number): string {
  const district = DISTRICTS[index % DISTRICTS.length] as string;
  const born = new Date(FIRST_BIRTH_DAY + ((index * 7919) % 21_900) * DAY_MS);
  const birth = `${born.getUTCFullYear()}${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(born.getUTCDate()).padStart(2, '0')}`;
  const sequence = String(index % 1000).padStart(3, '0');
  const first17 = `${district}${birth}${sequence}`;
  return first17 + mod11_2(first17);
}

/**
 * The `index`th demo enterprise's unified social credit code: `9` (registered by market
 * regulation), `1` (enterprise), Shanghai's division code, a 9-character organisation code and
 * the GB 32100 check character.
 */
export function demoEnterpriseCode(index: number): string {
  let organisation = '';
  let rest = index + 1;
  for (let i = 0; i < 8; i++) {
    organisation = (CODE_ALPHABET[rest % CODE_ALPHABET.length] as string) + organisation;
    rest = Math.floor(rest / CODE_ALPHABET.length);
  }
  const first17 = `91310000D${organisation}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A demo certificate type's code: the defining agency's credit code and a 3-digit sequence. */
export function demoTypeCode(agency: string, sequence: number): string {
  return `${agency}${String(sequence).padStart(3, '0')}`;
}

/** The `index`th demo certificate of a type, issued by `issuer`. */
export function demoCertificateId(typeCode: string, issuer: string, index: number): string {
  return formatCertificateId({ typeCode, issuerCode: issuer, serial: `DEMO${String(index).padStart(7, '0')}`, version: '001' });
}

/** An SM3 digest (lower-case hex) of demo content, so every digest is a real one. */
export function demoDigest(content: string): string {
  return createHash('sm3').update(content, 'utf8').digest('hex');
}
