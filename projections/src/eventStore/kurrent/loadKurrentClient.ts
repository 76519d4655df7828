/**
 * Loads `@kurrent/kurrentdb-client` (and its native bridge) on demand: only a process configured
 * with a KurrentDB connection string pays for it; the embedded mode never loads it. A test
 * (`eventStores.dependency.test.ts`) proves it.
 */

/** The client's module, typed from its declarations (a type-only reference: loads nothing). */
export type KurrentApi = typeof import('@kurrent/kurrentdb-client');

/**
 * Imports the KurrentDB client, through a dynamic import kept as `import()` in the CommonJS output.
 * @returns the client's module.
 * @throws {Error} when the package cannot be loaded.
 */
export async function loadKurrentClient(): Promise<KurrentApi> {
  const module: unknown = await import('@kurrent/kurrentdb-client');
  // A CommonJS module imported from CommonJS output arrives as { default: module.exports }.
  return ((module as { default?: unknown }).default ?? module) as KurrentApi;
}
