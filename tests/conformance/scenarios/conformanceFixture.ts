/**
 * What every conformance scenario module gets: the ledger's connection profile, fabric-gateway
 * connections acting as the profile's identities, the departments' credit codes, a tag unique to
 * this run (so a ledger that already holds earlier runs is no obstacle) and, for ledger proofs,
 * each organisation's peer and the channel's trust anchors.
 */
import type { Client } from '@grpc/grpc-js';
import type { Contract, Gateway, Network } from '@hyperledger/fabric-gateway';
import type { ConnectionProfile } from '@suitrust/network';
import type { PeerWitnessConnection } from '@suitrust/gateway';
import type { suitrust } from '@suitrust/proto';
import { gatewayAs, grpcClient } from '../../shared/profileClient';
import { ledgerWorld, type LedgerWorld } from './ledgerWorld';
import type { RefusalCase } from './refusals/refusalCase';

/** Where the scenarios get their profile: called once, in `beforeAll`, after the ledger is up. */
export type ProfileSource = () => ConnectionProfile | Promise<ConnectionProfile>;

/** What a ledger proof needs beyond the profile: each organisation's own peer, and what to trust. */
export interface ProofMaterial {
  /** One commit witness per organisation, each reaching its organisation's peer. */
  readonly witnesses: readonly Omit<PeerWitnessConnection, 'channel'>[];
  /** The channel's trust anchors, read from the organisations' MSP folders. */
  readonly trust: suitrust.proofs.v1.TrustAnchors;
}

/** Gives the proof material of the running ledger; called after the profile source. */
export type ProofMaterialSource = (profile: ConnectionProfile) => ProofMaterial | Promise<ProofMaterial>;

/** The departments the scenarios act for, by their credit codes (the `dept` attributes). */
export interface Departments {
  /** The data administration: the administrator organisation. */
  readonly dataBureau: string;
  /** Market regulation: issues certificates. */
  readonly market: string;
  /** Taxation, hosted by the data administration's organisation. */
  readonly tax: string;
  /** The internet court. */
  readonly court: string;
}

/** The shared state of one conformance run. */
export interface ConformanceFixture {
  readonly profile: ConnectionProfile;
  readonly departments: Departments;
  /** Unique to this run: identifiers built from it are new to the ledger. */
  readonly runTag: string;
  /**
   * The channel as a profile identity: `admin`, `issuer`, `officer` (the data administration's),
   * `officer@market`, `tax-officer`, `auditor` or `judge`.
   */
  network(identity: string): Network;
  /** One of SuiTrust's contracts (`registry`, `certificates`, …) as a profile identity. */
  contract(identity: string, contractName: string): Contract;
  /** The proof material, if the runner gave it. */
  proofMaterial(): Promise<ProofMaterial>;
  /** Ledger state shared by the scenarios, built on first use. */
  readonly world: LedgerWorld;
}

/** A group of scenarios about one domain or one ledger feature, registered into the run. */
export interface ScenarioModule {
  /** The `describe` block's title. */
  readonly title: string;
  /**
   * Registers the module's `it` blocks (and its own `beforeAll`s).
   * @param fixture - gives the run's fixture; call it inside hooks and tests, never at registration
   */
  register(fixture: () => ConformanceFixture): void;
  /**
   * Refusals of the module's own operations: the refusal table runs them with the others, and
   * counts their rules towards its coverage of every rule.
   */
  readonly refusals?: readonly RefusalCase[];
}

/** The fixture and the connections it holds, to be closed after the run. */
export interface OpenFixture {
  readonly fixture: ConformanceFixture;
  close(): void;
}

/**
 * Connects to the ledger the profile describes.
 * @param proofs - the runner's proof material, if any
 * @throws {Error} when the profile lacks an identity the scenarios act as
 */
export function openFixture(profile: ConnectionProfile, proofs: ProofMaterialSource | undefined): OpenFixture {
  const client: Client = grpcClient(profile);
  const gateways = new Map<string, Gateway>();
  const gatewayFor = (identity: string): Gateway => {
    let gateway = gateways.get(identity);
    if (!gateway) {
      gateway = gatewayAs(profile, client, profileIdentityName(profile, identity));
      gateways.set(identity, gateway);
    }
    return gateway;
  };
  const dept = (identity: string): string => profile.identities.find((candidate) => candidate.name === profileIdentityName(profile, identity))?.dept ?? '';
  let proofMaterial: Promise<ProofMaterial> | undefined;
  const fixture: ConformanceFixture = {
    profile,
    departments: { dataBureau: dept('admin'), market: dept('issuer'), tax: dept('tax-officer'), court: dept('judge') },
    runTag: `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`,
    network: (identity) => gatewayFor(identity).getNetwork(profile.channel),
    contract: (identity, contractName) => gatewayFor(identity).getNetwork(profile.channel).getContract(profile.chaincode, contractName),
    proofMaterial: () => {
      if (!proofs) return Promise.reject(new Error('this runner gives no proof material: pass a ProofMaterialSource to runConformanceScenarios'));
      proofMaterial ??= Promise.resolve(proofs(profile));
      return proofMaterial;
    },
    world: ledgerWorld(() => fixture),
  };
  return {
    fixture,
    close: () => {
      for (const gateway of gateways.values()) gateway.close();
      client.close();
    },
  };
}

/** The profile identity a scenario names: `issuer` is the first `issuer@…`, `officer@market` is `officer@market.…`. */
function profileIdentityName(profile: ConnectionProfile, identity: string): string {
  const found = profile.identities.find((candidate) => candidate.name === identity || candidate.name.startsWith(`${identity}@`) || candidate.name.startsWith(`${identity}.`));
  if (!found) throw new Error(`no identity ${identity} in the connection profile`);
  return found.name;
}
