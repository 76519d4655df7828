/**
 * The log directory's identity, `log.json`, written once when the directory is created: the
 * origin and the hash algorithm the tree was built with. A log reopened with another origin or
 * another suite would sign checkpoints over a tree its verifiers cannot reproduce, so opening
 * refuses it.
 */

/** Name of the manifest file. */
export const MANIFEST_FILE = 'log.json';
/** The format tag of version 1. */
export const MANIFEST_FORMAT = 'suitrust-transparency-log/1';

/** What `log.json` holds. */
export interface LogManifest {
  /** {@link MANIFEST_FORMAT}. */
  readonly format: string;
  /** The log's origin (C2SP tlog-checkpoint, first line). */
  readonly origin: string;
  /** The suite's hash name (`sm3`, `sha256`). */
  readonly hashAlgorithm: string;
  /** Bytes per hash. */
  readonly hashLength: number;
}

/**
 * Encodes a manifest as UTF-8 JSON with a final newline.
 * @param manifest - the manifest.
 * @returns the file's bytes.
 */
export function encodeLogManifest(manifest: LogManifest): Uint8Array {
  const { format, origin, hashAlgorithm, hashLength } = manifest;
  return new TextEncoder().encode(`${JSON.stringify({ format, origin, hashAlgorithm, hashLength }, null, 2)}\n`);
}

/**
 * Decodes a manifest.
 * @param bytes - the file's bytes.
 * @returns the manifest, or `undefined` when the bytes are not a version-1 manifest.
 */
export function decodeLogManifest(bytes: Uint8Array): LogManifest | undefined {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Partial<LogManifest>;
    if (value.format !== MANIFEST_FORMAT || typeof value.origin !== 'string' || typeof value.hashAlgorithm !== 'string' || !Number.isSafeInteger(value.hashLength)) return undefined;
    return { format: value.format, origin: value.origin, hashAlgorithm: value.hashAlgorithm, hashLength: value.hashLength as number };
  } catch {
    return undefined;
  }
}
