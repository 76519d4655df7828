/**
 * Parameters of a short Weierstrass curve y² = x³ + ax + b over F_p with a base point of
 * prime order n and cofactor 1, as GB/T 32918.1 §5.2 describes an SM2 curve.
 */

/** The domain parameters an {@link Sm2Engine} is built from. */
export interface CurveParameters {
  /** Field prime p. */
  readonly p: bigint;
  /** Coefficient a. */
  readonly a: bigint;
  /** Coefficient b. */
  readonly b: bigint;
  /** Base point x coordinate. */
  readonly gx: bigint;
  /** Base point y coordinate. */
  readonly gy: bigint;
  /** Prime order n of the base point. */
  readonly n: bigint;
}
