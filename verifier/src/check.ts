/**
 * The outcome of one named check of a proof: a verifier never answers with a bare boolean, it
 * says which check held and which failed, and why.
 */

/** One check: passed (with what it established) or failed (with the reason). */
export type Check =
  | { readonly name: string; readonly ok: true; readonly detail: string }
  | { readonly name: string; readonly ok: false; readonly reason: string };

/** The checks of a proof, and whether every one held. */
export interface Verification {
  /** `true` only when every check passed (and there is at least one). */
  readonly valid: boolean;
  readonly checks: readonly Check[];
}

/**
 * A passed check.
 * @param name - the check's name, e.g. `block.dataHash`
 * @param detail - what it established
 * @returns the check
 */
export function passed(name: string, detail: string): Check {
  return { name, ok: true, detail };
}

/**
 * A failed check.
 * @param name - the check's name
 * @param reason - why it failed
 * @returns the check
 */
export function failed(name: string, reason: string): Check {
  return { name, ok: false, reason };
}

/**
 * Gathers checks into a verification.
 * @param checks - every check made
 * @returns the verification, valid when all passed
 */
export function verification(checks: readonly Check[]): Verification {
  return { valid: checks.length > 0 && checks.every((check) => check.ok), checks };
}
