/**
 * Paging of every list view: `limit` (1 to MAX_PAGE_LIMIT, 100 by default) and the opaque
 * `cursor` a previous page returned as `nextCursor`. Query strings are text (the gateway's
 * validator coerces no types), so `limit` is checked as digits by the schema and converted here.
 */
import { InvalidCursorError, MAX_PAGE_LIMIT, type Page, type PageRequest } from '@suitrust/projections';
import { ProblemError } from '../errors/problemError';

/** The paging members of a list view's query string schema. */
export const pageQueryProperties = {
  limit: { type: 'string', pattern: '^[0-9]{1,6}$', description: `items per page, 1 to ${MAX_PAGE_LIMIT} (default 100)` },
  cursor: { type: 'string', minLength: 1, maxLength: 2048, description: "the previous page's nextCursor" },
} as const;

/** The response schema of a list view: a page of items and where the next one starts. */
export function pageResponse(item: object): object {
  return {
    200: {
      type: 'object',
      required: ['items', 'nextCursor', 'limit'],
      properties: {
        items: { type: 'array', items: item },
        nextCursor: { type: ['string', 'null'], description: 'pass as `cursor` for the next page; null on the last page' },
        limit: { type: 'integer' },
      },
    },
  };
}

/**
 * The page a query asks for.
 * @throws {ProblemError} REQUEST_SCHEMA naming `querystring.limit` when the limit is out of range
 */
export function pageRequestOf(query: unknown): PageRequest {
  const { limit = '100', cursor } = query as { limit?: string; cursor?: string };
  const size = Number(limit);
  if (size < 1 || size > MAX_PAGE_LIMIT) {
    throw new ProblemError('REQUEST_SCHEMA', `querystring.limit: must be 1 to ${MAX_PAGE_LIMIT} (rule: range)`, { field: 'querystring.limit' });
  }
  return cursor === undefined ? { limit: size } : { limit: size, cursor };
}

/**
 * Reads one page and answers it with its limit.
 * @throws {ProblemError} REQUEST_SCHEMA naming `querystring.cursor` when the cursor is not this view's
 */
export function answerPage<T>(request: PageRequest, read: (page: PageRequest) => Page<T>): Page<T> & { limit: number } {
  try {
    return { ...read(request), limit: request.limit };
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ProblemError('REQUEST_SCHEMA', `querystring.${error.message} (rule: cursor)`, { field: 'querystring.cursor', cause: error });
    throw error;
  }
}
