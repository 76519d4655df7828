/**
 * The one error class of the embedded network's bootstrap: organisation data, the MSP folders on
 * disk, the connection profile and the genesis block. A {@link BootstrapError} carries a stable
 * string {@link BootstrapError.code} and, when one is at fault, the field or file concerned.
 * Messages name fields, paths and MSP ids, never key material.
 */

/** Stable codes of {@link BootstrapError}. */
export type BootstrapErrorCode =
  /** The organisations, departments or users given as data break a rule (names the field). */
  | 'BOOTSTRAP_INVALID_ORGANISATIONS'
  /** A file of the MSP folders is missing, unreadable or does not match its neighbours. */
  | 'BOOTSTRAP_MATERIAL_CORRUPT'
  /** Material on disk disagrees with the organisation data (e.g. a user's role changed). */
  | 'BOOTSTRAP_MATERIAL_MISMATCH'
  /** A connection profile is malformed (names the field). */
  | 'BOOTSTRAP_INVALID_PROFILE'
  /** A block is not a channel configuration block, or its configuration is malformed. */
  | 'BOOTSTRAP_INVALID_CONFIG_BLOCK';

/** Options of the {@link BootstrapError} constructor. */
export interface BootstrapErrorOptions {
  /** The stable code. */
  readonly code: BootstrapErrorCode;
  /** The field at fault, as a path such as `identities[2].keyPath`, if any. */
  readonly field?: string;
  /** The file at fault, if any. */
  readonly path?: string;
  /** The underlying error, if any; never one whose message could hold key material. */
  readonly cause?: unknown;
}

/**
 * A fault of the network's bootstrap material or of the data describing it.
 *
 * @example
 * ```ts
 * try {
 *   profile = await readConnectionProfile(path);
 * } catch (err) {
 *   if (err instanceof BootstrapError && err.code === 'BOOTSTRAP_INVALID_PROFILE') exit(`fix ${err.field} in ${path}`);
 *   else throw err;
 * }
 * ```
 */
export class BootstrapError extends Error {
  /** Stable machine-readable code. */
  readonly code: BootstrapErrorCode;
  /** The field at fault, if any. */
  readonly field: string | undefined;
  /** The file at fault, if any. */
  readonly path: string | undefined;

  /**
   * @param message - human-readable description; must not contain key material
   * @param options - the stable code, the field or file at fault and an optional cause
   */
  constructor(message: string, options: Readonly<BootstrapErrorOptions>) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = BootstrapError.name;
    this.code = options.code;
    this.field = options.field;
    this.path = options.path;
  }
}
