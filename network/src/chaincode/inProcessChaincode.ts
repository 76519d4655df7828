/**
 * Runs a contract chaincode in this process inside the unmodified fabric-shim: its own
 * `ChaincodeFromContract` routing and `ChaincodeMessageHandler`, speaking the chaincode protocol
 * over an in-process pipe to a {@link ChaincodeConnection}, as it would over gRPC to a peer.
 */
import { peer } from '@hyperledger/fabric-protos';
import { ChaincodeConnection } from './chaincodeConnection';
import { inProcessPipe } from './inProcessPipe';

// fabric-shim's internals have no type declarations; these are the parts used, as the shim's
// own bootstrap (lib/contract-spi/bootstrap.js) and server (lib/server.js) use them.
interface ShimHandler {
  chat(registerMessage: peer.ChaincodeMessage): void;
}
type HandlerConstructor = new (stream: unknown, chaincode: unknown) => ShimHandler;
type ChaincodeFromContractConstructor = new (
  contracts: readonly unknown[],
  serializers: unknown,
  metadata: unknown,
  title: string,
  version: string,
) => unknown;

/** Options of {@link startInProcessChaincode}. */
export interface InProcessChaincodeOptions {
  /** The chaincode's name as the peer knows it (its package id). */
  readonly name: string;
  readonly version: string;
  /** The contract classes, as a chaincode's `contracts` export lists them. */
  readonly contracts: readonly unknown[];
}

/**
 * Starts a contract chaincode in this process and returns the peer's connection to it, once the
 * chaincode has registered.
 */
export async function startInProcessChaincode(options: Readonly<InProcessChaincodeOptions>): Promise<ChaincodeConnection> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ChaincodeMessageHandler } = require('fabric-shim/lib/handler.js') as { ChaincodeMessageHandler: HandlerConstructor };
  const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract.js') as ChaincodeFromContractConstructor;
  const { JSONSerializer } = require('fabric-contract-api') as { JSONSerializer: unknown };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  const chaincode = new ChaincodeFromContract(options.contracts, serializers, {}, options.name, options.version);

  const [peerSide, chaincodeSide] = inProcessPipe();
  const connection = new ChaincodeConnection(peerSide);
  const handler = new ChaincodeMessageHandler(chaincodeSide, chaincode);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(options.name);
  const register = new peer.ChaincodeMessage();
  register.setType(peer.ChaincodeMessage.Type.REGISTER);
  register.setPayload(chaincodeId.serializeBinary());
  handler.chat(register);
  await connection.registered;
  return connection;
}
