import type { peer } from '@hyperledger/fabric-protos';

/**
 * One side of a chaincode conversation: the shape both a gRPC `ChaincodeSupport.Register`
 * stream and an in-process pipe have, so the peer side is the same code for both.
 */
export interface MessageStream {
  write(message: peer.ChaincodeMessage): void;
  on(event: 'data', listener: (message: peer.ChaincodeMessage) => void): this;
  on(event: 'end' | 'error', listener: (error?: Error) => void): this;
  end(): void;
}
