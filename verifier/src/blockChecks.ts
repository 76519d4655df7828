/**
 * Checks that the transaction is in its block and that the block is on the chain: the envelope
 * at tx_index, the block's data hash, the header chain's links, and the orderers' signatures
 * over value ‖ signature_header ‖ header DER (Fabric 2.5 `orderer/common/multichannel/
 * blockwriter.go`, stored at metadata index SIGNATURES). One valid orderer signature suffices,
 * as for a Raft ordering service.
 */
import type { suitrust } from '@suitrust/proto';
import { bytesEqual, concatBytes, toHex } from './bytes';
import { failed, passed, type Check } from './check';
import { verifyP256Signature } from './ecdsaP256';
import { parseSignatureHeader } from './fabricMessages';
import { blockDataHash, blockHeaderBytes, blockHeaderHash, type HeaderFields } from './blockHeaderHash';
import type { IdentityCheck, TrustIndex } from './trustIndex';

/**
 * A protobuf header as hashed fields (absent fields are Fabric's defaults: 0 and empty).
 *
 * @param header - the proof's header
 * @returns its fields
 */
export function headerFields(header: suitrust.proofs.v1.IBlockHeader | null | undefined): HeaderFields {
  return { number: Number(header?.number ?? 0), previousHash: header?.previousHash ?? new Uint8Array(), dataHash: header?.dataHash ?? new Uint8Array() };
}

/**
 * `block.txIndex` and `block.dataHash`.
 *
 * @param proof - the ledger proof
 * @returns the two checks
 */
export function blockContentChecks(proof: suitrust.proofs.v1.ILedgerProof): Check[] {
  const envelopes = proof.blockEnvelopes ?? [];
  const index = proof.txIndex ?? 0;
  const header = headerFields(proof.blockHeader);
  const atIndex = envelopes[index];
  const txIndex = !atIndex
    ? failed('block.txIndex', `tx_index ${index} is outside the block's ${envelopes.length} envelopes`)
    : bytesEqual(atIndex, proof.envelope ?? new Uint8Array())
      ? passed('block.txIndex', `the transaction is envelope ${index} of block ${header.number}`)
      : failed('block.txIndex', `envelope ${index} of the block is not the transaction's envelope`);
  const computed = blockDataHash(envelopes);
  const dataHash = bytesEqual(computed, header.dataHash)
    ? passed('block.dataHash', `SHA-256 of the ${envelopes.length} envelopes is the header's data hash`)
    : failed('block.dataHash', `SHA-256 of the ${envelopes.length} envelopes is ${toHex(computed)}, the header says ${toHex(header.dataHash)}`);
  return [txIndex, dataHash];
}

/**
 * `headerChain[i].number` and `headerChain[i].previousHash` for every later header.
 *
 * @param proof - the ledger proof
 * @returns two checks per header of the chain
 */
export function headerChainChecks(proof: suitrust.proofs.v1.ILedgerProof): Check[] {
  const checks: Check[] = [];
  let previous = headerFields(proof.blockHeader);
  (proof.headerChain ?? []).forEach((next, index) => {
    const header = headerFields(next);
    const name = `headerChain[${index}]`;
    checks.push(header.number === previous.number + 1 ? passed(`${name}.number`, `block ${header.number} follows block ${previous.number}`) : failed(`${name}.number`, `block ${header.number} does not follow block ${previous.number}`));
    const hash = blockHeaderHash(previous);
    checks.push(
      bytesEqual(hash, header.previousHash)
        ? passed(`${name}.previousHash`, `block ${header.number} links to block ${previous.number}'s hash`)
        : failed(`${name}.previousHash`, `block ${previous.number}'s hash is ${toHex(hash)}, block ${header.number} carries ${toHex(header.previousHash)}`),
    );
    previous = header;
  });
  return checks;
}

/**
 * An orderer signature check over a header.
 *
 * @param name - `blockSignature.orderer` or `lastBlockSignature.orderer`
 * @param header - the signed header
 * @param signatures - the block's orderer signatures
 * @param trust - the trusted orderer CAs
 * @returns passed when one signature is by a trusted orderer and verifies
 */
export function ordererSignatureCheck(name: string, header: HeaderFields, signatures: readonly suitrust.proofs.v1.IBlockSignature[], trust: TrustIndex): Check {
  if (signatures.length === 0) return failed(name, `block ${header.number} carries no orderer signature`);
  const headerDer = blockHeaderBytes(header);
  const reasons: string[] = [];
  for (const [index, signature] of signatures.entries()) {
    const signatureHeader = signature.signatureHeader ?? new Uint8Array();
    let orderer: IdentityCheck;
    try {
      orderer = trust.identify(parseSignatureHeader(signatureHeader).creator, 'orderer');
    } catch (error) {
      reasons.push(`signature ${index}: ${(error as Error).message}`);
      continue;
    }
    if (!orderer.ok) {
      reasons.push(`signature ${index}: ${orderer.reason}`);
      continue;
    }
    const signed = concatBytes(signature.value ?? new Uint8Array(), signatureHeader, headerDer);
    const outcome = verifyP256Signature(orderer.certificate.publicKey, signed, signature.signature ?? new Uint8Array(), { requireLowS: true }, trust.p256);
    if (outcome.ok) return passed(name, `block ${header.number} signed by an orderer of ${orderer.mspId}`);
    reasons.push(`signature ${index}: ${outcome.reason}`);
  }
  return failed(name, `no valid orderer signature on block ${header.number}: ${reasons.join('; ')}`);
}
