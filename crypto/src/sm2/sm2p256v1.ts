/**
 * The SM2 recommended curve sm2p256v1: GB/T 32918.5-2017 §5 (GM/T 0003.5-2012 §5),
 * registered as OID 1.2.156.10197.1.301 (GM/T 0006-2012).
 *
 * Parameters only; the arithmetic and the signature scheme are in `sm2Engine.ts`.
 */
import type { CurveParameters } from './curveParameters';

/** OID of the curve sm2p256v1, the namedCurve of SM2 keys in PKCS#8 and SubjectPublicKeyInfo. */
export const SM2P256V1_OID = '1.2.156.10197.1.301';

/** Domain parameters of sm2p256v1 (GB/T 32918.5 §5). */
export const sm2p256v1: CurveParameters = Object.freeze({
  p: 0xfffffffe_ffffffff_ffffffff_ffffffff_ffffffff_00000000_ffffffff_ffffffffn,
  a: 0xfffffffe_ffffffff_ffffffff_ffffffff_ffffffff_00000000_ffffffff_fffffffcn,
  b: 0x28e9fa9e_9d9f5e34_4d5a9e4b_cf6509a7_f39789f5_15ab8f92_ddbcbd41_4d940e93n,
  gx: 0x32c4ae2c_1f198119_5f990446_6a39c994_8fe30bbf_f2660be1_715a4589_334c74c7n,
  gy: 0xbc3736a2_f4f6779c_59bdcee3_6b692153_d0a9877c_c62a4740_02df32e5_2139f0a0n,
  n: 0xfffffffe_ffffffff_ffffffff_ffffffff_7203df6b_21c6052b_53bbf409_39d54123n,
});
