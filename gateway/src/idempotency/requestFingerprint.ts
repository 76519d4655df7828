/**
 * The fingerprint of a write request (IETF httpapi idempotency-key draft, §2.4): SHA-256 of its
 * method, path and the chaincode arguments it becomes, each JSON argument in canonical form, so
 * a retry with the same meaning matches whatever its member order, and a different request under
 * the same key is found out. The arguments rather than the body, because the body may carry a
 * resident's identity number: an unkeyed hash of it could be matched by hashing candidate
 * numbers, while the arguments carry only its keyed pseudonym (DESIGN.md, identities).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@suitrust/chaincode';

/**
 * Hex SHA-256 of `METHOD url` and the canonical arguments.
 * @param url - the request's URL (path and query)
 * @param args - the chaincode arguments the request was turned into
 */
export function requestFingerprint(method: string, url: string, args: readonly string[]): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(args.map(canonicalArgument))}`, 'utf8').digest('hex');
}

/** A JSON argument as its parsed value (serialised canonically), any other argument as itself. */
function canonicalArgument(argument: string): unknown {
  try {
    return { json: JSON.parse(argument) as unknown };
  } catch {
    return { text: argument };
  }
}
