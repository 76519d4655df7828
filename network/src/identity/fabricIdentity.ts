import { createHash, createPrivateKey, sign as signDigest, type KeyObject } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';

/** Order of the NIST P-256 group, for low-S normalisation. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** An enrolled Fabric identity: its organisation, X.509 certificate and signing key. */
export interface FabricIdentity {
  readonly mspId: string;
  readonly certificatePem: string;
  /** `msp.SerializedIdentity` bytes, as a proposal's creator field carries them. */
  serialize(): Uint8Array;
  /** ECDSA P-256 signature over SHA-256 of `message`, DER, low-S as Fabric requires. */
  sign(message: Uint8Array): Uint8Array;
}

/** Options of {@link fabricIdentity}. */
export interface FabricIdentityOptions {
  readonly mspId: string;
  readonly certificatePem: string;
  /** PKCS#8 PEM of the P-256 private key; held in memory, never logged. */
  readonly privateKeyPem: string;
}

/** An identity from its certificate and key. */
export function fabricIdentity(options: Readonly<FabricIdentityOptions>): FabricIdentity {
  const key: KeyObject = createPrivateKey(options.privateKeyPem);
  const serialized = new msp.SerializedIdentity();
  serialized.setMspid(options.mspId);
  serialized.setIdBytes(Buffer.from(options.certificatePem, 'utf8'));
  const creator = serialized.serializeBinary();
  return {
    mspId: options.mspId,
    certificatePem: options.certificatePem,
    serialize: () => creator,
    sign: (message) => lowS(signDigest(null, createHash('sha256').update(message).digest(), { key, dsaEncoding: 'der' })),
  };
}

/** Rewrites an ECDSA P-256 DER signature to its low-S form (s <= n/2), as Fabric accepts only that. */
function lowS(der: Uint8Array): Uint8Array {
  const { r, s } = readSignature(der);
  return s > P256_N / 2n ? writeSignature(r, P256_N - s) : der;
}

function readSignature(der: Uint8Array): { r: bigint; s: bigint } {
  // SEQUENCE { INTEGER r, INTEGER s }, short-form lengths (a P-256 signature is under 128 bytes).
  const rLength = der[3] as number;
  const r = BigInt(`0x${Buffer.from(der.subarray(4, 4 + rLength)).toString('hex')}`);
  const sLength = der[5 + rLength] as number;
  const s = BigInt(`0x${Buffer.from(der.subarray(6 + rLength, 6 + rLength + sLength)).toString('hex')}`);
  return { r, s };
}

function writeSignature(r: bigint, s: bigint): Uint8Array {
  const integer = (value: bigint): Buffer => {
    let hex = value.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    const bytes = Buffer.from(hex, 'hex');
    const body = (bytes[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const content = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}
