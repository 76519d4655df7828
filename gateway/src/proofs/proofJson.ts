/**
 * The one JSON form of proof messages the gateway serves (a bundle, the trust list): protobuf's
 * JSON mapping (bytes in base64, 64-bit integers as strings, empty lists written out) with keys
 * sorted at every depth, so the same message always gives the same bytes. It is what
 * `verify --trust TRUST.json`, `verify BUNDLE.json` and the browser page read back with
 * `fromObject`.
 */
import { canonicalJson } from '@suitrust/chaincode';
import type { suitrust } from '@suitrust/proto';

/** protobufjs's conversion options, as the generated types take them. */
type ConversionOptions = NonNullable<Parameters<typeof suitrust.proofs.v1.TrustAnchors.toObject>[1]>;

/** A generated message type's `toObject`. */
interface ConvertibleType<T> {
  toObject(message: T, options?: ConversionOptions): Record<string, unknown>;
}

const OPTIONS: ConversionOptions = { bytes: String, longs: String, arrays: true, json: true };

/**
 * The canonical JSON of a proof message.
 *
 * @param type - the message's generated type, e.g. `suitrust.proofs.v1.TrustAnchors`
 * @param message - the message
 * @returns the JSON text
 */
export function proofJson<T>(type: ConvertibleType<T>, message: T): string {
  return canonicalJson(type.toObject(message, OPTIONS));
}
