"use strict";
/**
 * Parameters of a short Weierstrass curve y² = x³ + ax + b over F_p with a base point of
 * prime order n and cofactor 1, as GB/T 32918.1 §5.2 describes an SM2 curve.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=curveParameters.js.map