/**
 * The transparency log's signing key: PKCS#8 PEM of the suite's algorithm (SM2 or Ed25519), in a
 * file of mode 0600 in the data directory, created on first start. The key is handed to the log
 * only; it is never logged, and errors name the file, never its content.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CryptoSuite } from '@suitrust/crypto';

/**
 * Loads the log's signing key from `path`, creating a fresh key pair's private key on first start.
 * @param path - the key file (mode 0600, in a directory of mode 0700 when created here)
 * @param suite - the suite whose signature algorithm the key is of
 * @returns the private key as PKCS#8 PEM
 * @throws {Error} when the file does not hold a private key of the suite (naming the file only)
 */
export async function loadLogSigningKey(path: string, suite: CryptoSuite): Promise<string> {
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.partial`;
    await writeFile(temporary, suite.exportPrivateKeyPem(suite.generateKeyPair().privateKey), { mode: 0o600 });
    await rename(temporary, path);
  }
  const pem = await readFile(path, 'utf8');
  try {
    suite.importPrivateKey(pem);
  } catch {
    throw new Error(`${path} does not hold a ${suite.signatureAlgorithm} private key (PKCS#8 PEM)`);
  }
  return pem;
}
