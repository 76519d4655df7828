/**
 * The one error the verifier's parsers throw: the bytes of a proof are not what they claim to be.
 * A check that meets it fails with its message; it never escapes {@link verifyLedgerProof}.
 */
export class MalformedInputError extends Error {
  /**
   * @param message - what was malformed, naming the structure and the field
   */
  constructor(message: string) {
    super(message);
    this.name = MalformedInputError.name;
  }
}
