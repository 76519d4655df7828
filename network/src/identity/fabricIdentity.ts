import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';
import { signatureToLowS } from '../validation/ecdsaSignature';

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
    // node:crypto hashes the message with SHA-256 itself: the signature is over SHA-256(message).
    sign: (message) => signatureToLowS(sign('sha256', message, { key, dsaEncoding: 'der' }), 'P-256'),
  };
}
