#!/usr/bin/env node
/**
 * Waits until each peer's Gateway can gather the endorsements the chaincode's policy asks for.
 * `network.sh deploy` runs it last: a committed definition is not enough, because a Gateway plans
 * endorsements from what gossip tells it about the other organisations' peers (which chaincodes
 * they have), and that news arrives seconds after the commit. Until then a submit fails with "no
 * combination of peers can be derived which satisfy the endorsement policy".
 *
 * The probe endorses the contract API's own `org.hyperledger.fabric:GetMetadata` through the
 * stock fabric-gateway client, as the profile's first `admin` identity, and never submits it:
 * nothing reaches the ledger.
 *
 * Usage:
 *
 * ```sh
 * node network/scripts/gatewayReady.js --profile <dir>/connection-profile.json --timeout 120 \
 *   --peer localhost:17051,<tls root PEM file>,peer0.databureau.suitrust.local --peer …
 * ```
 */
'use strict';

const { createPrivateKey } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { resolve, dirname, isAbsolute } = require('node:path');
const { parseArgs } = require('node:util');

let grpc;
let gateway;
try {
  grpc = require('@grpc/grpc-js');
  gateway = require('@hyperledger/fabric-gateway');
} catch {
  console.error('gatewayReady.js: @hyperledger/fabric-gateway is missing: run `npm ci` at the repository root first');
  process.exit(2);
}

/** Between probes: gossip publishes what a peer runs every 4 s (peer.gossip.publishStateInfoInterval). */
const RETRY_MS = 1000;

async function main() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      peer: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string', default: '120' },
    },
  });
  if (!values.profile || values.peer.length === 0) throw new Error('usage: gatewayReady.js --profile <file> --peer <endpoint>,<tls root>,<host name>... [--timeout <s>]');
  const profile = JSON.parse(readFileSync(values.profile, 'utf8'));
  const base = dirname(resolve(values.profile));
  const path = (file) => (isAbsolute(file) ? file : resolve(base, file));
  const admin = profile.identities.find((identity) => identity.role === 'admin');
  if (!admin) throw new Error(`${values.profile}: no identity with the role admin`);
  const deadline = Date.now() + Number(values.timeout) * 1000;

  for (const entry of values.peer) {
    const [endpoint, tlsRoot, hostName] = entry.split(',');
    const client = new grpc.Client(endpoint, grpc.credentials.createSsl(readFileSync(tlsRoot)), { 'grpc.ssl_target_name_override': hostName });
    const connection = gateway.connect({
      client,
      identity: { mspId: admin.mspId, credentials: readFileSync(path(admin.certPath)) },
      signer: gateway.signers.newPrivateKeySigner(createPrivateKey(readFileSync(path(admin.keyPath)))),
      hash: gateway.hash.sha256,
      endorseOptions: () => ({ deadline: Date.now() + 15_000 }),
    });
    try {
      const contract = connection.getNetwork(profile.channel).getContract(profile.chaincode);
      for (let attempt = 1; ; attempt++) {
        try {
          await contract.newProposal('org.hyperledger.fabric:GetMetadata').endorse();
          console.log(`gateway of ${hostName}: endorses (attempt ${attempt})`);
          break;
        } catch (err) {
          if (Date.now() > deadline) throw new Error(`gateway of ${hostName} still cannot endorse: ${err.message}`);
          await new Promise((wake) => setTimeout(wake, RETRY_MS));
        }
      }
    } finally {
      connection.close();
      client.close();
    }
  }
}

main().catch((err) => {
  console.error(`gatewayReady.js: ${err.message}`);
  process.exit(1);
});
