/**
 * Connects the stock `@hyperledger/fabric-gateway` client to a peer described by a SuiTrust
 * connection profile, as any application would: gRPC over TLS to the profile's endpoint, one of
 * its identities, and a signer over that identity's key.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import { readConnectionProfile, type ConnectionProfile } from '@suitrust/network';

/** A gRPC connection to the profile's peer. */
export function grpcClient(profile: ConnectionProfile): grpc.Client {
  const credentials = grpc.credentials.createSsl(readFileSync(profile.peer.tlsRootCertPath));
  return new grpc.Client(profile.peer.endpoint, credentials, profile.peer.hostnameOverride ? { 'grpc.ssl_target_name_override': profile.peer.hostnameOverride } : {});
}

/** Deadlines of a gateway's calls, in ms. */
export interface CallDeadlines {
  readonly evaluate: number;
  readonly endorse: number;
  readonly submit: number;
  readonly commitStatus: number;
}

const DEFAULT_DEADLINES: CallDeadlines = { evaluate: 10_000, endorse: 15_000, submit: 10_000, commitStatus: 30_000 };

/**
 * A gateway connection acting as the profile identity named `name`, or whose name starts with `name@`.
 * @param deadlines - shorter deadlines, e.g. so a call to a killed peer cannot outlive a test
 */
export function gatewayAs(profile: ConnectionProfile, client: grpc.Client, name: string, deadlines: CallDeadlines = DEFAULT_DEADLINES): Gateway {
  const identity = profile.identities.find((candidate) => candidate.name === name || candidate.name.startsWith(`${name}@`));
  if (!identity) throw new Error(`no identity ${name} in the connection profile`);
  return connect({
    client,
    identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(identity.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluate }),
    endorseOptions: () => ({ deadline: Date.now() + deadlines.endorse }),
    submitOptions: () => ({ deadline: Date.now() + deadlines.submit }),
    commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatus }),
  });
}

export { readConnectionProfile };
