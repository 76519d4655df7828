/**
 * Equality of parsed JSON values by meaning: the same members whatever their order, the same
 * items in the same order. A claim's statement is compared with what a record states this way,
 * so the verifier needs no canonical serialiser of its own.
 */

/**
 * Whether two parsed JSON values are equal.
 *
 * @param a - first value
 * @param b - second value
 * @returns `true` when they hold the same members and items
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}
