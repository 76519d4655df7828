/**
 * gRPC errors as Fabric's gateway returns them: a status code, a message and, for endorsement,
 * evaluation and submission failures, `gateway.ErrorDetail`s packed into a `google.rpc.Status`
 * in the `grpc-status-details-bin` trailer (internal/pkg/gateway/apiutils.go newRpcError).
 */
import { Metadata, status as Status, type ServiceError } from '@grpc/grpc-js';
import { gateway, google } from '@hyperledger/fabric-protos';
import { Any } from 'google-protobuf/google/protobuf/any_pb';

/** Where an error came from, as ErrorDetail reports it. */
export interface ErrorSource {
  readonly address: string;
  readonly mspId: string;
}

/** A gRPC error with Fabric's details. */
export function rpcError(code: Status, message: string, details: readonly { source: ErrorSource; message: string }[] = []): Partial<ServiceError> {
  const metadata = new Metadata();
  if (details.length > 0) {
    const rpcStatus = new google.rpc.Status();
    rpcStatus.setCode(code);
    rpcStatus.setMessage(message);
    rpcStatus.setDetailsList(
      details.map((detail) => {
        const errorDetail = new gateway.ErrorDetail();
        errorDetail.setAddress(detail.source.address);
        errorDetail.setMspId(detail.source.mspId);
        errorDetail.setMessage(detail.message);
        const any = new Any();
        any.pack(errorDetail.serializeBinary(), 'gateway.ErrorDetail');
        return any;
      }),
    );
    metadata.set('grpc-status-details-bin', Buffer.from(rpcStatus.serializeBinary()));
  }
  return { code, details: message, metadata };
}
