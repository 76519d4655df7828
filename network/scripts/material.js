#!/usr/bin/env node
/**
 * Writes the crypto material of a real Fabric network of native processes, in Fabric's MSP folder
 * layout, and the SuiTrust connection profile that reaches it. `network.sh up` runs it; it needs
 * `npm run build` first (it uses the compiled `network/dist`).
 *
 * What it writes under `--directory` (nothing that exists is ever re-issued, so a network whose
 * channel already trusts these CAs can be restarted):
 *
 * - everything the embedded network has (`loadOrCreateNetworkMaterial`): per peer organisation a
 *   CA and a TLS CA, `peer0.<domain>` and the users of the organisation data, whose certificates
 *   carry `role` and `dept` in Fabric CA's attribute extension; the orderer organisation with
 *   its Raft orderers `orderer.<domain>`, `orderer2.<domain>`…, as the organisation data lists
 *   them (the embedded network's genesis block names the same consenters);
 * - a `PeerAdmin@<domain>` of each peer organisation (node OU `admin`, no SuiTrust attributes): the
 *   identity the `peer` CLI joins the channel and approves chaincode with;
 * - `chaincode/tls/`: the TLS server certificate of the chaincode-as-a-service process, issued by
 *   the first organisation's TLS CA.
 *
 * Usage:
 *
 * ```sh
 * node network/scripts/material.js --directory <dir> --profile <dir>/connection-profile.json \
 *   --peer DataBureauMSP=17051 --peer MarketRegulationMSP=18051 --peer InternetCourtMSP=19051 \
 *   --orderer 17050 --orderer 18050 --orderer 19050
 * ```
 *
 * Every peer organisation and every orderer of the data must be given a port, and nothing else:
 * the shell scripts and the organisation data then cannot drift apart silently.
 */
'use strict';

const { existsSync } = require('node:fs');
const { readFile } = require('node:fs/promises');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');

// The network package loads the contracts, and fabric-contract-api logs every decorator at info.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'critical';

const dist = resolve(__dirname, '..', 'dist');
if (!existsSync(join(dist, 'index.js'))) {
  console.error(`material.js: ${dist} is missing: run \`npm run build\` at the repository root first`);
  process.exit(2);
}
const { CITY_ORGANISATIONS, CertificateAuthority, connectionProfileFor, loadOrCreateNetworkMaterial, writeConnectionProfile } = require(dist);
const { mspLayout, nodeOusConfigYaml, organisationLayout, tlsLayout } = require(join(dist, 'bootstrap', 'mspLayout.js'));
const { createDirectoryAtomically, exists, makeDirectory, writePrivateFile, writePublicFile } = require(join(dist, 'bootstrap', 'materialFiles.js'));

/** Every node's TLS certificate also names loopback: the processes all run on this machine. */
const LOOPBACK_DNS = 'localhost';
const LOOPBACK_IP = '127.0.0.1';
/** The chaincode server's TLS host name. */
const CHAINCODE_HOST = 'chaincode.suitrust.local';

async function main() {
  const { values } = parseArgs({
    options: {
      directory: { type: 'string' },
      profile: { type: 'string' },
      peer: { type: 'string', multiple: true, default: [] },
      orderer: { type: 'string', multiple: true, default: [] },
    },
  });
  if (!values.directory || !values.profile) throw new Error('usage: material.js --directory <dir> --profile <file> --peer <MSP>=<port>... --orderer <port>...');
  const peerPorts = new Map(values.peer.map((entry) => {
    const [mspId, port] = entry.split('=');
    return [mspId, port === undefined ? Number.NaN : Number(port)];
  }));
  const ordererPorts = values.orderer.map(Number);

  const organisations = withPorts(CITY_ORGANISATIONS, peerPorts, ordererPorts);
  const material = await loadOrCreateNetworkMaterial({ directory: values.directory, organisations });
  for (const organisation of material.organisations) await ensureOrganisationAdmin(material.directory, organisation);
  await ensureChaincodeTls(material.directory, material.organisations[0]);

  await writeConnectionProfile(values.profile, connectionProfileFor(material));
  console.log(`material: ${material.directory} (${material.organisations.length} peer organisations, ${material.ordererOrganisation.consenters.length} orderers); profile: ${resolve(values.profile)}`);
}

/** The organisation data with the ports this network listens on. */
function withPorts(city, peerPorts, ordererPorts) {
  const orderers = [city.ordererOrganisation.orderer, ...(city.ordererOrganisation.additionalOrderers ?? [])];
  if (ordererPorts.length !== orderers.length) {
    throw new Error(`--orderer: the organisation data lists ${orderers.length} orderers, ${ordererPorts.length} port(s) given`);
  }
  const known = new Set(city.peerOrganisations.map((organisation) => organisation.mspId));
  for (const mspId of peerPorts.keys()) {
    if (!known.has(mspId)) throw new Error(`--peer ${mspId}: not an organisation of the data (${[...known].join(', ')})`);
  }
  return {
    ...city,
    peerOrganisations: city.peerOrganisations.map((organisation) => {
      const port = peerPorts.get(organisation.mspId);
      if (port === undefined) throw new Error(`--peer ${organisation.mspId}=<port> is missing: every peer organisation needs a peer`);
      return { ...organisation, peer: { ...organisation.peer, port } };
    }),
    ordererOrganisation: {
      ...city.ordererOrganisation,
      orderer: { ...orderers[0], port: ordererPorts[0] },
      additionalOrderers: orderers.slice(1).map((endpoint, i) => ({ ...endpoint, port: ordererPorts[i + 1] })),
    },
  };
}

/** Loads an organisation's signing CA and TLS CA from their saved certificate and key. */
async function loadCas(base, kind, mspId, domain) {
  const layout = organisationLayout(base, kind, domain);
  const load = async (certificate, key) =>
    CertificateAuthority.load({ mspId, organisation: domain, certificatePem: await readFile(certificate, 'utf8'), privateKeyPem: await readFile(key, 'utf8') });
  return { ca: await load(layout.caCertificate, layout.caKey), tlsCa: await load(layout.tlsCaCertificate, layout.tlsCaKey) };
}

/**
 * `users/PeerAdmin@<domain>/msp`, an administrator by node OU, for the peer CLI. Not cryptogen's
 * `Admin@`: beside the data's `admin@` user it would be the same folder on a case-insensitive disk.
 */
async function ensureOrganisationAdmin(base, organisation) {
  const name = `PeerAdmin@${organisation.domain}`;
  const directory = join(organisation.directory, 'users', name);
  if (await exists(directory)) return;
  const { ca, tlsCa } = await loadCas(base, 'peer', organisation.mspId, organisation.domain);
  await createDirectoryAtomically(directory, async (temporary) => {
    const identity = await ca.enrol({ commonName: name, nodeOu: 'admin' });
    await writeMsp(mspLayout(join(temporary, 'msp'), organisation.domain, `${name}-cert.pem`), organisation.domain, ca.certificatePem, tlsCa.certificatePem, identity);
  });
}

/** The chaincode server's TLS certificate, `chaincode/tls/{ca.crt,server.crt,server.key}`. */
async function ensureChaincodeTls(base, organisation) {
  const directory = join(base, 'chaincode');
  if (await exists(directory)) return;
  const { tlsCa } = await loadCas(base, 'peer', organisation.mspId, organisation.domain);
  await createDirectoryAtomically(directory, async (temporary) => {
    const tls = await tlsCa.issueTlsCertificate({ commonName: CHAINCODE_HOST, dnsNames: [CHAINCODE_HOST, LOOPBACK_DNS], ipAddresses: [LOOPBACK_IP], usages: ['serverAuth'] });
    await writeTls(tlsLayout(join(temporary, 'tls')), tlsCa.certificatePem, tls);
  });
}

async function writeMsp(layout, domain, caPem, tlsCaPem, signer) {
  await makeDirectory(join(layout.directory, 'cacerts'), false);
  await writePublicFile(layout.caCertificate, caPem);
  await makeDirectory(join(layout.directory, 'tlscacerts'), false);
  await writePublicFile(layout.tlsCaCertificate, tlsCaPem);
  await writePublicFile(layout.config, nodeOusConfigYaml(domain));
  await makeDirectory(join(layout.directory, 'signcerts'), false);
  await writePublicFile(layout.signCertificate, signer.certificatePem);
  await makeDirectory(layout.keystore, true);
  await writePrivateFile(layout.key, signer.privateKeyPem);
}

async function writeTls(layout, caPem, tls) {
  await makeDirectory(layout.directory, true);
  await writePublicFile(layout.caCertificate, caPem);
  await writePublicFile(layout.certificate, tls.certificatePem);
  await writePrivateFile(layout.key, tls.privateKeyPem);
}

main().catch((err) => {
  // Messages of the material code name files and fields, never key material.
  console.error(`material.js: ${err.message}`);
  process.exit(1);
});
