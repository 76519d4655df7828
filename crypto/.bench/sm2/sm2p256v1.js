"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sm2p256v1 = exports.SM2P256V1_OID = void 0;
/** OID of the curve sm2p256v1, the namedCurve of SM2 keys in PKCS#8 and SubjectPublicKeyInfo. */
exports.SM2P256V1_OID = '1.2.156.10197.1.301';
/** Domain parameters of sm2p256v1 (GB/T 32918.5 §5). */
exports.sm2p256v1 = Object.freeze({
    p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
    a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
    b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
    gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
    gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
    n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
});
//# sourceMappingURL=sm2p256v1.js.map