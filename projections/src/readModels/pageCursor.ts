/**
 * Keyset pagination for every list view: a page ends at its last item's sort key, and the next
 * page starts strictly after that key. A key holds the item's event-store position (or another
 * unique column) last, so keys never tie, and rows added while a client pages land either
 * before its cursor (not shown) or after it (shown once): no item is repeated or skipped, as an
 * offset would do when rows are added in front.
 *
 * The cursor is opaque to clients: base64url of JSON `[list, ...key]`, naming its list so a
 * cursor of one view is refused by another rather than misread.
 */

/** A sort key: text and integer columns, in the list's ORDER BY order. */
export type CursorKey = readonly (string | number)[];

/** The column types of a list's sort key. */
export type CursorShape = readonly ('text' | 'integer')[];

/** What a list query is asked for. */
export interface PageRequest {
  /** Items per page, 1 to {@link MAX_PAGE_LIMIT}. */
  readonly limit: number;
  /** The `nextCursor` of the previous page; absent for the first page. */
  readonly cursor?: string;
}

/** A page of a list view. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Where the next page starts; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** The largest page any list view serves. */
export const MAX_PAGE_LIMIT = 500;

/** A cursor that is not one this list handed out. */
export class InvalidCursorError extends Error {
  /** @param detail - what is wrong with it */
  constructor(detail: string) {
    super(`cursor: ${detail}`);
    this.name = InvalidCursorError.name;
  }
}

/** A list's sort key and its cursors. */
export interface CursorList {
  readonly name: string;
  readonly shape: CursorShape;
}

/** The opaque cursor standing for `key` in `list`. */
export function encodeCursor(list: CursorList, key: CursorKey): string {
  return Buffer.from(JSON.stringify([list.name, ...key]), 'utf8').toString('base64url');
}

/**
 * The sort key a cursor stands for, or `undefined` for the first page.
 * @throws {InvalidCursorError} when the cursor is malformed or belongs to another list
 */
export function decodeCursor(list: CursorList, cursor: string | undefined): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,2048}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== list.shape.length + 1) throw new InvalidCursorError('not a cursor this view handed out');
  const [name, ...key] = parsed as unknown[];
  if (name !== list.name) throw new InvalidCursorError('a cursor of another view');
  const fits = key.every((value, index) =>
    list.shape[index] === 'text' ? typeof value === 'string' : typeof value === 'number' && Number.isSafeInteger(value),
  );
  if (!fits) throw new InvalidCursorError('not a cursor this view handed out');
  return key as CursorKey;
}

/**
 * Checks a page request's limit.
 * @throws {RangeError} when the limit is not an integer from 1 to {@link MAX_PAGE_LIMIT}
 */
export function assertPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) throw new RangeError(`limit: expected 1 to ${MAX_PAGE_LIMIT}, got ${limit}`);
}

/**
 * Runs a keyset query for one page: `select` receives the key to start after (or `undefined`)
 * and how many rows to read (one more than the limit, to know whether a next page exists);
 * `keyOf` reads a row's sort key and `itemOf` turns a row into what the client sees.
 * @throws {InvalidCursorError} when the request's cursor is not one of this list's
 * @throws {RangeError} when the limit is out of range
 */
export function readPage<R, T>(
  list: CursorList,
  request: PageRequest,
  select: (after: CursorKey | undefined, rows: number) => R[],
  keyOf: (row: R) => CursorKey,
  itemOf: (row: R) => T,
): Page<T> {
  assertPageLimit(request.limit);
  const rows = select(decodeCursor(list, request.cursor), request.limit + 1);
  const shown = rows.slice(0, request.limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(itemOf), nextCursor: rows.length > request.limit && last !== undefined ? encodeCursor(list, keyOf(last)) : null };
}

/**
 * The SQL condition "the row's key comes after `?, ?, …`" for a key of `columns` sorted
 * ascending: a row-value comparison, which SQLite answers from an index on the same columns.
 */
export function afterKey(columns: readonly string[]): string {
  return `(${columns.join(', ')}) > (${columns.map(() => '?').join(', ')})`;
}
