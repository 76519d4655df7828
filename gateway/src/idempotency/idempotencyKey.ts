/**
 * Reads the `Idempotency-Key` request header (IETF httpapi idempotency-key draft, §2.1: an RFC
 * 8941 sf-string, so a quoted value; bare values are accepted too, as most clients send them).
 */
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../errors/problemError';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * The request's idempotency key, or `undefined` when it sends none.
 * @throws {ProblemError} IDEMPOTENCY_KEY_FORMAT when the header is present but malformed or repeated
 */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? undefined : header.trim();
  const value = raw !== undefined && raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (value === undefined || !KEY.test(value)) {
    throw new ProblemError('IDEMPOTENCY_KEY_FORMAT', 'Idempotency-Key: expected one value of 8 to 128 letters, digits, - or _ (rule: format)', { field: 'Idempotency-Key' });
  }
  return value;
}
