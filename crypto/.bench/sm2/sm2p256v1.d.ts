/**
 * The SM2 recommended curve sm2p256v1: GB/T 32918.5-2017 §5 (GM/T 0003.5-2012 §5),
 * registered as OID 1.2.156.10197.1.301 (GM/T 0006-2012).
 *
 * Parameters only; the arithmetic and the signature scheme are in `sm2Engine.ts`.
 */
import type { CurveParameters } from './curveParameters';
/** OID of the curve sm2p256v1, the namedCurve of SM2 keys in PKCS#8 and SubjectPublicKeyInfo. */
export declare const SM2P256V1_OID = "1.2.156.10197.1.301";
/** Domain parameters of sm2p256v1 (GB/T 32918.5 §5). */
export declare const sm2p256v1: CurveParameters;
//# sourceMappingURL=sm2p256v1.d.ts.map