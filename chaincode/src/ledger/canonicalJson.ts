/**
 * The one serialiser of state and results: JSON with object keys in code-unit string order at
 * every depth and `undefined` members dropped, so every endorsing organisation writes identical
 * bytes (fabric-samples sorts keys before putState for the same reason). Keys are written here
 * rather than by JSON.stringify, which would put integer-like keys ("9", "10") first in numeric
 * order and break the plain string order another language's verifier would expect.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
