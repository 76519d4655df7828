/**
 * Turns a citizen's resident identity number into the keyed pseudonym the ledger records
 * (DESIGN.md: HMAC-SM3 by default, keyed by a secret only the gateway holds), after checking the
 * number with the same identifier rule the chaincode exports. The key never leaves this module:
 * it is read from a file of mode 0600 created on first start, and never logged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Refusal, requireResidentId } from '@suitrust/chaincode';
import type { CryptoSuite } from '@suitrust/crypto';
import { ProblemError } from '../errors/problemError';

/** Pseudonymises holders' identity numbers. */
export interface HolderPseudonyms {
  /**
   * The pseudonym (64 lower-case hex) of a resident identity number.
   * @param field - the request field that carried the number, for a refusal
   * @throws {ProblemError} RESIDENT_ID_FORMAT, RESIDENT_ID_BIRTH_DATE or RESIDENT_ID_CHECK
   */
  of(idNumber: string, field: string): string;
}

/** Loads the pseudonym key from `keyPath`, creating a 32-byte random key on first start. */
export async function loadHolderPseudonyms(keyPath: string, suite: CryptoSuite): Promise<HolderPseudonyms> {
  if (!existsSync(keyPath)) {
    await mkdir(dirname(keyPath), { recursive: true, mode: 0o700 });
    const temporary = `${keyPath}.partial`;
    await writeFile(temporary, randomBytes(32).toString('base64'), { mode: 0o600 });
    await rename(temporary, keyPath);
  }
  const key = Buffer.from((await readFile(keyPath, 'utf8')).trim(), 'base64');
  if (key.length < 16) throw new Error(`the pseudonym key at ${keyPath} is shorter than 16 bytes`);
  return {
    of(idNumber, field) {
      // A lower-case x is the same check character as X; normalise before the check and the HMAC.
      const normalised = idNumber.toUpperCase();
      try {
        requireResidentId(normalised, field);
      } catch (error) {
        if (error instanceof Refusal) throw new ProblemError(error.rule, error.detail, { field });
        throw error;
      }
      return Buffer.from(suite.pseudonym(key, Buffer.from(normalised, 'utf8'))).toString('hex');
    },
  };
}
