/**
 * Per-department credentials: a bearer token per connection-profile identity. The gateway keeps
 * only SHA-256 hashes of the tokens; the tokens themselves are written once, on first start, to
 * a file readable by its owner only, for the operator to hand to each department. A caller acts
 * only as the identity its token names.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConnectionProfile, ProfileIdentity } from '@suitrust/network';

/** The identity a credential stands for. */
export interface Caller {
  /** The connection profile identity the gateway acts as. */
  readonly identity: string;
  readonly mspId: string;
  readonly role: string;
  /** The department's unified social credit code. */
  readonly department: string;
}

/** What the credentials file holds for one identity. */
interface StoredCredential {
  readonly identity: string;
  readonly token: string;
}

/** Looks callers up by token. */
export interface CallerDirectory {
  /** The caller a token stands for, or `undefined`. */
  callerFor(token: string): Caller | undefined;
}

/**
 * Loads the credentials file, creating a token for every identity of the profile that has none.
 * @param path - the credentials file (mode 0600)
 */
export async function loadCallerDirectory(path: string, profile: ConnectionProfile): Promise<CallerDirectory> {
  const stored: StoredCredential[] = existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as StoredCredential[]) : [];
  const known = new Set(stored.map((credential) => credential.identity));
  const added = profile.identities.filter((identity) => !known.has(identity.name)).map((identity) => ({ identity: identity.name, token: `st_${randomBytes(24).toString('base64url')}` }));
  if (added.length > 0) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.partial`;
    await writeFile(temporary, `${JSON.stringify([...stored, ...added], null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  }
  const byHash = new Map<string, Caller>();
  for (const credential of [...stored, ...added]) {
    const identity = profile.identities.find((candidate) => candidate.name === credential.identity);
    if (identity) byHash.set(tokenHash(credential.token), callerOfIdentity(identity));
  }
  return {
    // Looked up by the token's hash, so how long a lookup takes says nothing about valid tokens.
    callerFor: (token) => byHash.get(tokenHash(token)),
  };
}

/** The caller a connection-profile identity is. */
export function callerOfIdentity(identity: ProfileIdentity): Caller {
  return { identity: identity.name, mspId: identity.mspId, role: identity.role, department: identity.dept };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
